/** A fresh 128-bit CSP nonce (a UUID would carry only 122 random bits). */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** The per-request Content-Security-Policy for HTML pages (Next adds the nonce to its own scripts). */
export function pageCsp(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    `default-src 'self'`,
    // React's dev runtime needs eval for stack traces; never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' ${options.dev ? `'unsafe-inline'` : `'nonce-${nonce}'`}`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}
