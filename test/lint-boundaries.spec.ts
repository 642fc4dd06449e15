import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '#devstack';

// Lints snippets as if they were files at the given paths, with the repository's own eslint.config.js
// (the boundaries are in eslint.layers.js): each wrong import must be refused, each right one pass.
const eslint = new ESLint({ cwd: repoRoot() });

async function importErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, {
    filePath: join(repoRoot(), path),
  });
  expect(result.messages.filter((m) => m.ruleId !== 'no-restricted-imports')).toEqual([]);
  return result.messages.map((m) => m.message);
}

describe('lint boundaries between apps and libs', () => {
  it.each([
    ['libs/persistence/src/x.ts', "import { Kafka as x } from 'kafkajs';", /nothing of Kafka/],
    [
      'libs/persistence/src/x.ts',
      "import { KafkaRequester as x } from '#messaging';",
      /nothing of Kafka/,
    ],
    [
      'libs/persistence/src/x.ts',
      "import { OutboxWriter as x } from '#outbox';",
      /nothing of Kafka/,
    ],
    [
      'libs/messaging/src/rpc/x.ts',
      "import type { DataSource as x } from 'typeorm';",
      /nothing of the database/,
    ],
    ['libs/messaging/src/x.ts', "import x from 'pg';", /nothing of the database/],
    [
      'libs/messaging/src/x.ts',
      "import { GroupCommit as x } from '#persistence';",
      /nothing of the database/,
    ],
    ['libs/core/src/x.ts', "import { KAFKA as x } from '#messaging';", /no driver/],
    ['libs/core/src/x.ts', "import type { EntityManager as x } from 'typeorm';", /no driver/],
    [
      'libs/outbox/src/x.ts',
      "import { CrudService as x } from '#service';",
      /never the service layer/,
    ],
    [
      'apps/people/src/person/x.ts',
      "import { RpcFailure as x } from '../../../../libs/core/src/rpc-errors.js';",
      /entry point/,
    ],
    [
      'apps/gateway/src/x.ts',
      "import { x } from '../../people/src/person/person.service.js';",
      /never import another app/,
    ],
    [
      'apps/people/src/x.ts',
      "import { x } from '#messaging/kafka/kafka-headers.js';",
      /entry point/,
    ],
    [
      'libs/service/src/x.ts',
      "import { x } from '../../persistence/src/pg-errors.js';",
      /entry point/,
    ],
    [
      'libs/observability/src/x.ts',
      "import { KafkaHealth as x } from '#messaging';",
      /no runtime lib/,
    ],
    ['libs/observability/src/x.ts', "import pg from 'pg';\nconst x = pg;", /no driver/],
    ['libs/contracts/src/x.ts', "import { counter as x } from '#observability';", /bottom layer/],
  ])('refuses in %s: %s', async (path, code, why) => {
    const errors = await importErrors(path, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(why);
  });

  it.each([
    ['libs/persistence/src/x.ts', "import { assertBeforeDeadline as x } from '#core';"],
    ['libs/persistence/src/x.ts', "import type { DataSource as x } from 'typeorm';"],
    ['libs/messaging/src/x.ts', "import { Kafka as x } from 'kafkajs';"],
    ['libs/messaging/src/rpc/x.ts', "import { RpcFailure as x } from '#core';"],
    ['libs/outbox/src/x.ts', "import { eventHeaders as x } from '#messaging';"],
    ['libs/outbox/src/x.ts', "import pg from 'pg';\nconst x = pg;"],
    ['libs/service/src/x.ts', "import { GroupCommit as x } from '#persistence';"],
    ['libs/messaging/src/x.ts', "import { histogram as x } from '#observability';"],
    ['libs/persistence/src/x.ts', "import { gauge as x } from '#observability';"],
    ['apps/people/src/person/x.ts', "import { RpcFailure as x } from '#core';"],
    ['apps/employment/src/hiring/x.ts', "import { x } from '../employee/employee.entity.js';"],
    ['apps/people/test/x.ts', "import { x } from '../src/person/person.service.js';"],
  ])('allows in %s: %s', async (path, code) => {
    expect(await importErrors(path, code)).toEqual([]);
  });
});
