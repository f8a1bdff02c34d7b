import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throwaway PKI made by the system's openssl (Debian's `openssl` package): a corporate root CA and server
 * certificates it signs for 127.0.0.1, as files, the way IT hands them to the server (SECURUS_TLS_CERT / _KEY) and
 * to the console's policy (caBundlePath).
 */
export interface TestPki {
  dir: string;
  /** A root CA: its certificate (PEM file) goes in the console's CA bundle. */
  newAuthority(name: string): { certFile: string; keyFile: string };
  /** A leaf certificate for 127.0.0.1 and localhost, valid for `days` from now, signed by `authority`. */
  issueServerCertificate(
    authority: { certFile: string; keyFile: string },
    name: string,
    days?: number,
  ): { certFile: string; keyFile: string };
  remove(): void;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'securus-pki-'));
  const file = (name: string) => join(dir, name);
  return {
    dir,
    newAuthority(name) {
      const certFile = file(`${name}.crt`);
      const keyFile = file(`${name}.key`);
      openssl([
        'req',
        '-x509',
        ...EC_KEY,
        '-days',
        '2',
        '-subj',
        `/O=Securus Test/CN=${name}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ]);
      return { certFile, keyFile };
    },
    issueServerCertificate(authority, name, days = 1) {
      const certFile = file(`${name}.crt`);
      const keyFile = file(`${name}.key`);
      const request = file(`${name}.csr`);
      const extensions = file(`${name}.ext`);
      writeFileSync(
        extensions,
        'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
      );
      openssl(['req', ...EC_KEY, '-subj', `/CN=${name}`, '-keyout', keyFile, '-out', request]);
      openssl([
        'x509',
        '-req',
        '-in',
        request,
        '-CA',
        authority.certFile,
        '-CAkey',
        authority.keyFile,
        '-CAcreateserial',
        '-days',
        String(days),
        '-extfile',
        extensions,
        '-out',
        certFile,
      ]);
      return { certFile, keyFile };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
