import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AuthEnv } from './auth-env.schema.js';
import { AuthenticationError } from './auth-errors.js';

/** Who called, once the token verified. */
export interface Principal {
  subject: string | undefined;
  scopes: ReadonlySet<string>;
}

/** Tokens longer than this are refused before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

/**
 * A verified token is trusted again without its signature check (a fifth of the gateway's CPU per
 * request) until it expires, for at most this long, so a key taken out of the JWKS stops working soon.
 */
const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKENS_KEPT = 10_000;

interface VerifiedToken {
  principal: Principal;
  /** The token's `exp`, in epoch ms. */
  expiresAt: number;
}

/** Verifies bearer tokens: signature, allowed algorithms, issuer, audience, expiry (with bounded skew). */
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly key?: KeyObject | JWTVerifyGetKey;
  private readonly verified = new WeakMap<object, Promise<Principal>>();
  private readonly recentTokens = new LRUCache<string, VerifiedToken>({
    max: VERIFIED_TOKENS_KEPT,
    ttl: VERIFIED_TOKEN_TTL_MS,
  });

  constructor(private readonly env: AuthEnv) {
    if (env.AUTH_DISABLED) return;
    if (env.JWT_JWKS_URL) {
      this.key = createRemoteJWKSet(new URL(env.JWT_JWKS_URL), { timeoutDuration: 3000 });
    } else {
      const text = env.JWT_PUBLIC_KEY ?? readFileSync(env.JWT_PUBLIC_KEY_FILE!, 'utf8');
      this.key = parsePublicKey(text);
    }
  }

  get disabled(): boolean {
    return this.env.AUTH_DISABLED;
  }

  /** The principal of a request's `Authorization: Bearer` token; verified once per request. */
  principalOf(request: { headers: Record<string, unknown> }): Promise<Principal> {
    let result = this.verified.get(request);
    if (!result) {
      result = this.verify(request.headers['authorization']);
      result.catch(() => undefined); // observed by whoever awaits it
      this.verified.set(request, result);
    }
    return result;
  }

  private async verify(header: unknown): Promise<Principal> {
    if (typeof header !== 'string' || header === '') {
      throw new AuthenticationError('a bearer token is required', false);
    }
    const match = /^Bearer ([A-Za-z0-9_.~+/-]+=*)$/i.exec(header);
    if (!match || header.length > MAX_TOKEN_LENGTH) {
      throw new AuthenticationError('the Authorization header is not a bearer token', true);
    }
    const token = match[1];
    const recent = this.recentTokens.get(token);
    if (recent && Date.now() < recent.expiresAt) return recent.principal;
    try {
      const { payload } = await jwtVerify(token, this.key as KeyObject, {
        algorithms: this.env.JWT_ALGORITHMS,
        issuer: this.env.JWT_ISSUER,
        audience: this.env.JWT_AUDIENCE,
        clockTolerance: this.env.JWT_CLOCK_TOLERANCE_S,
        requiredClaims: ['exp'],
      });
      const principal = { subject: payload.sub, scopes: scopesOf(payload) };
      const expiresAt = (payload.exp! + this.env.JWT_CLOCK_TOLERANCE_S) * 1000;
      this.recentTokens.set(token, { principal, expiresAt });
      return principal;
    } catch (error) {
      throw this.toHttpError(error);
    }
  }

  private toHttpError(error: unknown): Error {
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      this.logger.warn(`cannot verify tokens: ${(error as Error).message}`);
      return new ServiceUnavailableException('the identity provider keys cannot be fetched');
    }
    if (error instanceof errors.JWTExpired)
      return new AuthenticationError('the token expired', true);
    if (error instanceof errors.JWTClaimValidationFailed) {
      return new AuthenticationError(`the token's "${error.claim}" claim is not accepted`, true);
    }
    return new AuthenticationError('the token is not valid', true);
  }
}

/** A PEM (SPKI) public key, or one JWK as JSON. */
function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return createPublicKey({ key: JSON.parse(trimmed), format: 'jwk' });
  return createPublicKey(trimmed.replace(/\\n/g, '\n'));
}

/** Scopes from `scope` (space-separated, RFC 8693) or `scp` (an array, as some providers send). */
function scopesOf(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  if (typeof payload.scope === 'string')
    payload.scope.split(' ').forEach((s) => s && scopes.add(s));
  if (Array.isArray(payload.scp))
    payload.scp.forEach((s) => typeof s === 'string' && scopes.add(s));
  return scopes;
}
