import { describe, expect, it } from '@jest/globals';
import { decideHires } from './hire-batch-decision.js';

const known = { people: new Set(['p1', 'p2', 'p3']), companies: new Set(['c1', 'c2']) };
const outcome = (d: ReturnType<typeof decideHires>[number]) =>
  'hired' in d ? `hired ${d.hired.personId}@${d.hired.companyId}#${d.hired.cardId}` : d.rejected;

describe(decideHires.name, () => {
  it('decides in order as the unique indexes would, each hire counting against the next', () => {
    const decisions = decideHires(
      [
        { personId: 'p1', companyId: 'c1', cardId: 1 },
        { personId: 'p2', companyId: 'c1', cardId: 1 },
        { personId: 'p1', companyId: 'c1', cardId: 2 },
        { personId: 'p1', companyId: 'c2', cardId: 1 },
        { personId: 'nobody', companyId: 'c1', cardId: 3 },
        { personId: 'p2', companyId: 'gone', cardId: 3 },
      ],
      known,
      new Set(),
      [],
    );
    expect(decisions.map(outcome)).toEqual([
      'hired p1@c1#1',
      'CARD_ID_TAKEN',
      'ALREADY_EMPLOYED',
      'hired p1@c2#1',
      'PERSON_NOT_FOUND',
      'COMPANY_NOT_FOUND',
    ]);
  });

  it('counts active employments and deleted parties, and checks the card before the person', () => {
    const decisions = decideHires(
      [
        { personId: 'p1', companyId: 'c1', cardId: 7 },
        { personId: 'p2', companyId: 'c1', cardId: 8 },
        { personId: 'p3', companyId: 'c2', cardId: 1 },
      ],
      known,
      new Set(['p3']),
      [{ personId: 'p1', companyId: 'c1', cardId: 7 }],
    );
    expect(decisions.map(outcome)).toEqual(['CARD_ID_TAKEN', 'hired p2@c1#8', 'PERSON_NOT_FOUND']);
  });

  it('gives every hire its own id and the batch time', () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const [a, b] = decideHires(
      [
        { personId: 'p1', companyId: 'c1', cardId: 1 },
        { personId: 'p2', companyId: 'c1', cardId: 2 },
      ],
      known,
      new Set(),
      [],
      now,
    );
    if (!('hired' in a) || !('hired' in b)) throw new Error('expected two hires');
    expect(a.hired.id).not.toBe(b.hired.id);
    expect(a.hired).toMatchObject({ createdAt: now, endedAt: null });
  });
});
