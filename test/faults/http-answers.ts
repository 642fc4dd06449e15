/** One HTTP answer as the bounds judge it: the route, the status, and the gateway it went to. */
export interface JudgedCall {
  route: string;
  status: number | 'hang' | 'connection';
  gateway?: string;
}

/** The expected shape of a run's answers. */
export interface AnswerBounds {
  /** Every one of these routes must have at least one 2xx. */
  routes: readonly string[];
  /**
   * Per route, the 4xx statuses that are a correct answer to what was sent (e.g. 409 to a hire), or
   * 'any' when the requests are meant to be refused (the hostile run).
   */
  expected4xx: Readonly<Record<string, readonly number[]>> | 'any';
  /**
   * Gateways that ran, untouched, through the whole run: a dropped connection to one of them is a
   * fault of the product. Connections to gateways stopped or started meanwhile may drop.
   */
  steadyGateways: readonly string[];
}

const isSuccess = (c: JudgedCall) => typeof c.status === 'number' && c.status < 300;

/**
 * What is wrong with a run's answers, in words (empty when nothing): a route without a success, any
 * 401 or 403 (the clients' tokens are valid), any 429 (the tests turn the rate limit off), any other
 * 4xx a route should not answer, and dropped connections beyond `bounds`. A run where every call was
 * refused (401, 429, 503) fails here.
 */
export function answerProblems(calls: readonly JudgedCall[], bounds: AnswerBounds): string[] {
  const problems: string[] = [];
  for (const route of bounds.routes) {
    const mine = calls.filter((c) => c.route === route);
    if (!mine.some(isSuccess)) problems.push(`${route}: no success in ${mine.length} calls`);
  }
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const c of calls) {
    if (typeof c.status !== 'number' || c.status < 400 || c.status >= 500) continue;
    if ([401, 403, 429].includes(c.status)) add(`${c.status}`);
    else if (
      bounds.expected4xx !== 'any' &&
      !(bounds.expected4xx[c.route] ?? []).includes(c.status)
    )
      add(`${c.status} to ${c.route}`);
  }
  for (const [what, n] of counts) problems.push(`${n} answers ${what}`);
  const steady = new Set(bounds.steadyGateways);
  const dropped = calls.filter(
    (c) => c.status === 'connection' && (c.gateway === undefined || steady.has(c.gateway)),
  );
  if (dropped.length)
    problems.push(
      `${dropped.length} connections dropped by a gateway that was neither stopped nor started meanwhile`,
    );
  return problems;
}
