import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadGatewayConfig } from './config/gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';

/**
 * The gateway's OpenAPI document without Kafka or a listening port: the module is built (no
 * lifecycle hooks run, so nothing connects), documented, and closed. Same document as /docs-json.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadGatewayConfig({ AUTH_DISABLED: 'true', KAFKA_BROKERS: '127.0.0.1:9' });
  const app = await NestFactory.create(GatewayModule.register(config), new FastifyAdapter(), {
    logger: false,
    abortOnError: false,
    preview: true,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
