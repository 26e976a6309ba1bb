import { describe, expect, it } from 'vitest';
import { isProtectedPath } from './protected-paths.ts';

describe('isProtectedPath', () => {
  it.each(['/dashboard', '/dashboard/', '/dashboard/settings', '/dashboard.rsc', '/dashboard.segments/x'])(
    'guards %s',
    (path) => expect(isProtectedPath(path)).toBe(true),
  );
  it.each(['/', '/login', '/dashboards', '/api/auth/logout', '/public/dashboard'])('leaves %s open', (path) =>
    expect(isProtectedPath(path)).toBe(false),
  );
});
