import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, type ServerConfig } from './config';

/** What Fastify's `https` option takes, plus the certificate's end for the metrics. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** Epoch milliseconds after which the certificate is no longer valid. */
  notAfter: number;
}

function readPem(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(`${variable} (${file}) cannot be read (${code}); the server needs it to serve HTTPS.`);
  }
}

function parseCertificate(file: string, pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new ConfigError(`SECURUS_TLS_CERT (${file}) holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  }
}

function parseKey(file: string, pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new ConfigError(
      `SECURUS_TLS_KEY (${file}) holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----); a key with a passphrase is not supported.`,
    );
  }
}

/**
 * Reads and checks SECURUS_TLS_CERT / SECURUS_TLS_KEY once, at start: a server that cannot serve its certificate
 * (unreadable, mismatched, expired or not yet valid) refuses to start with the variable to fix, instead of failing
 * every console's handshake later. Null when TLS is not configured (plain HTTP, for loopback or behind a proxy).
 */
export function loadTlsMaterial(config: ServerConfig, nowMs: number): TlsMaterial | null {
  if (!config.tls) {
    return null;
  }
  const { certFile, keyFile } = config.tls;
  const cert = readPem('SECURUS_TLS_CERT', certFile);
  const key = readPem('SECURUS_TLS_KEY', keyFile);
  const certificate = parseCertificate(certFile, cert);
  if (!certificate.checkPrivateKey(parseKey(keyFile, key))) {
    throw new ConfigError(
      `SECURUS_TLS_KEY (${keyFile}) is not the private key of the certificate in SECURUS_TLS_CERT (${certFile}).`,
    );
  }
  const notBefore = Date.parse(certificate.validFrom);
  const notAfter = Date.parse(certificate.validTo);
  if (notAfter <= nowMs) {
    throw new ConfigError(
      `SECURUS_TLS_CERT (${certFile}): the certificate expired on ${new Date(notAfter).toISOString()}; renew it.`,
    );
  }
  if (notBefore > nowMs) {
    throw new ConfigError(
      `SECURUS_TLS_CERT (${certFile}): the certificate is valid only from ${new Date(notBefore).toISOString()}; check the clock of this machine.`,
    );
  }
  return { cert, key, notAfter };
}
