import { describe, expect, it } from 'vitest';
import { rejectOtherMethods } from './responses.ts';

describe('rejectOtherMethods', () => {
  it('answers 405 in the house JSON shape with an Allow header', async () => {
    const response = rejectOtherMethods('POST').PUT();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 'method_not_allowed', message: expect.any(String) as string },
    });
  });

  it('answers OPTIONS without granting anything cross-origin', () => {
    const response = rejectOtherMethods('GET').OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
