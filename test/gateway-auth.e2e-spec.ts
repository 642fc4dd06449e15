import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { connect } from 'node:net';
import { LOCAL_JWT_AUDIENCE, LOCAL_JWT_ISSUER, mintToken } from '#devstack';
import { TestStack, http } from '#testing';

/** base64url of a JSON value, for hand-made tokens. */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('gateway authentication and scopes (bearer JWTs checked against the local key)', () => {
  const stack = new TestStack();
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (token?: string) =>
    http(
      'GET',
      `${stack.gatewayUrl}/people`,
      undefined,
      token === undefined ? { authorization: '' } : bearer(token),
    );

  beforeAll(async () => {
    await stack.start({ people: 1, gateway: 1 });
  });

  afterAll(async () => {
    await stack.stop();
  });

  /** Expects a 401 problem+json with a Bearer challenge. */
  function expectUnauthorized(res: Awaited<ReturnType<typeof http>>, invalidToken: boolean) {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    const challenge = res.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer realm="api"/);
    if (invalidToken) expect(challenge).toContain('error="invalid_token"');
  }

  it('answers a request with a valid read+write token', async () => {
    expect((await get(await mintToken())).status).toBe(200);
  });

  it('401 without a token, and for a header that is not a bearer token', async () => {
    expectUnauthorized(await get(), false);
    expectUnauthorized(
      await http('GET', `${stack.gatewayUrl}/people`, undefined, {
        authorization: 'Basic dXNlcjpwdw==',
      }),
      true,
    );
  });

  it('401 for an expired token (beyond the clock tolerance)', async () => {
    expectUnauthorized(await get(await mintToken({ ttlSeconds: -120 })), true);
  });

  it('401 for a token signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expectUnauthorized(await get(await mintToken({ privateKey })), true);
  });

  it('401 for an alg "none" token and for an HMAC token', async () => {
    const claims = {
      sub: 'mallory',
      scope: 'read write',
      iss: LOCAL_JWT_ISSUER,
      aud: LOCAL_JWT_AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    expectUnauthorized(await get(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`), true);
    expectUnauthorized(
      await get(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`),
      true,
    );
  });

  it('401 for a wrong issuer or a wrong audience', async () => {
    expectUnauthorized(await get(await mintToken({ issuer: 'https://evil.example' })), true);
    expectUnauthorized(await get(await mintToken({ audience: 'some-other-api' })), true);
  });

  it('403 problem+json when the token lacks the scope: read-only cannot write, write-only cannot read', async () => {
    const readOnly = await mintToken({ scope: 'read' });
    expect((await get(readOnly)).status).toBe(200);
    const write = await http(
      'POST',
      `${stack.gatewayUrl}/people`,
      { fullName: 'Nobody', address: 'x', country: 'US' },
      bearer(readOnly),
    );
    expect(write.status).toBe(403);
    expect(write.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(write.body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(write.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect((await get(await mintToken({ scope: 'write' }))).status).toBe(403);
  });

  it('keeps /health, /docs and /docs-json open, with security headers', async () => {
    for (const path of ['/health', '/docs', '/docs-json']) {
      const res = await http('GET', `${stack.gatewayUrl}${path}`, undefined, { authorization: '' });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('429 problem+json with Retry-After past RATE_LIMIT a minute, counted per token subject', async () => {
    const limited = await stack.add('gateway', { RATE_LIMIT: '5' });
    await stack.waitHealthy(limited);
    const alice = bearer(await mintToken({ subject: `alice-${Date.now()}` }));
    const bob = bearer(await mintToken({ subject: `bob-${Date.now()}` }));
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => http('GET', `${limited.url}/people`, undefined, alice)),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0].headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused[0].body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await http('GET', `${limited.url}/people`, undefined, bob)).status).toBe(200);
    expect((await http('GET', `${limited.url}/health`, undefined, alice)).status).toBe(200);
  });

  it('sends no CORS headers when CORS_ORIGINS is unset', async () => {
    const res = await http('GET', `${stack.gatewayUrl}/people`, undefined, {
      origin: 'https://evil.example',
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('AUTH_DISABLED=true answers without a token; CORS_ORIGINS allows only its origins; slow requests time out', async () => {
    const open = await stack.add('gateway', {
      AUTH_DISABLED: 'true',
      CORS_ORIGINS: 'https://app.example',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
    });
    await stack.waitHealthy(open);
    const none = { authorization: '' };
    expect((await http('GET', `${open.url}/people`, undefined, none)).status).toBe(200);
    const allowed = await http('GET', `${open.url}/people`, undefined, {
      ...none,
      origin: 'https://app.example',
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await http('GET', `${open.url}/people`, undefined, {
      ...none,
      origin: 'https://evil.example',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // A client that never finishes its headers (slow-loris) is cut off within seconds (idle timeout).
    const { port } = new URL(open.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /people HTTP/1.1\r\nHost: localhost\r\n'),
      );
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.setTimeout(15_000, () => socket.destroy(new Error('no timeout within 15 s')));
    });
    expect(answer).toMatch(/^$|^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
