import { testToken, type TestStack } from '#testing';

/** One HTTP call of the background load and how it ended. */
export interface HttpCall {
  route: 'POST /people' | 'POST /companies' | 'POST /employees' | 'GET /people/:id';
  /** The name or card id the call asked for, to find a late write of an unanswered call. */
  marker: string;
  status: number | 'hang' | 'connection';
  /** The gateway's base URL the call went to. */
  gateway: string;
  /** When the call was sent (epoch ms). */
  at: number;
  ms: number;
  id?: string;
  /** What a POST sent, so the checks can retry it the way a client would. */
  request?: { path: string; body: unknown; idempotencyKey: string };
}

/** A client gives up after this long; no answer by then is a hang. */
export const HANG_MS = 10_000;

/**
 * Background HTTP load over every live gateway: creates people and companies, hires them, reads them
 * back. Each call's result is kept for the checks (every 2xx write in the database, no hang, a write
 * committed after its 503 returned by a retry with the call's Idempotency-Key).
 */
export class HttpLoad {
  readonly calls: HttpCall[] = [];
  readonly people: string[] = [];
  readonly companies: string[] = [];
  /** The gateways running when the load started. */
  gatewaysAtStart: string[] = [];
  private stopped = false;
  private workers: Promise<void>[] = [];
  private seq = 0;
  /** Paced mode: calls a second over all clients (0: each client calls again as soon as answered). */
  private ratePerSecond = 0;
  private nextDue = 0;

  constructor(
    private readonly stack: TestStack,
    readonly tag: string,
  ) {}

  /**
   * Starts `clients` concurrent clients; with `ratePerSecond`, they share that pace (an open loop as
   * long as enough clients are free: a call is due at its slot whether earlier ones returned or not).
   */
  start(clients: number, ratePerSecond = 0): this {
    this.ratePerSecond = ratePerSecond;
    this.nextDue = Date.now();
    this.gatewaysAtStart = this.stack.gatewayUrls;
    this.workers = Array.from({ length: clients }, (_, i) => this.worker(i));
    return this;
  }

  /** Stops the clients and waits for their last calls. */
  async stop(): Promise<HttpCall[]> {
    this.stopped = true;
    await Promise.all(this.workers);
    return this.calls;
  }

  private async worker(index: number): Promise<void> {
    while (!this.stopped) {
      await this.waitForSlot();
      if (this.stopped) return;
      const n = this.seq++;
      const pick = n % 10;
      if (pick < 3 || this.people.length === 0) {
        await this.call(
          'POST /people',
          '/people',
          { fullName: `Load ${this.tag} ${n}` },
          `${n}`,
          this.people,
        );
      } else if (pick < 5 || this.companies.length === 0) {
        await this.call(
          'POST /companies',
          '/companies',
          { name: `Load ${this.tag} ${n}` },
          `${n}`,
          this.companies,
        );
      } else if (pick < 8) {
        const personId = this.people[(n * 7 + index) % this.people.length];
        const companyId = this.companies[n % this.companies.length];
        await this.call(
          'POST /employees',
          '/employees',
          { personId, companyId, cardId: n },
          `${n}`,
        );
      } else {
        await this.call(
          'GET /people/:id',
          `/people/${this.people[n % this.people.length]}`,
          undefined,
          `${n}`,
        );
      }
    }
  }

  /** Paced mode: waits for this client's next slot; a backlog of missed slots is dropped, not burst. */
  private async waitForSlot(): Promise<void> {
    if (!this.ratePerSecond) return;
    const now = Date.now();
    this.nextDue = Math.max(this.nextDue + 1000 / this.ratePerSecond, now - 1000);
    const wait = this.nextDue - now;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private async call(
    route: HttpCall['route'],
    path: string,
    body: unknown,
    marker: string,
    ids?: string[],
  ) {
    const gateways = this.stack.gatewayUrls;
    if (gateways.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // every gateway restarting: try again soon
      return;
    }
    const gateway = gateways[Number(marker) % gateways.length];
    const url = gateway + path;
    // Every POST carries an Idempotency-Key, as a careful client's would: a 503 can then be retried.
    const request =
      body === undefined ? undefined : { path, body, idempotencyKey: `${this.tag}-${marker}` };
    const started = Date.now();
    let status: HttpCall['status'];
    let id: string | undefined;
    try {
      const response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${await testToken()}`,
          ...(request
            ? { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey }
            : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HANG_MS),
      });
      const json: any = await response.json().catch(() => undefined);
      status = response.status;
      id = json?.id;
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'hang' : 'connection';
    }
    if (status === 201 && id && ids) ids.push(id);
    this.calls.push({
      route,
      marker,
      gateway,
      status,
      at: started,
      ms: Date.now() - started,
      id,
      request,
    });
    if (status === 'connection') await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
