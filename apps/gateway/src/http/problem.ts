import { z } from 'zod';
import { ERROR_CODES } from '#contracts';

/** The codes a problem can carry: every contract code but INTERNAL, whose detail stays in the logs. */
export const PROBLEM_CODES = Object.values(ERROR_CODES).filter((code) => code !== 'INTERNAL');

/** An RFC 9457 problem details body. */
export const ProblemSchema = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.int().min(400).max(599),
  detail: z.string(),
  code: z.enum(PROBLEM_CODES).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds a problem; `type` is a relative URI naming the code, or about:blank without one. */
export function problem(status: number, title: string, detail: string, code?: string): Problem {
  const type = code ? `/problems/${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank';
  return code
    ? { type, title, status, detail, code: code as Problem['code'] }
    : { type, title, status, detail };
}
