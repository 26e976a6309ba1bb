import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body accepted; WorkOS bodies here are a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Params = Record<string, unknown>;

export type BodyResult = { ok: true; value: Params } | { ok: false; message: string };

export class BodyTooLargeError extends Error {}

/** Sends a JSON body with the exact Content-Type the SDK checks for before parsing. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Sends an HTML page. */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

/** Sends a 302 redirect. */
export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/** Sends an empty response (204 by default). */
export function sendEmpty(res: ServerResponse, status = 204): void {
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

/** Reads the whole request body as UTF-8; rejects with BodyTooLargeError past MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('Request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a body as form or JSON. The SDK sends `Content-Type: application/json` even on bodiless
 * requests, so an empty body is `{}` whatever the type says.
 */
export function parseBody(raw: string, contentType: string | undefined): BodyResult {
  if (raw.trim() === '') return { ok: true, value: {} };
  if ((contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: searchParamsToObject(new URLSearchParams(raw)) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, message: 'The request body must be a JSON object.' };
  }
  return { ok: true, value: parsed as Params };
}

/** URLSearchParams as a plain object; a repeated key keeps its last value. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = value;
  return out;
}

/** The Bearer token of the Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1];
}

/** `value` when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
