import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { repoRoot } from './repo-root.js';

/** Issuer and audience of the tokens minted with the local key. */
export const LOCAL_JWT_ISSUER = 'people-companies-employment-local';
export const LOCAL_JWT_AUDIENCE = 'people-companies-employment';

export interface MintTokenOptions {
  /** Space-separated scopes; default "read write". */
  scope?: string;
  /** Lifetime in seconds; default 12 h. */
  ttlSeconds?: number;
  subject?: string;
  issuer?: string;
  audience?: string;
  /** Signing key; default the local one. */
  privateKey?: KeyObject;
}

let cached: KeyObject | undefined;

/** The local ES256 signing key (.cache/auth/jwt-signing-key.pem), made on first use. */
export function localSigningKey(): KeyObject {
  if (cached) return cached;
  const dir = join(repoRoot(), '.cache', 'auth');
  const file = join(dir, 'jwt-signing-key.pem');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    cached = createPrivateKey(readFileSync(file));
  } catch {
    // Written aside, then linked into place: concurrent first uses agree on one key.
    const temp = `${file}.${process.pid}.${Date.now()}`;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
    cached = createPrivateKey(readFileSync(file));
  }
  // The public half beside it, readable by anyone: docker-compose mounts it into the gateway.
  writeFileSync(join(dir, 'jwt-public.pem'), publicKeyPem(cached), { mode: 0o644 });
  return cached;
}

/** The PEM public key that verifies tokens signed by `privateKey` (default: the local key). */
export function publicKeyPem(privateKey: KeyObject = localSigningKey()): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

/** Gateway settings that accept the local key's tokens. */
export function localAuthEnv(): Record<string, string> {
  return {
    JWT_PUBLIC_KEY: publicKeyPem(),
    JWT_ISSUER: LOCAL_JWT_ISSUER,
    JWT_AUDIENCE: LOCAL_JWT_AUDIENCE,
  };
}

/** Signs an access token (ES256) with `scope`, expiring after `ttlSeconds`. */
export async function mintToken(options: MintTokenOptions = {}): Promise<string> {
  const key = options.privateKey ?? localSigningKey();
  const alg =
    key.asymmetricKeyType === 'ed25519'
      ? 'EdDSA'
      : key.asymmetricKeyType === 'rsa'
        ? 'RS256'
        : 'ES256';
  return new SignJWT({ scope: options.scope ?? 'read write' })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setSubject(options.subject ?? 'local-developer')
    .setIssuer(options.issuer ?? LOCAL_JWT_ISSUER)
    .setAudience(options.audience ?? LOCAL_JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.ttlSeconds ?? 12 * 3600))
    .sign(key);
}
