import { Alert } from './Alert';

/** Authenticator codes last 30 s and the server accepts one step either side: a clock this far off is the usual cause. */
export const CLOCK_SKEW_LIMIT_SECONDS = 15;

export function ClockSkewHint({ skewSeconds }: { skewSeconds: number | null | undefined }) {
  if (skewSeconds === null || skewSeconds === undefined || Math.abs(skewSeconds) <= CLOCK_SKEW_LIMIT_SECONDS) {
    return null;
  }
  const seconds = Math.round(Math.abs(skewSeconds));
  const direction = skewSeconds > 0 ? 'ahead of' : 'behind';
  return (
    <Alert tone="warning" title="This workstation’s clock is off">
      <p>
        It is {seconds} seconds {direction} the Securus server’s clock. Codes from an authenticator app are refused when
        the phone’s clock is off by as much: set the date and time to update automatically on your phone and on this
        workstation, or contact IT.
      </p>
    </Alert>
  );
}
