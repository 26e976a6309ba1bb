import { describe, expect, it } from 'vitest';
import { errorResponse, rejectOtherMethods, wantsHtml } from './responses.ts';

const request = (headers: Record<string, string>) =>
  new Request('http://localhost/api/auth/logout', { method: 'PUT', headers });

describe('rejectOtherMethods', () => {
  it('answers 405 in the house JSON shape with an Allow header', async () => {
    const response = rejectOtherMethods('POST').PUT(request({ accept: 'application/json' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 'method_not_allowed', message: expect.any(String) as string },
    });
  });

  it('answers a browser navigation with an HTML page and a way back', async () => {
    const response = rejectOtherMethods('POST').GET(request({ accept: 'text/html,*/*' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<a href="/login">Back to sign-in</a>');
    expect(html).not.toContain('<script');
  });

  it('answers OPTIONS without granting anything cross-origin', () => {
    const response = rejectOtherMethods('GET').OPTIONS(request({}));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('wantsHtml', () => {
  it.each([
    [{ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,*/*;q=0.8' }, true],
    [{ 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html' }, true],
    [{ accept: 'text/html,application/xhtml+xml' }, true],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, false],
    [{ 'content-type': 'application/json', accept: 'text/html' }, false],
    [{ accept: 'application/json' }, false],
    [{}, false],
  ])('%j → %s', (headers, expected) => {
    expect(wantsHtml(request(headers))).toBe(expected);
  });

  it('keeps the status and headers of the error on both kinds', async () => {
    const html = errorResponse(
      request({ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }),
      'forbidden_origin',
    );
    expect(html.status).toBe(403);
    expect(await html.text()).toContain('role="alert"');
    const json = errorResponse(request({ 'content-type': 'application/json' }), 'forbidden_origin');
    expect(json.status).toBe(403);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
  });
});
