import type { Socket } from 'node:net';

/**
 * One direction of a proxied connection: each chunk read from `from` is written to `to` once its
 * delay passed and any hold ended, never before a chunk read earlier (order is kept). With no delay
 * and no hold, a chunk goes straight through; `from` is paused while `to` is full (backpressure).
 */
export class DelayedLane {
  private readonly queue: Array<{ due: number; chunk: Buffer }> = [];
  private heldUntil = 0;
  private lastDue = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly delayMs: () => number,
  ) {
    from.on('data', (chunk: Buffer) => this.push(chunk));
    from.on('end', () => this.whenDrained(() => to.end()));
    to.on('drain', () => from.resume());
  }

  /** Holds every chunk, queued or to come, until `until` (epoch ms). */
  holdUntil(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
    this.schedule();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private push(chunk: Buffer): void {
    const now = Date.now();
    const due = Math.max(now + this.delayMs(), this.lastDue);
    this.lastDue = due;
    if (this.queue.length === 0 && due <= now && this.heldUntil <= now) {
      this.write(chunk);
      return;
    }
    this.queue.push({ due, chunk });
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.queue.length === 0) return;
    clearTimeout(this.timer);
    const at = Math.max(this.queue[0].due, this.heldUntil);
    this.timer = setTimeout(() => this.flush(), Math.max(0, at - Date.now()));
  }

  private flush(): void {
    const now = Date.now();
    while (this.queue.length && this.heldUntil <= now && this.queue[0].due <= now) {
      this.write(this.queue.shift()!.chunk);
    }
    this.schedule();
    if (this.queue.length === 0) this.onDrained?.();
  }

  private onDrained?: () => void;

  private whenDrained(then: () => void): void {
    if (this.queue.length === 0) then();
    else this.onDrained = then;
  }

  private write(chunk: Buffer): void {
    if (this.closed || this.to.destroyed) return;
    if (!this.to.write(chunk)) this.from.pause();
  }
}
