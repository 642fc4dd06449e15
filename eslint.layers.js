// Import boundaries between the folders, enforced by ESLint's own no-restricted-imports (one rule
// set per folder; see the README's layout table). A test (test/lint-boundaries.spec.ts) proves that
// each boundary refuses a wrong import.
//
//   libs/core           write context, deadline, RPC failures, transient errors: no driver, no lib but contracts
//   libs/observability  metrics (prom-client registry, /metrics, HTTP timings): no driver, no runtime lib
//   libs/messaging      Kafka; nothing of the database
//   libs/persistence    PostgreSQL/TypeORM; nothing of Kafka
//   libs/outbox         the outbox (database rows sent to Kafka): may import both
//   libs/service        what a service composes from all of them (CRUD with events, health)
//   apps/*              libs only through their entry points (#name), never another app

const DATABASE = ['typeorm', 'pg', '@nestjs/typeorm'];
const KAFKA = ['kafkajs', '@nestjs/microservices'];
const RUNTIME_LIBS = ['#core', '#messaging', '#persistence', '#outbox', '#service'];

/** Relative imports that climb out of their own app or lib: into apps/, libs/, or a sibling's src/test. */
const DEEP_RELATIVE = [
  {
    regex: '^(\\.\\./)+(apps|libs)(/|$)',
    message:
      'Import a lib through its entry point (#name), never by path; never import another app.',
  },
  {
    regex: '^(\\.\\./)+[^./][^/]*/(src|test)(/|$)',
    message:
      'Import a lib through its entry point (#name), never by path; never import another app.',
  },
  {
    regex: '^#[^/]+/',
    message: "Import a lib through its entry point ('#name'), not a file inside it.",
  },
];

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One no-restricted-imports rule for `files`: the deep imports, plus the `forbidden` packages (and their subpaths) with `why`. */
function layer(files, forbidden, why) {
  const patterns = [...DEEP_RELATIVE];
  if (forbidden.length > 0) {
    patterns.push({ regex: `^(${forbidden.map(escape).join('|')})(/.*)?$`, message: why });
  }
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

const except = (list, ...keep) => list.filter((name) => !keep.includes(name));

export const layers = [
  layer(['apps/**', 'libs/**'], [], ''),
  layer(
    ['libs/core/**'],
    [...DATABASE, ...KAFKA, ...except(RUNTIME_LIBS, '#core')],
    'libs/core is what messaging and persistence share: no driver, no other lib but #contracts.',
  ),
  layer(
    ['libs/core/**/*.spec.ts'],
    [...DATABASE, ...except(RUNTIME_LIBS, '#core')],
    'libs/core specs may build real kafkajs errors (to prove the shapes the classifier reads), nothing more.',
  ),
  layer(
    ['libs/observability/**'],
    [...DATABASE, ...KAFKA, ...RUNTIME_LIBS],
    'libs/observability sits under every lib that reports figures: no driver, no runtime lib.',
  ),
  layer(
    ['libs/messaging/**'],
    [...DATABASE, ...except(RUNTIME_LIBS, '#core', '#messaging')],
    'libs/messaging knows Kafka and nothing of the database (what both need is in #core; the outbox in #outbox).',
  ),
  layer(
    ['libs/persistence/**'],
    [...KAFKA, ...except(RUNTIME_LIBS, '#core', '#persistence')],
    'libs/persistence knows the database and nothing of Kafka (what both need is in #core; the outbox in #outbox).',
  ),
  layer(
    ['libs/outbox/**'],
    ['#service'],
    'libs/outbox may import messaging and persistence, never the service layer above it.',
  ),
  layer(
    ['libs/contracts/**', 'libs/config/**'],
    [...DATABASE, ...KAFKA, ...RUNTIME_LIBS, '#observability'],
    'libs/contracts and libs/config are the bottom layer: no drivers, no runtime libs.',
  ),
];
