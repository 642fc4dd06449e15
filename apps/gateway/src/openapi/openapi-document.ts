import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { addCrossCuttingAnswers } from './cross-cutting.js';
import { componentsOf, zodSchemaConverter } from './zod-converter.js';
import { ProblemSchema } from '../http/problem.js';

const DESCRIPTION = `HTTP gateway of the people, companies and employment services; every route reaches its
service by Kafka request/reply. Errors are \`application/problem+json\` (RFC 9457) with a
machine-readable \`code\` where one is listed.

Every route but \`/health\` takes \`Authorization: Bearer <JWT>\`: reads need the scope \`read\`,
writes \`write\`. \`POST\` routes take an optional \`Idempotency-Key\`.`;

const config = new DocumentBuilder()
  .setOpenAPIVersion('3.1.0')
  .setTitle('People, companies and employment')
  .setDescription(DESCRIPTION)
  .setVersion('1')
  .addServer(
    '/',
    'the gateway that serves this document (`npm start` runs one at http://localhost:3000)',
  )
  .addBearerAuth(
    {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A JWT whose `scope` claim holds `read` (GET routes) and/or `write` (POST, PATCH, DELETE); `npm run token` mints one for a local stack.',
    },
    'bearer',
  )
  .addTag('people', 'People: create, find, change, delete; the companies a person works for')
  .addTag('companies', 'Companies: create, find, change, delete')
  .addTag('employees', 'Employments: hire, list, end; the employees of a company')
  .addTag('health', 'Liveness of the gateway and its Kafka connection')
  .build();

/** The OpenAPI 3.1 document of the gateway's routes, its schemas generated from the zod contracts. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, config, {
    standardSchemaConverter: zodSchemaConverter,
    autoTagControllers: false,
  });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...componentsOf(ProblemSchema, 'output') },
  };
  addCrossCuttingAnswers(document);
  return document;
}

/** Serves the OpenAPI UI at /docs and the document at /docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
  });
}
