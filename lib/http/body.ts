import type { AuthErrorCode } from '../auth/errors.ts';

/** Largest request body the auth endpoints read (ASVS 15.2.2). */
export const MAX_BODY_BYTES = 8 * 1024;

export type BodyKind = 'json' | 'form';
export type ParsedBody =
  | { ok: true; kind: BodyKind; fields: Record<string, unknown> }
  | { ok: false; kind: BodyKind | null; code: AuthErrorCode };

/** The body kind a Content-Type names (parameters allowed, UTF-8 only), or null when unsupported. */
export function bodyKind(contentType: string | null): BodyKind | null {
  if (!contentType) return null;
  const [type = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return null;
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return null;
}

/** Reads at most `limit` bytes; null as soon as the body is larger (never buffers the excess). */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseJson(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function parseForm(text: string): Record<string, unknown> | null {
  const params = new URLSearchParams(text);
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of params) {
    if (Object.hasOwn(fields, key)) return null; // repeated parameter: refuse rather than guess
    fields[key] = value;
  }
  return fields;
}

/** Reads a JSON or urlencoded-form body within the size cap, as plain fields. */
export async function readBody(request: Request): Promise<ParsedBody> {
  const kind = bodyKind(request.headers.get('content-type'));
  if (!kind) return { ok: false, kind, code: 'unsupported_media_type' };
  let bytes: Uint8Array | null;
  try {
    bytes = await readCapped(request, MAX_BODY_BYTES);
  } catch {
    return { ok: false, kind, code: 'invalid_request' };
  }
  if (!bytes) return { ok: false, kind, code: 'payload_too_large' };
  // Invalid UTF-8 becomes U+FFFD, which no field policy accepts; a leading BOM is dropped.
  const text = new TextDecoder('utf-8').decode(bytes);
  const fields = kind === 'json' ? parseJson(text) : parseForm(text);
  return fields ? { ok: true, kind, fields } : { ok: false, kind, code: 'invalid_request' };
}
