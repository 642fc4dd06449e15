import { writeFileSync } from 'node:fs';
import { offlineOpenApiDocument } from './offline-openapi-document.js';

/** `npm run openapi [-- <file>]`: writes the gateway's OpenAPI document (stdout without a file). */
const document = JSON.stringify(await offlineOpenApiDocument(), null, 2);
const file = process.argv[2];
if (file) writeFileSync(file, `${document}\n`);
else process.stdout.write(`${document}\n`);
