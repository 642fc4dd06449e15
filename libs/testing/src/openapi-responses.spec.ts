import { describe, expect, it } from '@jest/globals';
import { documentCheck, type Answer } from './openapi-responses.js';

const document = {
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': {
            description: 'a thing',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '429': { $ref: '#/components/responses/TooMany' },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          at: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'at'],
        additionalProperties: false,
      },
    },
    responses: {
      TooMany: {
        description: 'slow down',
        headers: { 'Retry-After': { schema: { type: 'string' } } },
        content: {
          'application/problem+json': { schema: { type: 'object', required: ['status'] } },
        },
      },
    },
  },
};

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  body,
  headers: new Headers({ 'content-type': 'application/json; charset=utf-8', ...headers }),
});
const id = '0b8f3c3e-6f0a-4c52-9a51-2f4e1f3b7a10';
const thing = { id, at: '2026-11-30T09:00:00.000Z' };

describe(documentCheck.name, () => {
  const check = documentCheck(document);

  it('passes answers that match their status, content type, headers and schema', () => {
    expect(() => check('GET', `/things/${id}`, answer(200, thing))).not.toThrow();
    expect(() => check('DELETE', `/things/${id}`, answer(204, undefined))).not.toThrow();
    const tooMany = answer(
      429,
      { status: 429 },
      {
        'content-type': 'application/problem+json',
        'retry-after': '60',
      },
    );
    expect(() => check('GET', `/things/${id}`, tooMany)).not.toThrow();
  });

  it('ignores paths and methods the document does not list', () => {
    expect(() => check('GET', '/elsewhere', answer(500, 'x'))).not.toThrow();
    expect(() => check('PUT', `/things/${id}`, answer(404, 'x'))).not.toThrow();
  });

  it('throws on an undocumented status, field, type, media type, header or body', () => {
    const get = (result: Answer) => () => check('GET', `/things/${id}`, result);
    expect(get(answer(418, thing))).toThrow('a status the OpenAPI document does not list');
    expect(get(answer(200, { ...thing, extra: 1 }))).toThrow('must NOT have additional properties');
    expect(get(answer(200, { ...thing, at: 'yesterday' }))).toThrow(
      'must match format "date-time"',
    );
    expect(get(answer(200, thing, { 'content-type': 'text/plain' }))).toThrow('as text/plain');
    expect(
      get(answer(429, { status: 429 }, { 'content-type': 'application/problem+json' })),
    ).toThrow('without its header Retry-After');
    expect(() => check('DELETE', `/things/${id}`, answer(204, {}))).toThrow('with a body');
  });
});
