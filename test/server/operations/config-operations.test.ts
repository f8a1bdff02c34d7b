import { describe, expect, it } from 'vitest';
import { listenerOptions } from '../../../server/app/listener-options';
import { ConfigError, loadServerConfig } from '../../../server/config';

describe('the settings for running the server', () => {
  it('reads SECURUS_TRUST_PROXY as a comma list of addresses and CIDR ranges, off by default', () => {
    expect(loadServerConfig({}).trustProxy).toBeUndefined();
    expect(listenerOptions(loadServerConfig({}), null).trustProxy).toBe(false);
    const config = loadServerConfig({ SECURUS_TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16 ,fd00::/8, loopback' });
    expect(config.trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    expect(listenerOptions(config, null).trustProxy).toEqual(config.trustProxy);
  });

  it.each([
    [
      { SECURUS_TRUST_PROXY: 'proxy.corp.example' },
      /SECURUS_TRUST_PROXY \(trustProxy\.0\): "proxy\.corp\.example" is not an IP address or CIDR range/,
    ],
    [{ SECURUS_TRUST_PROXY: '10.0.0.0/33' }, /SECURUS_TRUST_PROXY .*"10\.0\.0\.0\/33" is not/],
    [
      { SECURUS_TLS_KEY: '/etc/securus/tls/server.key' },
      /SECURUS_TLS_CERT \(tls\.certFile\): must be set together with SECURUS_TLS_KEY/,
    ],
    [{ SECURUS_METRICS_HOST: '127.0.0.1' }, /SECURUS_METRICS_PORT \(metrics\.port\): must be a port number/],
    [{ SECURUS_METRICS_PORT: '70000' }, /SECURUS_METRICS_PORT \(metrics\.port\)/],
    [{ SECURUS_SHUTDOWN_TIMEOUT_SECONDS: '0' }, /SECURUS_SHUTDOWN_TIMEOUT_SECONDS \(shutdownTimeoutSeconds\)/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadServerConfig(env)).toThrow(ConfigError);
    expect(() => loadServerConfig(env)).toThrow(message);
  });

  it('serves metrics only when SECURUS_METRICS_PORT is set, on loopback unless SECURUS_METRICS_HOST says otherwise', () => {
    expect(loadServerConfig({}).metrics).toBeUndefined();
    expect(loadServerConfig({ SECURUS_METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadServerConfig({ SECURUS_METRICS_PORT: '9464', SECURUS_METRICS_HOST: '10.0.0.7' }).metrics).toEqual({
      port: 9464,
      host: '10.0.0.7',
    });
    expect(loadServerConfig({}).shutdownTimeoutSeconds).toBe(10);
  });
});
