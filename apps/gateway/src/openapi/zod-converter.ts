import type { StandardSchemaConversionResult } from '@nestjs/swagger';
import { z } from 'zod';
import { OPENAPI_COMPONENTS } from './components.js';

type JsonSchema = Record<string, unknown>;

/**
 * @nestjs/swagger's `standardSchemaConverter`: a zod schema given to `@Body`/`@Query`/`@Param` or
 * `@ApiResponse({ standardSchema })` as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), with the
 * named schemas of OPENAPI_COMPONENTS as `$ref`s to components.schemas.
 */
export function zodSchemaConverter(
  schema: unknown,
  { schemaType }: { schemaType: 'input' | 'output' },
): StandardSchemaConversionResult | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  const {
    $schema: _dialect,
    $defs = {},
    ...root
  } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: schemaType,
    unrepresentable: 'any',
    metadata: OPENAPI_COMPONENTS,
  }) as JsonSchema;
  return { schema: root, components: $defs as Record<string, JsonSchema> };
}

/** One schema converted alone: the named component schemas it defines, itself included. */
export function componentsOf(
  schema: z.ZodType,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const converted = zodSchemaConverter(schema, { schemaType: io });
  const components = (converted?.components ?? {}) as Record<string, JsonSchema>;
  return JSON.parse(JSON.stringify(components).replaceAll('#/$defs/', '#/components/schemas/'));
}
