// First-load JS of a page as a browser gets it: every script the HTML references (`<script src>`
// and `<link rel="preload" as="script">`, once each), fetched from the server, raw and gzip-ed.
import { gzipSync } from 'node:zlib';

export type FirstLoadJs = { files: number; rawBytes: number; gzipBytes: number };

/** The script URLs an HTML page references, in order, without duplicates. Pure. */
export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    const isPreload = /^<link/i.test(tag) && /preload/i.test(attr('rel') ?? '') && attr('as') === 'script';
    const url = isScript ? attr('src') : isPreload ? attr('href') : undefined;
    if (url) urls.add(url.replace(/&amp;/g, '&'));
  }
  return [...urls];
}

/** Fetches `pageUrl` (with `headers`) and sums the scripts it references. */
export async function firstLoadJs(
  pageUrl: string,
  headers: Record<string, string> = {},
): Promise<FirstLoadJs> {
  const page = await fetch(pageUrl, { headers, redirect: 'manual' });
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}, not a page to weigh`);
  const urls = scriptUrls(await page.text());
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const url of urls) {
    const script = await fetch(new URL(url, pageUrl), { headers: { 'accept-encoding': 'identity' } });
    if (script.status !== 200) throw new Error(`${url} (referenced by ${pageUrl}) answered ${script.status}`);
    const body = Buffer.from(await script.arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: urls.length, rawBytes, gzipBytes };
}
