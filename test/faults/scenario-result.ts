/** One row of the fault suite's table, plus what broke. */
export interface ScenarioResult {
  scenario: string;
  /** Requests or messages the scenario sent (hire requests + HTTP calls). */
  sent: number;
  /** Outcomes seen: hire outcomes, DLQ entries and HTTP answers. */
  outcomes: number;
  lost: number;
  duplicated: number;
  stuck: number;
  /** From the end of the fault to the last outcome, or null if it never recovered. */
  recoverMs: number | null;
  /** Each broken invariant, in words; empty when the scenario passed. */
  violations: string[];
  /** Figures worth reading beside the table (503 latencies, exit times, ...). */
  notes: string[];
  ms?: number;
}

/** A result to fill in as a scenario goes. */
export function emptyResult(scenario: string): ScenarioResult {
  return {
    scenario,
    sent: 0,
    outcomes: 0,
    lost: 0,
    duplicated: 0,
    stuck: 0,
    recoverMs: null,
    violations: [],
    notes: [],
  };
}
