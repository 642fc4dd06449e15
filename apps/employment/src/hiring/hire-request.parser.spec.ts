import { describe, expect, it } from '@jest/globals';
import { MAX_MESSAGE_BYTES } from '#contracts';
import { parseHireMessage } from './hire-request.parser.js';

const valid = {
  requestId: 'req-1',
  personId: '7d3f1c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  companyId: '0b6f9a3e-2c4d-4e6f-9a1b-c2d3e4f5a6b7',
  cardId: 7,
};
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe(parseHireMessage.name, () => {
  it('sends a value that is not JSON to the dead-letter topic', () => {
    for (const value of [
      Buffer.from('{"requestId":'),
      Buffer.from(''),
      Buffer.from('hire me'),
      null,
    ]) {
      expect(parseHireMessage(value)).toEqual({ deadLetter: 'value is not JSON' });
    }
  });

  it('sends JSON that is not an object to the dead-letter topic', () => {
    for (const body of [[valid], 42, null, 'req-1', true]) {
      expect(parseHireMessage(json(body))).toEqual({ deadLetter: 'value is not a JSON object' });
    }
  });

  it('sends a message without a usable requestId to the dead-letter topic', () => {
    const { requestId: _omitted, ...withoutId } = valid;
    for (const body of [
      withoutId,
      { ...valid, requestId: '' },
      { ...valid, requestId: 'x'.repeat(201) },
      { ...valid, requestId: 42 },
      { ...valid, requestId: null },
      { ...valid, requestId: ['req-1'] },
    ]) {
      const parsed = parseHireMessage(json(body));
      expect(parsed).toHaveProperty('deadLetter');
      expect((parsed as { deadLetter: string }).deadLetter).toMatch(/requestId/);
    }
  });

  it('accepts a requestId of exactly 200 characters', () => {
    const requestId = 'x'.repeat(200);
    expect(parseHireMessage(json({ ...valid, requestId }))).toMatchObject({ requestId });
  });

  it('returns a usable hire', () => {
    expect(parseHireMessage(json(valid))).toEqual({
      requestId: 'req-1',
      hire: { personId: valid.personId, companyId: valid.companyId, cardId: 7 },
    });
  });

  it('ignores extra fields', () => {
    expect(parseHireMessage(json({ ...valid, source: 'hr', priority: 1 }))).toEqual({
      requestId: 'req-1',
      hire: { personId: valid.personId, companyId: valid.companyId, cardId: 7 },
    });
  });

  it('returns an invalid request naming the bad field when the requestId is usable', () => {
    const body = { ...valid, personId: 'p-1', extra: true };
    const parsed = parseHireMessage(json(body));
    expect(parsed).toEqual({
      requestId: 'req-1',
      invalid: { raw: body, detail: expect.any(String) },
    });
    const { detail } = (parsed as { invalid: { detail: string } }).invalid;
    expect(detail).toMatch(/^personId: /);
    expect(detail).not.toMatch(/cardId|companyId/);
  });

  it('names every bad field in the detail', () => {
    for (const cardId of [-1, 2147483648, 1.5, '7', undefined]) {
      const parsed = parseHireMessage(json({ ...valid, cardId }));
      expect(parsed).toMatchObject({
        requestId: 'req-1',
        invalid: { detail: expect.stringMatching(/^cardId: /) },
      });
    }
    const both = parseHireMessage(
      json({ requestId: 'req-2', personId: 1, cardId: 'x', companyId: valid.companyId }),
    );
    expect((both as { invalid: { detail: string } }).invalid.detail).toMatch(
      /personId: .*; cardId: /,
    );
  });
});

describe('parseHireMessage limits', () => {
  it('sends a value over MAX_MESSAGE_BYTES to the dead-letter topic without parsing it', () => {
    const padded = Buffer.from(
      JSON.stringify({ requestId: 'r', pad: 'x'.repeat(MAX_MESSAGE_BYTES) }),
    );
    expect(parseHireMessage(padded)).toEqual({
      deadLetter: expect.stringMatching(/^value is \d+ bytes, over the 1048576 allowed$/),
    });
  });
});
