import { mintToken } from '#devstack';
import { checkAgainstOpenApi } from './openapi-responses.js';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

let defaultToken: Promise<string> | undefined;

/** A read+write token from the local key, minted once per test process for the TestStack's gateways. */
export function testToken(): Promise<string> {
  defaultToken ??= mintToken({ subject: 'test-client', ttlSeconds: 6 * 3600 });
  return defaultToken;
}

/**
 * One HTTP call with a JSON body, returning status, headers, parsed body and duration. Sends the test
 * token unless `headers` has an `authorization` of its own (an empty one sends none). Throws when a
 * gateway's answer differs from its OpenAPI document (see checkAgainstOpenApi).
 */
export async function http(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const started = Date.now();
  const own = Object.keys(headers).find((h) => h.toLowerCase() === 'authorization');
  const sent = own
    ? Object.fromEntries(Object.entries(headers).filter(([k, v]) => k !== own || v !== ''))
    : { authorization: `Bearer ${await testToken()}`, ...headers };
  const response = await fetch(url, {
    method,
    headers: body === undefined ? sent : { 'content-type': 'application/json', ...sent },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  const result = {
    status: response.status,
    headers: response.headers,
    body: parsed,
    ms: Date.now() - started,
  };
  await checkAgainstOpenApi(method, url, result);
  return result;
}
