// Test tooling: a TLS front for the app (like Vercel's edge), so the suite can check what only
// happens on https: `__Host-` cookie names, `Secure`, HSTS. Self-signed certificate for localhost,
// made at start. Env: TLS_PROXY_PORT (listen), TLS_PROXY_TARGET (e.g. http://127.0.0.1:3600).
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import { generate } from 'selfsigned';

const port = Number(process.env.TLS_PROXY_PORT ?? 3643);
const target = new URL(process.env.TLS_PROXY_TARGET ?? 'http://127.0.0.1:3600');

const pem = await generate([{ name: 'commonName', value: 'localhost' }], {
  keyType: 'ec',
  curve: 'P-256',
  extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
});

const server = createServer({ key: pem.private, cert: pem.cert }, (req, res) => {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('upstream unavailable');
  });
  req.pipe(upstream);
});

server.listen(port, '127.0.0.1', () =>
  console.log(`TLS proxy https://localhost:${port} -> ${target.origin}`),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
