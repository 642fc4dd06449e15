import type { Latency } from './stats.js';

/** A load run: fixed connections for `seconds`, optionally held at `rate` requests/s overall. */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  connections: number;
  seconds: number;
  rate?: number;
  /** For POST: the i-th request's body (each call gets the next i). */
  body?: (i: number) => unknown;
}

export interface LoadResult {
  /** 2xx answers per second: any other answer is an error, on either side of a row. */
  reqPerSec: number;
  latency: Required<Latency>;
  /** Non-2xx answers plus socket errors and timeouts. */
  errors: number;
  total: number;
}
