import { z } from 'zod';

/** Asymmetric algorithms a token may be signed with; `none` and shared-secret HMAC never are. */
export const SUPPORTED_JWT_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

/** The gateway's authentication and abuse-limit settings. */
export const AuthEnvSchema = z.object({
  AUTH_DISABLED: flag,
  JWT_PUBLIC_KEY: optionalText,
  JWT_PUBLIC_KEY_FILE: optionalText,
  JWT_JWKS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  JWT_ALGORITHMS: z
    .string()
    .default('ES256,RS256,EdDSA')
    .transform((s) => s.split(',').map((a) => a.trim()))
    .pipe(z.array(z.enum(SUPPORTED_JWT_ALGORITHMS)).min(1)),
  JWT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ error: 'must be origins like https://app.example.com' }))),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  /** Whose X-Forwarded-For to believe for the client address: `false`, `true`, a hop count or addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
});
export type AuthEnv = z.output<typeof AuthEnvSchema>;

/** Unless AUTH_DISABLED=true: exactly one key source, an issuer and an audience. */
export function requireAuthSettings(env: AuthEnv, ctx: z.RefinementCtx): void {
  if (env.AUTH_DISABLED) return;
  const sources = (['JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE', 'JWT_JWKS_URL'] as const).filter(
    (k) => env[k] !== undefined,
  );
  if (sources.length !== 1) {
    const message =
      'set exactly one of JWT_PUBLIC_KEY, JWT_PUBLIC_KEY_FILE, JWT_JWKS_URL (or AUTH_DISABLED=true)';
    for (const path of sources.length ? sources : ['JWT_PUBLIC_KEY'])
      ctx.addIssue({ code: 'custom', path: [path], message });
  }
  for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required' });
  }
}
