import { describe, expect, it } from '@jest/globals';
import { MAX_MESSAGE_BYTES, parseMessageJson, parseRpcReply } from './message-limits.js';

describe(parseMessageJson.name, () => {
  it('parses JSON values up to the limit', () => {
    expect(parseMessageJson(Buffer.from('{"a":[1,2]}'))).toEqual({ json: { a: [1, 2] } });
  });

  it('refuses empty, oversized and non-JSON values without throwing', () => {
    expect(parseMessageJson(null)).toEqual({ unreadable: 'value is not JSON' });
    const huge = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20);
    expect(parseMessageJson(huge)).toEqual({
      unreadable: `value is ${MAX_MESSAGE_BYTES + 1} bytes, over the ${MAX_MESSAGE_BYTES} allowed`,
    });
    expect(parseMessageJson(Buffer.from('{"a":'))).toEqual({ unreadable: 'value is not JSON' });
    expect(parseMessageJson(Buffer.from('{"requestId":"a\\u0000b"}'))).toEqual({
      unreadable: 'value contains a NUL character (\\u0000)',
    });
    expect(parseMessageJson(Buffer.from('{"a":"\\\\u0000"}'))).toEqual({ json: { a: '\\u0000' } });
    expect(parseMessageJson(Buffer.from('[['.repeat(100_000)))).toEqual({
      unreadable: 'value is not JSON',
    });
  });
});

describe(parseRpcReply.name, () => {
  it('accepts both reply shapes', () => {
    expect(parseRpcReply(Buffer.from('{"ok":true,"data":{"id":1}}'))).toEqual({
      ok: true,
      data: { id: 1 },
    });
    const error = { status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: 'no such person' };
    expect(parseRpcReply(Buffer.from(JSON.stringify({ ok: false, error })))).toEqual({
      ok: false,
      error,
    });
  });

  it('rejects replies whose status, code or detail are not what the gateway can send on', () => {
    const bad = [
      { ok: false, error: { status: 'DROP TABLE', code: 'X', title: 't', detail: 'd' } },
      { ok: false, error: { status: 200, code: 'X', title: 't', detail: 'd' } },
      { ok: false, error: { status: 500, code: 'X', title: 't', detail: 'd'.repeat(5000) } },
      { ok: 'yes', data: 1 },
      [1, 2],
    ];
    for (const reply of bad)
      expect(parseRpcReply(Buffer.from(JSON.stringify(reply)))).toBeUndefined();
  });
});
