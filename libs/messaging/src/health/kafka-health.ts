import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../messaging.tokens.js';

/** Answers "is the broker reachable?" within a bound, reusing one admin connection. */
@Injectable()
export class KafkaHealth implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async isUp(timeoutMs = 2000): Promise<boolean> {
    try {
      this.admin ??= this.kafka.admin();
      await withTimeout(
        this.admin.connect().then(() => this.admin!.describeCluster()),
        timeoutMs,
      );
      return true;
    } catch {
      const stale = this.admin;
      this.admin = undefined;
      await stale?.disconnect().catch(() => undefined);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
