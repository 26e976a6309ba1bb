import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD } from 'next/constants.js';
import { ConfigError, loadEnv } from './lib/env.ts';

/**
 * Vercel runs only `next build`, so the build is the gate: a production or preview build on
 * Vercel (VERCEL=1) checks the configuration the deployment will run with and fails listing every
 * missing or weak variable. Local builds (no VERCEL) need no configuration.
 */
function checkDeploymentConfig(phase: string): void {
  if (phase !== PHASE_PRODUCTION_BUILD || !process.env.VERCEL) return;
  if (process.env.VERCEL_ENV === 'development') return;
  try {
    loadEnv({ ...process.env, NODE_ENV: 'production' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const list = error.problems.map((problem) => `  - ${problem}`).join('\n');
    const where = process.env.VERCEL_ENV ?? 'this';
    throw new Error(
      `Invalid configuration for the ${where} deployment (set these in Vercel > Settings > Environment Variables, see .env.example):\n${list}`,
    );
  }
}

// Headers for every response, redirects and API JSON included. Pages also get a per-request
// nonce CSP from middleware.ts; two CSP headers are both enforced by browsers.
const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; object-src 'none'; base-uri 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The app renders no next/image. Without this, /_next/image?url=/dashboard makes the optimizer
  // fetch our own page, get a redirect and answer a 500; unoptimized turns the route into a 404.
  images: { unoptimized: true },
  experimental: {
    // For a request the middleware sees, Next reads the whole body first and keeps up to this much
    // (default 10 MB) for the handler, dropping the rest (whole chunks: what is kept is a prefix).
    // No page takes a body, and the auth API paths the middleware sees (ones with a `%`) accept
    // 8 KiB at most, so 16 KiB keeps every valid body intact and holds no more.
    proxyClientMaxBodySize: '16kb',
  },
  headers() {
    return Promise.resolve([
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: '/api/auth/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
      { source: '/dashboard/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
      {
        // Code and state ride in the callback URL: never leak it through Referer (RFC 9700 §4.2).
        source: '/api/auth/:route(callback|confirm|continue)',
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      },
      { source: '/api/auth/confirm/cancel', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      {
        // The confirmation pages show the address being signed in and the one signed in now.
        source: '/login/confirm/cancelled',
        headers: [{ key: 'Cache-Control', value: 'no-store' }],
      },
      {
        source: '/login/:page(confirm|check-email|continue)',
        headers: [
          { key: 'Cache-Control', value: 'no-store' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ]);
  },
};

export default function config(phase: string): NextConfig {
  checkDeploymentConfig(phase);
  return nextConfig;
}
