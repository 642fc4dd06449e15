import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePorts } from '#devstack';
import { DelayedLane } from './delayed-lane.js';

/** What the proxy does with connections: pass them on, or refuse new ones and cut the open ones. */
export type ProxyMode = 'pass' | 'down';

/** A slow network: every chunk, each way, is held `latencyMs` plus up to `jitterMs` more. */
export interface SlowNetwork {
  latencyMs: number;
  jitterMs: number;
}

/**
 * A loopback TCP proxy the fault suite controls, put between services and their database or broker so
 * an outage, a slow network or a stall can be injected without touching the (shared) server behind it.
 * Bytes keep their order in each direction whatever the delays.
 */
export class TcpFaultProxy {
  private server?: Server;
  private readonly open = new Set<Socket>();
  private readonly lanes = new Set<DelayedLane>();
  private mode: ProxyMode = 'pass';
  private port_ = 0;
  private network: SlowNetwork = { latencyMs: 0, jitterMs: 0 };
  /** Connections refused while down, for the report. */
  refused = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens on `port` (default: a free loopback port); resolves with the port. */
  async start(port?: number): Promise<number> {
    this.port_ = port ?? (await freePorts(1, '127.0.0.1'))[0];
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

  /** Passes connections on again, at full speed. */
  up(): void {
    this.mode = 'pass';
    this.slow({ latencyMs: 0, jitterMs: 0 });
  }

  /** Delays every chunk from now on, both ways, on open and new connections (0, 0: full speed). */
  slow(network: SlowNetwork): void {
    this.network = { ...network };
  }

  /** Holds every byte, both ways, for `ms` (connections stay open: a stall, not a cut). */
  stall(ms: number): void {
    const until = Date.now() + ms;
    for (const lane of this.lanes) lane.holdUntil(until);
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
    // No Nagle on either side: small request/reply writes would wait for the peer's delayed ACK.
    client.setNoDelay(true);
    const upstream = connect({ port: this.targetPort, host: this.targetHost, noDelay: true });
    const delay = () =>
      this.network.latencyMs + Math.floor(Math.random() * (this.network.jitterMs + 1));
    const lanes = [
      new DelayedLane(client, upstream, delay),
      new DelayedLane(upstream, client, delay),
    ];
    this.open.add(client).add(upstream);
    lanes.forEach((lane) => this.lanes.add(lane));
    const close = () => {
      this.open.delete(client);
      this.open.delete(upstream);
      lanes.forEach((lane) => (lane.close(), this.lanes.delete(lane)));
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }
}
