import { authenticatorCode } from '../test/support/reference-totp';
import { classifyPeerAnswer, createPeerUserWithTwoFactor, openPeerChallenge, peerCall } from './peer-prepare';
import { wrongCodesFor } from './prepare';

const PASSWORD = 'bench probe password 0123456789';

export interface PeerProbes {
  /** One right code answered to two sign-ins of the same account within its step: both accepted? */
  replayAccepted: boolean;
  /** Wrong codes sent at once, one per open challenge of one account, and how each was answered. */
  burstSize: number;
  burstAnswers: Record<string, number>;
}

/**
 * Two facts of better-auth's source checked against the running peer: a TOTP code is not remembered once accepted,
 * and the account lock (10 failures) is read before the code is checked but counted after it, so wrong codes sent
 * at once on several open challenges of one account are all checked in full.
 */
export async function probePeer(baseUrl: string, burstSize = 20): Promise<PeerProbes> {
  const replayUser = await createPeerUserWithTwoFactor(baseUrl, 'probe-replay@bench.peer.test', PASSWORD);
  const first = await openPeerChallenge(baseUrl, replayUser);
  const second = await openPeerChallenge(baseUrl, replayUser);
  const code = authenticatorCode(replayUser.secret, Date.now());
  const firstAnswer = await peerCall(baseUrl, '/two-factor/verify-totp', { code }, first);
  const secondAnswer = await peerCall(baseUrl, '/two-factor/verify-totp', { code }, second);

  const burstUser = await createPeerUserWithTwoFactor(baseUrl, 'probe-burst@bench.peer.test', PASSWORD);
  const challenges: string[] = [];
  for (let index = 0; index < burstSize; index += 1) {
    challenges.push(await openPeerChallenge(baseUrl, burstUser));
  }
  const wrongCodes = wrongCodesFor(burstUser.secret, burstSize);
  const answers = await Promise.all(
    challenges.map((challenge, index) =>
      peerCall(baseUrl, '/two-factor/verify-totp', { code: wrongCodes[index] }, challenge),
    ),
  );
  const burstAnswers: Record<string, number> = {};
  for (const answer of answers) {
    const kind = classifyPeerAnswer(answer.status, JSON.stringify(answer.body));
    burstAnswers[kind] = (burstAnswers[kind] ?? 0) + 1;
  }
  return {
    replayAccepted: firstAnswer.status === 200 && secondAnswer.status === 200,
    burstSize,
    burstAnswers,
  };
}
