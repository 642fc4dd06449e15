/** What an `employee.hired` event says was hired: the aggregate id is the employee row's id. */
export interface HiredEmployee {
  id: string;
  personId: string;
  companyId: string;
  cardId: number;
}

/** An `employees` row as the checks read it. */
export interface EmployeeRow {
  id: string;
  person_id: string;
  company_id: string;
  card_id: number;
  ended_at: string | Date | null;
}

/** A hire asked for (a hire request, or an HTTP POST /employees answered 201), and its event. */
export interface AskedHire {
  /** The requestId, or the HTTP call's marker: names the hire in a violation. */
  name: string;
  personId: string;
  companyId: string;
  cardId: number;
  /** The employee.hired event of this hire, if one arrived. */
  hired?: HiredEmployee;
}

/** How the hires asked for and the employees rows fail to match one to one. */
export interface HireMismatch {
  /** Hires whose employee.hired event's aggregate id is no active employees row. */
  withoutRow: string[];
  /** Hires whose event (or row) names another person, company or card than asked for. */
  different: string[];
  /** Rows (ids) no hire's event accounts for: an employee made twice, or out of nowhere. */
  extraRows: string[];
}

const same = (a: { personId: string; companyId: string; cardId: number }, b: AskedHire) =>
  a.personId === b.personId && a.companyId === b.companyId && a.cardId === b.cardId;

/**
 * Matches each hire's event to one active row by the event's aggregate id, and every row to a hire:
 * a missing row and an extra one are both counted, they do not cancel out. Hires without an event
 * are not judged here (the caller counts them as stuck or lost), but may account for one row with
 * what they asked for. `rows` are all rows of the companies concerned.
 */
export function matchHires(
  hires: readonly AskedHire[],
  rows: readonly EmployeeRow[],
): HireMismatch {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const claimed = new Set<string>();
  const result: HireMismatch = { withoutRow: [], different: [], extraRows: [] };
  for (const hire of hires) {
    if (!hire.hired) continue;
    const row = byId.get(hire.hired.id);
    if (!row || row.ended_at !== null || claimed.has(row.id)) {
      result.withoutRow.push(hire.name);
      continue;
    }
    claimed.add(row.id);
    const fromRow = { personId: row.person_id, companyId: row.company_id, cardId: row.card_id };
    if (!same(hire.hired, hire) || !same(fromRow, hire)) result.different.push(hire.name);
  }
  // A hire without its event (counted by the caller) accounts for a row with what it asked for.
  for (const hire of hires) {
    if (hire.hired) continue;
    const row = rows.find(
      (r) =>
        !claimed.has(r.id) &&
        same({ personId: r.person_id, companyId: r.company_id, cardId: r.card_id }, hire),
    );
    if (row) claimed.add(row.id);
  }
  result.extraRows = rows.filter((r) => !claimed.has(r.id)).map((r) => r.id);
  return result;
}
