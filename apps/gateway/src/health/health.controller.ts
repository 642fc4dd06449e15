import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { KafkaHealth } from '#messaging';
import { PublicRoute } from '../auth/public-route.decorator.js';

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(private readonly kafka: KafkaHealth) {}

  @Get()
  @ApiOperation({ summary: '200 when the gateway and Kafka are reachable, else 503' })
  async check() {
    if (!(await this.kafka.isUp())) {
      throw new ServiceUnavailableException('Kafka is not reachable from the gateway');
    }
    return { status: 'ok', kafka: 'up' };
  }
}
