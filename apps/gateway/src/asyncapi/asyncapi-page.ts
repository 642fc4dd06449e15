import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Parser, stringify } from '@asyncapi/parser';
import { asyncApiDocument } from './asyncapi-document.js';

const componentDir = dirname(
  createRequire(import.meta.url).resolve('@asyncapi/react-component/package.json'),
);

/**
 * The files of the offline AsyncAPI page: @asyncapi/react-component's standalone bundle without its
 * parser (the parser compiles schemas with `new Function`, which the gateway's CSP forbids) and its
 * styles, both from node_modules, and the document already parsed here.
 */
export const ASYNCAPI_ASSETS = {
  'viewer.js': {
    file: join(componentDir, 'browser', 'standalone', 'without-parser.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'viewer.css': {
    file: join(componentDir, 'styles', 'default.min.css'),
    type: 'text/css; charset=utf-8',
  },
} as const;

export type AsyncApiAsset = keyof typeof ASYNCAPI_ASSETS;

/** The HTML page; its scripts and styles are same-origin files (no inline script, no CDN). */
export const ASYNCAPI_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Kafka contract (AsyncAPI)</title>
    <link rel="stylesheet" href="asyncapi/viewer.css" />
  </head>
  <body>
    <div id="asyncapi">Loading the AsyncAPI document (asyncapi.json)...</div>
    <script src="asyncapi/viewer.js"></script>
    <script src="asyncapi/page.js"></script>
  </body>
</html>
`;

/** Renders the parsed document into #asyncapi with the standalone bundle's global. */
export const ASYNCAPI_PAGE_SCRIPT = `fetch('asyncapi/parsed.json')
  .then(function (response) { return response.text(); })
  .then(function (schema) {
    AsyncApiStandalone.render(
      { schema: schema, config: { show: { sidebar: true } } },
      document.getElementById('asyncapi'),
    );
  });
`;

const cached = new Map<string, Promise<string>>();
const once = (key: string, make: () => Promise<string>) => {
  if (!cached.has(key)) cached.set(key, make());
  return cached.get(key)!;
};

/** The document as @asyncapi/parser's stringified parsed form, which the viewer takes as is. */
export function parsedDocumentText(): Promise<string> {
  return once('parsed', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    if (!document) throw new Error(`AsyncAPI document invalid: ${JSON.stringify(diagnostics)}`);
    return stringify(document)!;
  });
}

/** One asset's text, read once. */
export function assetText(name: AsyncApiAsset): Promise<string> {
  return once(name, () => readFile(ASYNCAPI_ASSETS[name].file, 'utf8'));
}
