import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsumerReadiness, KafkaHealth } from '#messaging';

/**
 * GET /health of a service: 200 when its database and Kafka answer, else 503 naming what is down.
 * GET /health/live: the process answers. GET /health/ready: the database answers and every consumer
 * joined its group.
 */
@Controller('health')
export class ServiceHealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
    private readonly consumers: ConsumerReadiness,
  ) {}

  @Get()
  @HttpCode(200)
  async check() {
    const [database, kafka] = await Promise.all([
      this.database(),
      this.kafka.isUp().then((up) => (up ? 'up' : 'down')),
    ]);
    const body = { status: database === 'up' && kafka === 'up' ? 'ok' : 'error', database, kafka };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  async ready() {
    const database = await this.database();
    const waitingFor = this.consumers.pending();
    const ok = database === 'up' && waitingFor.length === 0;
    const consumers = { joined: this.consumers.joinedGroups(), waitingFor };
    const body = { status: ok ? 'ok' : 'error', database, consumers };
    if (!ok) throw new ServiceUnavailableException(body);
    return body;
  }

  private database(): Promise<'up' | 'down'> {
    return this.dataSource.query('SELECT 1').then(
      () => 'up',
      () => 'down',
    );
  }
}
