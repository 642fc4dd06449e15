import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { offlineOpenApiDocument } from '../apps/gateway/src/offline-openapi-document.js';

const run = promisify(execFile);
/** Where redocly lints it: .redocly.lint-ignore.yaml names this path. */
const DOCUMENT_FILE = '.cache/openapi/openapi.json';

type Operation = { operationId?: string; responses: Record<string, unknown>; security?: object[] };
const operations = (document: OpenAPIObject) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await offlineOpenApiDocument();
    mkdirSync(join(process.cwd(), '.cache/openapi'), { recursive: true });
    writeFileSync(DOCUMENT_FILE, JSON.stringify(document, null, 2));
  });

  it('passes the official OpenAPI 3.1 JSON schema', async () => {
    const result = await new Validator().validate(
      structuredClone(document) as unknown as Record<string, unknown>,
    );
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true });
    expect(document.openapi).toBe('3.1.0');
  });

  it('passes redocly lint with the recommended rules: no errors, no warnings', async () => {
    const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');
    const { stdout } = await run(process.execPath, [cli, 'lint', DOCUMENT_FILE, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout);
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('names the contract schemas, with examples from the tutorial', () => {
    // @nestjs/swagger keeps the first of zod's `examples` as `example`.
    const schemas = document.components!.schemas as Record<string, { example?: unknown }>;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'Person',
        'Company',
        'Employee',
        'PersonPage',
        'CompanyPage',
        'EmployeePage',
        'EmployeeWithPerson',
        'EmployeeWithCompany',
        'EmployeeWithPersonPage',
        'EmployeeWithCompanyPage',
        'Problem',
        'CreatePerson',
        'Hire',
      ]),
    );
    expect(schemas.Person.example).toMatchObject({ fullName: 'Kelly Jetson', country: 'USA' });
    expect(schemas.CreateCompany.example).toEqual({
      name: 'IBM',
      address: '1 Orchard Rd, Armonk',
      country: 'USA',
    });
  });

  it('gives every operation a unique id, a summary, its bearer scope and its 4xx answers', () => {
    const all = operations(document);
    expect(all).toHaveLength(17);
    expect(new Set(all.map(({ op }) => op.operationId)).size).toBe(17);
    for (const { path, method, op } of all) {
      if (path === '/health') {
        expect(op.security).toEqual([]);
        continue;
      }
      const scope = method === 'get' ? 'read' : 'write';
      expect({ path, method, security: op.security }).toEqual({
        path,
        method,
        security: [{ bearer: [scope] }],
      });
      expect(Object.keys(op.responses)).toEqual(
        expect.arrayContaining(['400', '401', '403', '429', '500', '503']),
      );
    }
  });

  it('lists the codes of POST /employees by status, and Retry-After on 429', () => {
    const hire = (document.paths['/employees'] as Record<string, Operation>).post;
    expect(hire.operationId).toBe('hireEmployee');
    const codes = (status: string) =>
      JSON.stringify((hire.responses[status] as { content: object }).content);
    expect(codes('409')).toContain('"enum":["CARD_ID_TAKEN","ALREADY_EMPLOYED"]');
    expect(codes('422')).toContain(
      '"PERSON_NOT_FOUND","COMPANY_NOT_FOUND","IDEMPOTENCY_KEY_REUSED"',
    );
    expect(Object.keys(hire.responses)).toEqual(expect.arrayContaining(['413', '415']));
    const tooMany = document.components!.responses!.TooManyRequests as { headers: object };
    expect(Object.keys(tooMany.headers)).toEqual(['Retry-After']);
  });
});
