/**
 * Operator commands: `npm run ops -- --help`. Kafka settings come from the apps' variables
 * (KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL*); databases from PEOPLE_DATABASE_URL, COMPANIES_DATABASE_URL
 * and EMPLOYMENT_DATABASE_URL (default: the local ones `npm start` uses).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEAD_LETTER_TOPICS } from '#contracts';
import { DATABASE_SERVICES, serviceDatabaseUrls } from '#devstack';
import { consumerLag } from './ops/consumer-lag.js';
import { listDeadLetters } from './ops/dlq-list.js';
import { redriveDeadLetters, redriveGroup } from './ops/dlq-redrive.js';
import { opsKafka, withAdmin } from './ops/ops-clients.js';
import { outboxBacklog } from './ops/outbox-backlog.js';
import { logToStderr } from './ops/stderr-logger.js';
import { textTable } from './text-table.js';

logToStderr();

const count = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`an integer >= ${min}`);
  return n;
};
const dlqNames = DEAD_LETTER_TOPICS.map((d) => d.dlq);
const dlqArgument = () =>
  new Option('--dlq <topic>', 'the dead-letter topic').choices(dlqNames).makeOptionMandatory();
const rangeOptions = (command: Command) =>
  command
    .option('--partition <n>', 'only this partition', count(0))
    .option('--from <offset>', 'first offset (with --partition)', count(0))
    .option('--to <offset>', 'last offset, inclusive (with --partition)', count(0));
const print = (json: boolean, value: unknown, table: () => string) =>
  console.log(json ? JSON.stringify(value, null, 2) : table());

const program = new Command('ops')
  .description('Operator commands for the people, companies and employment services')
  .option('--json', 'print JSON instead of tables')
  .showHelpAfterError();

program
  .command('lag')
  .description('consumer lag by group, topic and partition (end offset minus committed offset)')
  .option('--group <id...>', 'only these consumer groups (default: all)')
  .action(async ({ group }) => {
    const rows = await withAdmin(opsKafka(), (admin) => consumerLag(admin, group));
    print(program.opts().json, rows, () =>
      textTable(
        ['group', 'topic', 'partition', 'committed', 'end', 'lag'],
        rows.map((r) => [r.group, r.topic, r.partition, r.committed ?? '-', r.end, r.lag]),
      ),
    );
  });

program
  .command('outbox')
  .description('unpublished outbox rows per service and the age of the oldest')
  .action(async () => {
    const urls = serviceDatabaseUrls();
    const rows = await Promise.all(DATABASE_SERVICES.map((s) => outboxBacklog(s, urls[s])));
    print(program.opts().json, rows, () =>
      textTable(
        ['service', 'unpublished', 'oldest age (s)', 'error'],
        rows.map((r) => [r.service, r.unpublished, r.oldestAgeSeconds, r.error ?? null]),
      ),
    );
    if (rows.some((r) => r.error)) process.exitCode = 1;
  });

const dlq = program.command('dlq').description('dead-letter topics: list and re-drive');

rangeOptions(
  dlq
    .command('list')
    .description('dead letters with why and where they came from (changes nothing)')
    .addOption(dlqArgument())
    .option('--max <n>', 'at most this many', count(1)),
).action(async (options) => {
  const rows = await listDeadLetters(opsKafka(), options.dlq, options);
  print(program.opts().json, rows, () =>
    textTable(
      ['partition', 'offset', 'timestamp', 'original', 're-drives', 'handled', 'error'],
      rows.map((r) => [
        r.partition,
        r.offset,
        r.timestamp,
        r.original,
        r.redrives,
        r.handled ? 'yes' : 'no',
        r.error,
      ]),
    ),
  );
});

rangeOptions(
  dlq
    .command('redrive')
    .description(
      'put dead letters back on their original topic (key, value, headers kept), from where the ' +
        `last run stopped (group ${redriveGroup('<dlq>')}) to the end as of now; park those re-driven too often`,
    )
    .addOption(dlqArgument())
    .option('--dry-run', 'show what would happen; produce and commit nothing', false)
    .option('--max <n>', 'at most this many messages', count(1))
    .option('--rate <n>', 'at most this many messages per second', count(1))
    .option('--max-redrives <n>', 'park a message re-driven this many times already', count(1), 3),
).action(async (options) => {
  const json = program.opts().json;
  const results = await redriveDeadLetters(opsKafka(), options.dlq, options, (r) => {
    if (json) return;
    const what =
      r.step.action === 'park'
        ? `parked on ${r.step.topic}: ${r.step.reason}`
        : `re-driven to ${r.step.topic}`;
    console.log(
      `${options.dryRun ? '[dry run] ' : ''}${options.dlq}[${r.partition}]@${r.offset} ${what}`,
    );
  });
  const parked = results.filter((r) => r.step.action === 'park').length;
  const summary = { redriven: results.length - parked, parked, dryRun: options.dryRun, results };
  print(
    json,
    summary,
    () =>
      `${options.dryRun ? 'Would re-drive' : 'Re-drove'} ${summary.redriven}, ${options.dryRun ? 'would park' : 'parked'} ${parked}.`,
  );
});

try {
  await program.parseAsync();
} catch (error) {
  console.error(`ops: ${(error as Error).message}`);
  process.exitCode = 1;
}
