import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsumerReadiness, KafkaHealth } from '#messaging';
import { PublicRoute } from '../auth/public-route.decorator.js';

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    private readonly kafka: KafkaHealth,
    private readonly consumers: ConsumerReadiness,
  ) {}

  @Get()
  @ApiOperation({ summary: '200 when the gateway and Kafka are reachable, else 503' })
  async check() {
    if (!(await this.kafka.isUp())) {
      throw new ServiceUnavailableException('Kafka is not reachable from the gateway');
    }
    return { status: 'ok', kafka: 'up' };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when the reply consumer joined its group, else 503' })
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
