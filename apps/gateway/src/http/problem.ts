/** An RFC 9457 problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds a problem; `type` is a relative URI naming the code, or about:blank without one. */
export function problem(status: number, title: string, detail: string, code?: string): Problem {
  const type = code ? `/problems/${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank';
  return code ? { type, title, status, detail, code } : { type, title, status, detail };
}
