// The builds `npm run bench:http` compares, and the middleware sources of the variants it writes
// into its temp copies (never into the repo). Pure: string in, string out.

/** One build: the app as it is, or a variant of its middleware. */
export type BuildName = 'app' | 'pass-through' | 'no-auth' | 'none';

export const BUILDS: readonly { name: BuildName; label: string }[] = [
  { name: 'app', label: "the app's own middleware" },
  { name: 'pass-through', label: 'a middleware that only calls NextResponse.next() (same matcher)' },
  { name: 'no-auth', label: 'the middleware without the auth check (CSP nonce, canonical host; no unseal)' },
  { name: 'none', label: 'no middleware file at all' },
];

/** A page every variant copy gets (not the app's own build): the floor for first-load JS and req/s. */
export const TRIVIAL_PAGE_PATH = 'app/bench-trivial/page.tsx';
export const TRIVIAL_PAGE_URL = '/bench-trivial';
export const TRIVIAL_PAGE_SOURCE = `// Written by scripts/bench-http.ts into its temp copies only: the smallest page under the root layout.
export default function BenchTrivialPage() {
  return <p>ok</p>;
}
`;

/** Which file holds the middleware (Next 16 also accepts proxy.ts) and the name of its function. */
export function middlewareEntry(files: readonly string[]): { file: string; fn: 'middleware' | 'proxy' } {
  if (files.includes('middleware.ts')) return { file: 'middleware.ts', fn: 'middleware' };
  if (files.includes('proxy.ts')) return { file: 'proxy.ts', fn: 'proxy' };
  throw new Error('neither middleware.ts nor proxy.ts is at the top of the repo: nothing to compare against');
}

/** Index just past the literal, comment or template that starts at `i`, or `i` for anything else. */
function skipNonCode(source: string, i: number): number {
  const ch = source[i];
  if (ch === '/' && source[i + 1] === '/') {
    const end = source.indexOf('\n', i);
    return end < 0 ? source.length : end;
  }
  if (ch === '/' && source[i + 1] === '*') {
    const end = source.indexOf('*/', i + 2);
    return end < 0 ? source.length : end + 2;
  }
  if (ch === "'" || ch === '"' || ch === '`') {
    let j = i + 1;
    while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  return i;
}

/**
 * The `export const config = { ... };` statement of a middleware source, copied verbatim (Next
 * reads the matcher statically, so it cannot be imported from the original file).
 */
export function extractConfig(source: string): string {
  const start = /export\s+const\s+config\b[^=]*=\s*/.exec(source);
  if (!start) throw new Error('the middleware has no `export const config`: cannot copy its matcher');
  const open = start.index + start[0].length;
  if (source[open] !== '{') throw new Error('`export const config` is not an object literal');
  let depth = 0;
  for (let i = open; i < source.length;) {
    const skipped = skipNonCode(source, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (source[i] === '{') depth += 1;
    if (source[i] === '}' && --depth === 0) {
      const end = source[i + 1] === ';' ? i + 2 : i + 1;
      return source.slice(start.index, end);
    }
    i += 1;
  }
  throw new Error('`export const config` has no closing brace');
}

const HEADER = '// Written by scripts/bench-http.ts into a temp copy of the repo (a benchmark variant).\n';

/** Variant (a): does nothing, behind the app's own matcher. */
export function passThroughSource(config: string, fn: 'middleware' | 'proxy'): string {
  return `${HEADER}import { NextResponse } from 'next/server';

export function ${fn}() {
  return NextResponse.next();
}

${config}
`;
}

/**
 * Variant (b): everything the app's middleware does except the session check (no cookie read, no
 * unseal, no redirect): the API gate, the canonical-host rewrite and the per-request CSP nonce.
 */
export function noAuthSource(config: string, fn: 'middleware' | 'proxy'): string {
  return `${HEADER}import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env.ts';
import { createNonce, pageCsp } from './lib/http/csp.ts';
import { hasMalformedPercentEncoding, rawPathOf } from './lib/http/percent-encoding.ts';
import { errorResponse } from './lib/http/responses.ts';

export function ${fn}(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) {
    if (hasMalformedPercentEncoding(rawPathOf(request.url))) return errorResponse(request, 'invalid_request');
    return NextResponse.next();
  }
  const env = getEnv();
  if (request.headers.get('host')?.toLowerCase() !== new URL(env.appUrl).host) {
    const headers = new Headers(request.headers);
    headers.set('x-canonical-path', \`\${request.nextUrl.pathname}\${request.nextUrl.search}\`);
    return NextResponse.rewrite(new URL('/api/canonical', request.url), { request: { headers } });
  }
  const nonce = createNonce();
  const csp = pageCsp(nonce, { dev: !env.production, https: env.appUrl.startsWith('https:') });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

${config}
`;
}

/**
 * What to write into a build's copy: file path -> contents (null deletes the file). The app's own
 * build is left exactly as it is.
 */
export function variantFiles(build: BuildName, files: readonly string[], source: string) {
  const { file, fn } = middlewareEntry(files);
  if (build === 'app') return {};
  const changes: Record<string, string | null> = { [TRIVIAL_PAGE_PATH]: TRIVIAL_PAGE_SOURCE };
  if (build === 'none') changes[file] = null;
  if (build === 'pass-through') changes[file] = passThroughSource(extractConfig(source), fn);
  if (build === 'no-auth') changes[file] = noAuthSource(extractConfig(source), fn);
  return changes;
}
