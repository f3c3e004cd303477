import { readFileSync } from 'node:fs';
import express from 'express';

/**
 * Baseline for the GET benchmark: bare express 5 sending, for every request, the same bytes as the
 * provider's Turtle for one part. Usage: node BareExpressServer.js PORT BODY_FILE
 */
const [port, bodyFile] = process.argv.slice(2);
const body = readFileSync(bodyFile!);
const app = express();
app.get('/{*path}', (_req, res) => {
  res.setHeader('Content-Type', 'text/turtle; charset=utf-8');
  res.end(body);
});
app.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write('listening\n');
});
