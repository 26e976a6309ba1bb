import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, bodyKind, readBody } from './body.ts';

const post = (body: BodyInit | null, contentType: string | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api', {
    method: 'POST',
    body,
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
    duplex: 'half',
  } as RequestInit);

describe('bodyKind', () => {
  it.each([
    ['application/json', 'json'],
    ['Application/JSON; charset=UTF-8', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['application/x-www-form-urlencoded;charset=utf-8', 'form'],
    ['application/json; charset=utf-16le', null],
    ['text/plain;charset=UTF-8', null],
    ['application/jsonx', null],
    ['multipart/form-data; boundary=x', null],
    [null, null],
  ])('%s → %s', (type, kind) => expect(bodyKind(type)).toBe(kind));
});

describe('readBody', () => {
  it('parses JSON objects and drops a leading BOM', async () => {
    expect(await readBody(post('\ufeff{"email":"a@example.com"}', 'application/json'))).toEqual({
      ok: true,
      kind: 'json',
      fields: { email: 'a@example.com' },
    });
  });

  it.each(['', '{', 'null', '[]', '42', '"x"', "{'a':1}"])('refuses %j as invalid_request', async (body) => {
    expect(await readBody(post(body, 'application/json'))).toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
  });

  it('refuses repeated form parameters', async () => {
    const result = await readBody(
      post('email=a%40x.com&email=b%40x.com', 'application/x-www-form-urlencoded'),
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('stops at the cap, with or without a Content-Length', async () => {
    const big = `{"email":"a@example.com","pad":"${'A'.repeat(MAX_BODY_BYTES)}"}`;
    expect(await readBody(post(big, 'application/json'))).toMatchObject({
      ok: false,
      code: 'payload_too_large',
    });
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(4096).fill(65)); // endless: must be cut off, not buffered
      },
    });
    expect(await readBody(post(stream, 'application/json'))).toMatchObject({
      ok: false,
      code: 'payload_too_large',
    });
  });

  it('refuses an unsupported media type before reading', async () => {
    expect(await readBody(post('{}', 'text/plain'))).toEqual({
      ok: false,
      kind: null,
      code: 'unsupported_media_type',
    });
  });
});
