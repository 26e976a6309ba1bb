// `next/headers` for unit tests, in the manner of authkit-nextjs's vitest.setup.ts: vitest.setup.ts
// mocks the module with these, so server code that calls cookies() runs unchanged. A test puts a
// browser's jar in place (`switchBrowser`), calls the code, then reads what it set.

export type CookieJar = ReturnType<typeof cookieJar>;

/** A browser's cookie jar as Next's cookies() shows it (Max-Age=0 deletes, as a browser does). */
export function cookieJar(initial: Record<string, string> = {}) {
  const cookies = new Map<string, { value: string; maxAge?: number }>(
    Object.entries(initial).map(([name, value]) => [name, { value }]),
  );
  return {
    cookies,
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)?.value ?? '' } : undefined),
    getAll: () => [...cookies].map(([name, cookie]) => ({ name, value: cookie.value })),
    has: (name: string) => cookies.has(name),
    set(name: string, value: string, options: { maxAge?: number } = {}) {
      if (value === '' || options.maxAge === 0) cookies.delete(name);
      else cookies.set(name, { value, maxAge: options.maxAge });
    },
    delete: (name: string) => void cookies.delete(name),
  };
}

let current: CookieJar = cookieJar();

/** Makes `jar` the browser whose cookies the next cookies() calls see; returns it. */
export function switchBrowser(jar: CookieJar = cookieJar()): CookieJar {
  current = jar;
  return jar;
}

/** What the mocked cookies() resolves to. */
export const currentCookies = (): CookieJar => current;
