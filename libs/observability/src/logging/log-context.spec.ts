import { describe, expect, it } from '@jest/globals';
import { correlationIdFrom, traceIdFrom, traceparentOf } from './log-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('log context from headers', () => {
  it('keeps a well-formed correlation id and replaces anything else', () => {
    expect(correlationIdFrom('order-42:retry.1')).toBe('order-42:retry.1');
    for (const bad of [
      '',
      'x'.repeat(101),
      'a b',
      'inject\n{"level":60}',
      '<script>',
      42,
      undefined,
    ]) {
      const replaced = correlationIdFrom(bad);
      expect(replaced).not.toBe(bad);
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('takes the trace id of a valid traceparent, and makes a fresh one for a malformed one', () => {
    expect(traceIdFrom(`00-${TRACE}-00f067aa0ba902b7-01`)).toBe(TRACE);
    for (const bad of [
      `00-${TRACE.toUpperCase()}-00f067aa0ba902b7-01`,
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${TRACE}-${'0'.repeat(16)}-01`,
      `ff-${TRACE}-00f067aa0ba902b7-01`,
      `00-${TRACE}-00f067aa0ba902b7-01\n`,
      'garbage',
      undefined,
    ]) {
      const fresh = traceIdFrom(bad);
      expect(fresh).toMatch(/^[0-9a-f]{32}$/);
      expect(fresh).not.toBe(TRACE);
    }
  });

  it('passes a trace on with a fresh parent id', () => {
    const header = traceparentOf(TRACE);
    expect(traceIdFrom(header)).toBe(TRACE);
    expect(header).not.toBe(traceparentOf(TRACE));
  });
});
