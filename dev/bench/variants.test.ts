import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  TRIVIAL_PAGE_PATH,
  extractConfig,
  middlewareEntry,
  noAuthSource,
  passThroughSource,
  variantFiles,
} from './variants.ts';

const appMiddleware = readFileSync(new URL('../../middleware.ts', import.meta.url), 'utf8');

describe('extractConfig', () => {
  it("copies the app's own config statement verbatim, matcher and all", () => {
    const config = extractConfig(appMiddleware);
    expect(config.startsWith('export const config = {')).toBe(true);
    expect(config.endsWith('};')).toBe(true);
    expect(appMiddleware).toContain(config);
    expect(config).toContain('matcher');
  });

  it('is not fooled by braces in strings, templates and comments', () => {
    const source = [
      'export function middleware() {}',
      'export const config = {',
      '  matcher: [\'/a{b}\', "/c}", `/d{`], // a } here',
      '  /* and { there */ nested: { x: 1 },',
      '};',
      'const after = 1;',
    ].join('\n');
    const config = extractConfig(source);
    expect(config.split('\n')).toHaveLength(4);
    expect(config).not.toContain('after');
  });

  it('says so when there is no config to copy', () => {
    expect(() => extractConfig('export function middleware() {}')).toThrow(/no `export const config`/);
    expect(() => extractConfig('export const config = makeConfig();')).toThrow(/not an object literal/);
  });
});

describe('variant sources', () => {
  const config = "export const config = { matcher: ['/x'] };";

  it('pass-through only calls NextResponse.next(), under the same name and matcher', () => {
    for (const fn of ['middleware', 'proxy'] as const) {
      const source = passThroughSource(config, fn);
      expect(source).toContain(`export function ${fn}() {\n  return NextResponse.next();\n}`);
      expect(source).toContain(config);
      expect(source).not.toMatch(/lib\//);
    }
  });

  it('no-auth keeps the nonce and the canonical host but reads no session', () => {
    const source = noAuthSource(config, 'middleware');
    expect(source).toContain('createNonce()');
    expect(source).toContain("'/api/canonical'");
    expect(source).not.toMatch(/iron-session|unseal|isProtectedPath|cookies/);
    expect(source).toContain(config);
  });
});

describe('variantFiles', () => {
  const files = ['middleware.ts', 'app/page.tsx'];

  it('leaves the app build alone and gives every variant the trivial page', () => {
    expect(variantFiles('app', files, appMiddleware)).toEqual({});
    for (const build of ['pass-through', 'no-auth', 'none'] as const)
      expect(variantFiles(build, files, appMiddleware)[TRIVIAL_PAGE_PATH]).toContain('export default');
  });

  it('deletes the middleware for none and rewrites it for the others', () => {
    expect(variantFiles('none', files, appMiddleware)['middleware.ts']).toBeNull();
    expect(variantFiles('pass-through', files, appMiddleware)['middleware.ts']).toContain(
      'NextResponse.next()',
    );
  });

  it('finds proxy.ts too, and says when there is neither', () => {
    expect(middlewareEntry(['proxy.ts'])).toEqual({ file: 'proxy.ts', fn: 'proxy' });
    expect(() => middlewareEntry(['app/page.tsx'])).toThrow(/neither middleware.ts nor proxy.ts/);
  });
});
