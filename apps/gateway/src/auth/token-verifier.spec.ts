import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceUnavailableException } from '@nestjs/common';
import { SignJWT, exportJWK } from 'jose';
import { loadGatewayConfig } from '../config/gateway.config.js';
import { AuthenticationError } from './auth-errors.js';
import { TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://idp.example/';
const AUDIENCE = 'people-api';

describe(`${TokenVerifier.name} with a JWKS URL (as with a real identity provider)`, () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let jwksUrl: string;

  const verifierFor = (url: string) =>
    new TokenVerifier(
      loadGatewayConfig({ JWT_JWKS_URL: url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }),
    );
  const sign = (claims: Record<string, unknown>, kid = 'key-1') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('alice')
      .setExpirationTime('5m')
      .sign(privateKey);
  const request = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts a token signed by a key of the set, with scopes from `scope` or `scp`', async () => {
    const verifier = verifierFor(jwksUrl);
    const principal = await verifier.principalOf(request(await sign({ scope: 'read write' })));
    expect(principal.subject).toBe('alice');
    expect([...principal.scopes]).toEqual(['read', 'write']);
    const scp = await verifier.principalOf(request(await sign({ scp: ['read'] })));
    expect([...scp.scopes]).toEqual(['read']);
  });

  it('refuses a token whose key id the set does not have', async () => {
    await expect(
      verifierFor(jwksUrl).principalOf(request(await sign({ scope: 'read' }, 'other'))),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const verifier = verifierFor('http://127.0.0.1:9/jwks.json');
    await expect(
      verifier.principalOf(request(await sign({ scope: 'read' }))),
    ).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('verifies a request once, however often it is asked', async () => {
    const verifier = verifierFor(jwksUrl);
    const req = request(await sign({ scope: 'read' }));
    expect(verifier.principalOf(req)).toBe(verifier.principalOf(req));
  });

  describe('remembering verified tokens', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('trusts a verified token again, and refuses it once it expires', async () => {
      const verifier = verifierFor(jwksUrl);
      const token = await sign({ scope: 'read' });
      const first = await verifier.principalOf(request(token));
      expect(await verifier.principalOf(request(token))).toBe(first);

      // Six minutes on (the token lives five, the skew allowed is 30 s): the cache must not serve it.
      jest.useFakeTimers({
        now: Date.now() + 6 * 60_000,
        doNotFake: ['nextTick', 'queueMicrotask'],
      });
      await expect(verifier.principalOf(request(token))).rejects.toThrow('the token expired');
    });

    it('does not remember a refused token', async () => {
      const verifier = verifierFor(jwksUrl);
      const token = await sign({ scope: 'read' }, 'other');
      for (let i = 0; i < 2; i++) {
        await expect(verifier.principalOf(request(token))).rejects.toBeInstanceOf(
          AuthenticationError,
        );
      }
    });
  });
});
