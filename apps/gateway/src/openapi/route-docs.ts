import { applyDecorators } from '@nestjs/common';
import {
  ApiHeader,
  ApiOperation,
  ApiResponse,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import type { z } from 'zod';
import type { ErrorCode } from '#contracts';
import { httpTitle } from '../http/problem-details.filter.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../http/idempotency-key.decorator.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';

const PROBLEM_REF = '#/components/schemas/Problem';

/** The problem+json schema of an answer whose `code` is one of `codes` (always there unless `optional`). */
export function problemSchema(
  codes: readonly ErrorCode[],
  optional = false,
): SchemaObject | ReferenceObject {
  if (!codes.length) return { $ref: PROBLEM_REF };
  const code: SchemaObject = { type: 'object', properties: { code: { enum: [...codes] } } };
  return { allOf: [{ $ref: PROBLEM_REF }, optional ? code : { ...code, required: ['code'] }] };
}

/** A problem+json answer: the status, what it means, and the codes it carries. */
export function problemResponse(
  status: number,
  codes: readonly ErrorCode[] = [],
  optional = false,
): ResponseObject {
  const named = codes.length ? `: ${codes.join(' or ')}` : '';
  return {
    description: `${httpTitle(status)}${named}`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(codes, optional) } },
  };
}

/** Problem answers of one route, by status; 400's code is optional (a malformed JSON body has none). */
export function ApiProblems(problems: Partial<Record<400 | 404 | 409 | 422 | 503, ErrorCode[]>>) {
  return applyDecorators(
    ...Object.entries(problems).map(([status, codes]) =>
      ApiResponse({
        status: Number(status),
        ...problemResponse(Number(status), codes, status === '400'),
      }),
    ),
  );
}

/** Summary and operation id (the method name a client generator makes of it). */
export const ApiOperationNamed = (operationId: string, summary: string, description?: string) =>
  ApiOperation({ operationId, summary, ...(description ? { description } : {}) });

/** A success answer whose body is `schema`, as JSON Schema through the same zod definitions. */
export const ApiAnswer = (status: 200 | 201, schema: z.ZodType, description: string) =>
  ApiResponse({ status, description, standardSchema: schema });

/** OpenAPI for a route that takes an Idempotency-Key. */
export const idempotencyDocs = applyDecorators(
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: IDEMPOTENCY_KEY_PATTERN.source,
    },
    description:
      'Repeat a POST with the same key (after a 503 or a lost answer) to get the first result, never a second effect. Reused with another body: 422 IDEMPOTENCY_KEY_REUSED.',
  }),
  ApiProblems({ 422: ['IDEMPOTENCY_KEY_REUSED'] }),
);
