import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#config';
import { loadGatewayConfig } from '../config/gateway.config.js';

const KEY = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----';
const valid = { JWT_PUBLIC_KEY: KEY, JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'api' };

/** The ConfigError message of loading `env`. */
function problems(env: NodeJS.ProcessEnv): string {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway auth settings', () => {
  it('have safe defaults: auth on, ES256/RS256/EdDSA, 30 s skew, 600 requests a minute, no CORS', () => {
    expect(loadGatewayConfig(valid)).toMatchObject({
      AUTH_DISABLED: false,
      JWT_ALGORITHMS: ['ES256', 'RS256', 'EdDSA'],
      JWT_CLOCK_TOLERANCE_S: 30,
      RATE_LIMIT: 600,
      CORS_ORIGINS: [],
    });
  });

  it('refuse to start without a key source, an issuer and an audience, naming each', () => {
    const message = problems({ JWT_PUBLIC_KEY: '' });
    expect(message).toMatch(/^ {2}JWT_PUBLIC_KEY: set exactly one of/m);
    expect(message).toMatch(/^ {2}JWT_ISSUER: required/m);
    expect(message).toMatch(/^ {2}JWT_AUDIENCE: required/m);
    expect(problems({ ...valid, JWT_JWKS_URL: 'https://idp.example/jwks' })).toMatch(
      /JWT_JWKS_URL: set exactly one of/,
    );
  });

  it('refuse alg none, HMAC, an unbounded clock skew and bad origins', () => {
    for (const JWT_ALGORITHMS of ['none', 'HS256', 'ES256,none']) {
      expect(problems({ ...valid, JWT_ALGORITHMS })).toMatch(/JWT_ALGORITHMS/);
    }
    expect(problems({ ...valid, JWT_CLOCK_TOLERANCE_S: '3600' })).toMatch(/JWT_CLOCK_TOLERANCE_S/);
    expect(problems({ ...valid, CORS_ORIGINS: 'not a url' })).toMatch(/CORS_ORIGINS/);
  });

  it('run without authentication only when AUTH_DISABLED=true says so', () => {
    expect(loadGatewayConfig({ AUTH_DISABLED: 'true' }).AUTH_DISABLED).toBe(true);
    expect(problems({ AUTH_DISABLED: 'yes' })).toMatch(/AUTH_DISABLED/);
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and reads true, hop counts and address lists', () => {
    const trust = (TRUST_PROXY?: string) =>
      loadGatewayConfig({ ...valid, TRUST_PROXY }).TRUST_PROXY;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8,127.0.0.1')).toBe('10.0.0.0/8,127.0.0.1');
  });
});
