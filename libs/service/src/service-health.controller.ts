import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KafkaHealth } from '#messaging';

/** GET /health of a service: 200 when its database and Kafka answer, else 503 naming what is down. */
@Controller('health')
export class ServiceHealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
  ) {}

  @Get()
  @HttpCode(200)
  async check() {
    const [database, kafka] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      ),
      this.kafka.isUp().then((up) => (up ? 'up' : 'down')),
    ]);
    const body = { status: database === 'up' && kafka === 'up' ? 'ok' : 'error', database, kafka };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
