import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, any>;
/** What is checked of an answer (an HttpResult of http-client.ts is one). */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}
/** Checks one answer; throws naming what differs from the document. */
type AnswerCheck = (method: string, path: string, result: Answer) => void;

const checks = new Map<string, Promise<AnswerCheck | undefined>>();
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * Throws unless `result`, the answer to `method url`, is what the OpenAPI document served by that
 * gateway (at /docs-json) says the operation answers with that status: the status is listed, the
 * content type and the documented headers are there, and the body matches the schema. Answers of
 * servers without /docs-json, and of paths the document does not list, are not checked.
 */
export async function checkAgainstOpenApi(
  method: string,
  url: string,
  result: Answer,
): Promise<void> {
  const { origin, pathname } = new URL(url);
  if (pathname.startsWith('/docs')) return;
  if (!checks.has(origin)) checks.set(origin, loadCheck(origin));
  const check = await checks.get(origin)!;
  check?.(method, pathname, result);
}

async function loadCheck(origin: string): Promise<AnswerCheck | undefined> {
  const response = await fetch(`${origin}/docs-json`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) return undefined;
  const document = (await response.json()) as Json;
  if (!document.openapi) return undefined;
  return documentCheck(document);
}

/** The AnswerCheck of one OpenAPI 3.1 document. */
export function documentCheck(document: Json): AnswerCheck {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ ...document, $id: 'openapi.json' });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    if (!compiled.has(pointer))
      compiled.set(pointer, ajv.compile({ $ref: `openapi.json#${pointer}` }));
    return compiled.get(pointer)!;
  };
  const routes = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const resolve = (value: Json): Json =>
    value.$ref ? resolve(pointerGet(document, value.$ref.slice(1))) : value;

  return (method, path, result) => {
    const route = routes.find((r) => r.pattern.test(path));
    const operation = route && document.paths[route.template][method.toLowerCase()];
    if (!route || !operation) return;
    const where = `${method} ${path} answered ${result.status}`;
    const key = String(result.status) in operation.responses ? String(result.status) : 'default';
    const listed = operation.responses[key];
    if (!listed) throw new Error(`${where}, a status the OpenAPI document does not list`);
    const response = resolve(listed);
    for (const header of Object.keys(response.headers ?? {})) {
      if (!result.headers.has(header)) throw new Error(`${where} without its header ${header}`);
    }
    if (!response.content) {
      if (result.body !== undefined)
        throw new Error(`${where} with a body the document does not have`);
      return;
    }
    const mediaType = (result.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!response.content[mediaType]) {
      throw new Error(`${where} as ${mediaType}, not ${Object.keys(response.content).join(', ')}`);
    }
    const pointer = listed.$ref
      ? `${listed.$ref.slice(1)}/content/${escape(mediaType)}/schema`
      : `/paths/${escape(route.template)}/${method.toLowerCase()}/responses/${key}/content/${escape(mediaType)}/schema`;
    const validate = validatorAt(pointer);
    if (!validate(result.body)) {
      throw new Error(
        `${where} with a body that does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(result.body).slice(0, 500)}`,
      );
    }
  };
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function pointerGet(document: Json, pointer: string): Json {
  return pointer
    .split('/')
    .slice(1)
    .reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}
