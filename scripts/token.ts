/**
 * Mints an access token signed with the local key (.cache/auth), which `npm start` configures the
 * gateway to accept: npm run token -- [--scope "read write"] [--ttl 1h] [--sub someone] [--public-key]
 */
import { parseArgs } from 'node:util';
import { mintToken, publicKeyPem } from '#devstack';

const { values } = parseArgs({
  options: {
    scope: { type: 'string', default: 'read write' },
    ttl: { type: 'string', default: '12h' },
    sub: { type: 'string', default: 'local-developer' },
    'public-key': { type: 'boolean', default: false },
  },
});

/** "90", "90s", "15m", "12h", "7d" as seconds. */
function seconds(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`--ttl "${text}": use a number with s, m, h or d, e.g. 1h`);
  return Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]]!;
}

if (values['public-key']) {
  process.stdout.write(publicKeyPem());
} else {
  console.log(
    await mintToken({ scope: values.scope, ttlSeconds: seconds(values.ttl), subject: values.sub }),
  );
}
