/**
 * The HTTP baseline: bare node:http + pg on the bench's scratch database (DATABASE_URL), serving
 * GET /people/:id (one SELECT) and POST /employees (one INSERT). No framework, no Kafka, no checks
 * beyond JSON parsing: the machine's own ceiling for one HTTP call and one statement.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { announceReady } from './baseline-process.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {}); // an idle connection closed by the bench's DROP DATABASE at the end

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': text.length });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString());
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.startsWith('/people/')) {
    const { rows } = await pool.query('SELECT * FROM people WHERE id = $1', [url.slice(8)]);
    return rows[0] ? send(res, 200, rows[0]) : send(res, 404, { status: 404 });
  }
  if (req.method === 'POST' && url === '/employees') {
    const { personId, companyId, cardId } = await readBody(req);
    const { rows } = await pool.query(
      'INSERT INTO employees (person_id, company_id, card_id) VALUES ($1, $2, $3) RETURNING *',
      [personId, companyId, cardId],
    );
    return send(res, 201, rows[0]);
  }
  send(res, 404, { status: 404 });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: Error & { code?: string }) =>
    send(res, error.code === '23505' ? 409 : 500, { detail: error.message }),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  announceReady({ url: `http://127.0.0.1:${address.port}` });
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
