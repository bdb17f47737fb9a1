/**
 * The ceiling for one Node process (issue 19): a bare `node:http` server sending the bytes
 * Broadsheet sends for a page — the same status line, the same headers and the same body, gzip
 * or not as asked — with no routing, no cache lookup, no metrics and no log. It runs in its own
 * process, as Broadsheet's server does; `startBareNode` in compare.ts starts it with a JSON file:
 * {"port", "identity": {"headers", "body"}, "gzip": {"headers", "body"}} (bodies in base64).
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

interface Answer {
  headers: [string, string][];
  body: string;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  port: number;
  identity: Answer;
  gzip: Answer;
};
const prepare = (a: Answer) => ({ headers: a.headers.flat(), body: Buffer.from(a.body, 'base64') });
const identity = prepare(spec.identity);
const gzip = prepare(spec.gzip);

createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const answer = req.headers['accept-encoding']?.includes('gzip') ? gzip : identity;
  res.writeHead(200, answer.headers);
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}).listen(spec.port, '127.0.0.1');
