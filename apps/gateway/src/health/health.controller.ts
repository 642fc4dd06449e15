import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ConsumerReadiness, KafkaHealth } from '#messaging';
import { PublicRoute } from '../auth/public-route.decorator.js';
import { problemResponse } from '../openapi/route-docs.js';

const HealthSchema = z.strictObject({ status: z.literal('ok'), kafka: z.literal('up') });

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    private readonly kafka: KafkaHealth,
    private readonly consumers: ConsumerReadiness,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: '200 when the gateway and Kafka are reachable, else 503',
    security: [],
  })
  @ApiResponse({
    status: 200,
    description: 'the gateway and Kafka are up',
    standardSchema: HealthSchema,
  })
  @ApiResponse({ status: 503, ...problemResponse(503) })
  async check(): Promise<z.infer<typeof HealthSchema>> {
    if (!(await this.kafka.isUp())) {
      throw new ServiceUnavailableException('Kafka is not reachable from the gateway');
    }
    return { status: 'ok', kafka: 'up' };
  }

  // Probes for Kubernetes, not part of the client API (kept out of the OpenAPI document).
  @Get('live')
  @ApiExcludeEndpoint()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiExcludeEndpoint()
  ready() {
    const waitingFor = this.consumers.pending();
    if (waitingFor.length > 0) {
      throw new ServiceUnavailableException(
        `waiting for consumer groups: ${waitingFor.join(', ')}`,
      );
    }
    return { status: 'ok', consumers: { joined: this.consumers.joinedGroups(), waitingFor } };
  }
}
