import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePorts } from '#devstack';

/** What the proxy does with connections: pass them on, or refuse new ones and cut the open ones. */
export type ProxyMode = 'pass' | 'down';

/**
 * A loopback TCP proxy the fault suite controls, put between a service and its database so an outage
 * can be injected without touching the (shared) server behind it.
 */
export class TcpFaultProxy {
  private server?: Server;
  private readonly open = new Set<Socket>();
  private mode: ProxyMode = 'pass';
  private port_ = 0;
  /** Connections refused while down, for the report. */
  refused = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens on a free loopback port; resolves with that port. */
  async start(): Promise<number> {
    [this.port_] = await freePorts(1, '127.0.0.1');
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port_, '127.0.0.1', () => resolve());
    });
    return this.port_;
  }

  get port(): number {
    return this.port_;
  }

  /** Cuts every open connection (RST) and refuses new ones until `up()`. */
  down(): void {
    this.mode = 'down';
    for (const socket of this.open) socket.resetAndDestroy();
    this.open.clear();
  }

  /** Passes connections on again. */
  up(): void {
    this.mode = 'pass';
  }

  /** Closes the listener and every connection. */
  async stop(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private accept(client: Socket): void {
    if (this.mode === 'down') {
      this.refused++;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    this.open.add(client).add(upstream);
    const close = () => {
      this.open.delete(client);
      this.open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
