import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestStack, http, testToken } from '#testing';

const run = promisify(execFile);
const root = process.cwd();
const bin = {
  openapiTypescript: join(root, 'node_modules/openapi-typescript/bin/cli.js'),
  tsc: join(root, 'node_modules/typescript/bin/tsc'),
};
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'es2023',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['es2023', 'dom'],
    types: ['node'],
    skipLibCheck: false,
  },
  files: ['scenario-1.ts'],
};

/** A client project as a consumer team sets it up: the document, its generated types, the program. */
async function generateClient(dir: string, document: object): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
  copyFileSync(
    join(root, 'docs/examples/openapi-client/scenario-1.ts'),
    join(dir, 'scenario-1.ts'),
  );
  await run(process.execPath, [bin.openapiTypescript, 'openapi.json', '-o', 'api.d.ts'], {
    cwd: dir,
  });
}

/** `tsc --strict` on the client project: its exit code and what it printed. */
const compile = (dir: string) =>
  run(process.execPath, [bin.tsc, '-p', dir]).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  const stack = new TestStack();
  const work = join(root, '.cache/openapi-client', String(process.pid));
  let document: any;

  beforeAll(async () => {
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
    document = await (await fetch(`${stack.gatewayUrl}/docs-json`)).json();
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('compiles with tsc --strict and replays Scenario 1 and two refusals against the stack', async () => {
    const dir = join(work, 'client');
    await generateClient(dir, document);
    const compiled = await compile(dir);
    expect(compiled).toEqual({ code: 0, output: '' });

    const { stdout } = await run(process.execPath, [join(dir, 'scenario-1.js')], {
      env: { ...process.env, GATEWAY_URL: stack.gatewayUrl, TOKEN: await testToken() },
    });
    const seen = JSON.parse(stdout);
    expect(seen.person).toMatchObject({ fullName: 'Kelly Jetson', country: 'USA' });
    expect(seen.company).toMatchObject({ name: 'IBM' });
    expect(seen.employee).toEqual({
      personId: seen.person.id,
      companyId: seen.company.id,
      cardId: 1,
      endedAt: null,
    });
    expect(seen.unknownPerson).toEqual({
      status: 422,
      code: 'PERSON_NOT_FOUND',
      isPersonNotFound: true,
    });
    expect(seen.missing).toEqual({ status: 404, code: 'NOT_FOUND' });
  }, 120_000);

  it('answers a body of another media type with 415 problem+json, as documented', async () => {
    // http() checks the answer against the document: the status, problem+json and its schema.
    const res = await http('POST', `${stack.gatewayUrl}/people`, '<person/>', {
      'content-type': 'application/xml',
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ status: 415 });
  });

  it('fails to compile once the document renames a field the program uses', async () => {
    const renamed = structuredClone(document);
    for (const name of ['Person', 'CreatePerson']) {
      const schema = renamed.components.schemas[name];
      schema.properties.displayName = schema.properties.fullName;
      delete schema.properties.fullName;
      schema.required = schema.required.map((p: string) => (p === 'fullName' ? 'displayName' : p));
    }
    const dir = join(work, 'renamed');
    await generateClient(dir, renamed);
    const compiled = await compile(dir);
    expect(compiled.code).not.toBe(0);
    expect(compiled.output).toMatch(/scenario-1\.ts\(\d+,\d+\): error TS\d+: .*'fullName'/);
  }, 120_000);
});
