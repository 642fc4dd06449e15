import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

const PRUNE_EVERY_MS = 10 * 60_000;

/** Forgets the recorded requests whose retention ended (see RequestStore), every ten minutes. */
@Injectable()
export class IdempotencyKeyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyPruner.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes the expired keys; a failure is logged and left for the next round. */
  async prune(): Promise<void> {
    try {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at < now()`);
    } catch (error) {
      this.logger.warn(`could not prune idempotency keys: ${(error as Error).message}`);
    }
  }
}
