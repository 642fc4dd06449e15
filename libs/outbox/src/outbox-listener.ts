import { Logger } from '@nestjs/common';
import pg from 'pg';
import { OUTBOX_CHANNEL } from './outbox-migration.js';

/** LISTENs for outbox inserts on a dedicated connection, reconnecting after failures. */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: pg.Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly connectionString: string,
    private readonly onNotify: () => void,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'outbox-listener',
    });
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.reconnectLater(client, error));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.client = client;
      this.onNotify(); // catch up on anything committed while we were not listening
    } catch (error) {
      this.reconnectLater(client, error as Error);
    }
  }

  private reconnectLater(client: pg.Client, error: Error): void {
    client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    this.logger.warn(`LISTEN connection lost (${error.message}); polling until it is back`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) void this.connect();
    }, 1000);
  }
}
