// A raw HTTP/1.1 client on node:http for the security suites. fetch() (and Playwright's request
// context) rewrite requests: they add `Content-Type: text/plain` to string bodies, refuse to send
// `Host`, fill in `Origin`, follow redirects and merge cookies. Here every header is sent exactly as
// given (null = not sent), nothing is followed, and the body goes out with Content-Length or chunked.
import http from 'node:http';
import { magicLink } from './inbox.ts';
import { currentTestIp } from './test-ip.ts';

export type Transfer = 'content-length' | 'chunked';

export type RawRequest = {
  url: string;
  method?: string;
  /** Header name → value; `null` means "do not send this header". */
  headers?: Record<string, string | null | undefined>;
  body?: string | Buffer | null;
  transfer?: Transfer;
  /** Milliseconds before the request is abandoned (default 20 s). */
  timeoutMs?: number;
};

export type RawResponse = {
  status: number;
  /** Lower-case names; `set-cookie` is an array, everything else a string. */
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Every `Set-Cookie` line, in order. */
  setCookies: string[];
  /** True when the server answered before the whole body was written and closed the connection. */
  truncatedUpload: boolean;
};

const CHUNK = 64 * 1024;

/** One header as a single string ('' when absent). */
export function header(response: RawResponse, name: string): string {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** Splits an absolute URL into its origin and the request target exactly as written (no normalization). */
function splitUrl(raw: string): { host: string; port: number; path: string } {
  const match = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(raw);
  if (!match) throw new Error(`not an absolute http URL: ${raw}`);
  const origin = new URL(match[1] as string);
  const path = match[2] || '/';
  return {
    host: origin.hostname,
    port: Number(origin.port || 80),
    path: path.startsWith('/') ? path : `/${path}`,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends one request and resolves with the answer, even when the server answers early and hangs up.
 * The request target is sent exactly as written in `url` (`//dashboard`, `/%64ashboard` …).
 */
export async function rawRequest(request: RawRequest): Promise<RawResponse> {
  // A body the server refuses early (413 on Content-Length, 8 KiB read of a stream) can race the
  // server's hang-up: node then reports EPIPE before parsing the answer it received. The request is
  // refused anyway (no side effects), so it is simply sent again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await rawRequestOnce(request);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const big = (request.body?.length ?? 0) > 8 * 1024;
      if (!big || attempt >= 4 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
      await sleep(50);
    }
  }
}

function rawRequestOnce(request: RawRequest): Promise<RawResponse> {
  const { host, port, path } = splitUrl(request.url);
  const method = request.method ?? 'GET';
  const transfer = request.transfer ?? 'content-length';
  const body =
    request.body === null || request.body === undefined
      ? null
      : Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value !== null && value !== undefined) headers[name.toLowerCase()] = value;
  }
  // The test's client IP, as its browser would send it, unless the request names x-real-ip itself.
  const named = Object.keys(request.headers ?? {}).map((name) => name.toLowerCase());
  const ip = currentTestIp();
  if (ip && !named.includes('x-real-ip')) headers['x-real-ip'] = ip;
  if (body !== null) {
    if (transfer === 'chunked') {
      delete headers['content-length'];
      headers['transfer-encoding'] = 'chunked';
    } else if (!('content-length' in headers) && !('transfer-encoding' in headers)) {
      headers['content-length'] = String(body.length);
    }
  }

  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    let answered: RawResponse | null = null;
    let uploadDone = body === null;
    const chunks: Buffer[] = [];

    const finish = (error?: Error) => {
      if (settled) return;
      if (answered) {
        settled = true;
        if (chunks.length > 0 || answered.body === '') answered.body = Buffer.concat(chunks).toString('utf8');
        answered.truncatedUpload = !uploadDone;
        resolve(answered);
        // An unfinished upload would keep the socket open: drop it.
        if (!uploadDone) setImmediate(() => req.destroy());
      } else if (error) {
        settled = true;
        reject(error);
      }
    };

    const req = http.request(
      {
        host,
        port,
        path,
        method,
        headers,
        agent: false,
        // Node would otherwise add its own `Host` when the caller left it out on purpose.
        setHost: !('host' in headers) && request.headers?.host !== null,
      },
      (res) => {
        const raw = res.headers['set-cookie'];
        answered = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: '',
          setCookies: Array.isArray(raw) ? raw : [],
          truncatedUpload: false,
        };
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => finish());
        // The socket may be reset right after the answer (early 413): keep what arrived.
        res.on('error', () => finish());
        res.on('aborted', () => finish());
      },
    );
    req.setTimeout(request.timeoutMs ?? 20_000, () =>
      req.destroy(new Error(`timeout: ${method} ${request.url}`)),
    );
    // Keep a copy of the raw bytes: when the server answers early and hangs up, the upload may fail
    // with EPIPE before node's parser has emitted the response that did arrive.
    const received: Buffer[] = [];
    req.on('socket', (socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    req.on('error', (error) => {
      if (answered) return void setTimeout(() => finish(), 50);
      const parsed = parseRawResponse(Buffer.concat(received));
      if (parsed) answered = parsed;
      finish(error);
    });
    req.on('close', () =>
      setTimeout(() => finish(new Error(`connection closed without an answer: ${request.url}`)), 50),
    );

    if (body === null) {
      req.end();
      return;
    }
    void (async () => {
      // A large body: send the head first and give the server a moment to refuse it on its
      // Content-Length alone, as it should (the bytes on the wire are the same).
      if (body.length > 16 * 1024) {
        req.flushHeaders();
        for (let waited = 0; waited < 1000 && !answered && !req.destroyed; waited += 10) await sleep(10);
      }
      // Then write in slices, letting reads run between them, and stop once the server has answered.
      for (let offset = 0; offset < body.length; offset += CHUNK) {
        if (answered || req.destroyed) return;
        if (!req.write(body.subarray(offset, offset + CHUNK))) {
          await new Promise<void>((resolve) => {
            req.once('drain', resolve);
            req.once('close', resolve);
          });
        }
        await nextTurn();
      }
      if (answered || req.destroyed) return;
      uploadDone = true;
      req.end();
    })();
  });
}

/** Parses a raw HTTP/1.1 response (head and whatever body arrived); null when not even the head is there. */
function parseRawResponse(bytes: Buffer): RawResponse | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (!status) return null;
  const headers: http.IncomingHttpHeaders = {};
  const setCookies: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'set-cookie') setCookies.push(value);
    else headers[name] = headers[name] === undefined ? value : `${String(headers[name])}, ${value}`;
  }
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  let body = bytes.subarray(end + 4);
  if (/chunked/i.test(String(headers['transfer-encoding'] ?? ''))) {
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', offset);
      if (lineEnd < 0) break;
      const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
      if (!Number.isFinite(size) || size === 0) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    body = body.subarray(0, Number(headers['content-length']));
  }
  return { status: Number(status), headers, body: body.toString('utf8'), setCookies, truncatedUpload: true };
}

/** The `name=value` pairs a browser would keep from `Set-Cookie` lines (deletions remove them). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.cookies.set(name, value);
  }

  /** Takes in every `Set-Cookie` of a response. */
  absorb(response: Pick<RawResponse, 'setCookies'>): this {
    for (const line of response.setCookies) {
      const parsed = parseSetCookie(line);
      if (!parsed) continue;
      const expired =
        parsed.value === '' ||
        parsed.attributes['max-age'] === '0' ||
        (parsed.attributes.expires !== undefined && Date.parse(parsed.attributes.expires) <= Date.now());
      if (expired) this.cookies.delete(parsed.name);
      else this.cookies.set(parsed.name, parsed.value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  delete(name: string): this {
    this.cookies.delete(name);
    return this;
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }

  /** The `Cookie` request header, or null when the jar is empty (so no header is sent). */
  header(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** A copy that can diverge from this jar. */
  clone(): CookieJar {
    return new CookieJar(Object.fromEntries(this.cookies));
  }
}

export type SetCookie = { name: string; value: string; attributes: Record<string, string>; raw: string };

/** Parses one `Set-Cookie` line; attribute names are lower-cased (flags map to ''). */
export function parseSetCookie(line: string): SetCookie | null {
  const [pair = '', ...rest] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const attributes: Record<string, string> = {};
  for (const part of rest) {
    const [name = '', ...value] = part.trim().split('=');
    if (name) attributes[name.toLowerCase()] = value.join('=');
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, raw: line };
}

/** The `Set-Cookie` of one cookie name in a response, parsed, or undefined. */
export function findSetCookie(
  response: Pick<RawResponse, 'setCookies'>,
  name: string,
): SetCookie | undefined {
  return response.setCookies.map(parseSetCookie).find((cookie) => cookie?.name === name) ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// The sign-in flow over raw HTTP (no browser): request a link, follow the emailed link to the
// callback URL, and look at what the WorkOS emulator received.

export type Target = { appUrl: string; emulatorUrl: string };

/** Headers of a same-origin request from the app's own pages. */
export function sameOrigin(
  target: Target,
  extra: Record<string, string | null> = {},
): Record<string, string | null> {
  return { origin: target.appUrl, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', ...extra };
}

/** POST /api/auth/passwordless with a JSON body from the app's origin (the jar sends and keeps cookies). */
export async function postSignIn(
  target: Target,
  body: unknown,
  jar?: CookieJar,
  headers: Record<string, string | null> = {},
): Promise<RawResponse> {
  const response = await rawRequest({
    url: `${target.appUrl}/api/auth/passwordless`,
    method: 'POST',
    headers: sameOrigin(target, {
      'content-type': 'application/json',
      cookie: jar?.header() ?? null,
      ...headers,
    }),
    body: JSON.stringify(body),
  });
  jar?.absorb(response);
  return response;
}

/** One API request the WorkOS emulator served (GET /_emulator/requests). */
export type EmulatorRequest = {
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  status: number | undefined;
  time: string;
};

/** The API requests the emulator received under `pathPrefix`, newest first. */
export async function emulatorRequests(
  emulatorUrl: string,
  pathPrefix: string,
  method?: string,
): Promise<EmulatorRequest[]> {
  const query = new URLSearchParams({ path: pathPrefix, ...(method ? { method } : {}) });
  const response = await fetch(`${emulatorUrl}/_emulator/requests?${query}`);
  if (response.status !== 200) throw new Error(`/_emulator/requests answered ${response.status}`);
  return (await response.json()) as EmulatorRequest[];
}

/** Every `passwordless.createSession` the emulator received for `email` (exact match). */
export async function createSessionsFor(emulatorUrl: string, email: string): Promise<EmulatorRequest[]> {
  const requests = await emulatorRequests(emulatorUrl, '/passwordless/sessions', 'POST');
  return requests.filter((r) => r.path === '/passwordless/sessions' && r.body?.email === email);
}

/** Every `/sso/token` exchange the emulator received for `code`. */
export async function tokenExchangesFor(emulatorUrl: string, code: string): Promise<EmulatorRequest[]> {
  const requests = await emulatorRequests(emulatorUrl, '/sso/token');
  return requests.filter((r) => r.body?.code === code || r.query.code === code);
}

/** Opens a magic link like a mail client would (no cookies) and returns the callback URL it redirects to. */
export async function followMagicLink(target: Target, link: string): Promise<URL> {
  const url = new URL(link);
  if (url.pathname === '/login/continue') return pressContinue(target, url);
  const response = await rawRequest({ url: link });
  if (response.status < 300 || response.status > 399)
    throw new Error(`magic link answered ${response.status}`);
  const location = new URL(header(response, 'location'), link);
  if (`${location.origin}${location.pathname}` !== `${target.appUrl}/api/auth/callback`) {
    throw new Error(`magic link redirected to ${location.href}`);
  }
  return location;
}

/** Our own emails point to /login/continue: its Continue button POSTs the token; the answer is the callback. */
async function pressContinue(target: Target, url: URL): Promise<URL> {
  const page = await rawRequest({ url: url.href });
  if (page.status !== 200) throw new Error(`continue page answered ${page.status}`);
  const response = await rawRequest({
    url: `${target.appUrl}/api/auth/continue`,
    method: 'POST',
    headers: sameOrigin(target, { 'content-type': 'application/x-www-form-urlencoded' }),
    body: new URLSearchParams({ t: url.searchParams.get('t') ?? '' }).toString(),
  });
  const location = new URL(header(response, 'location'), target.appUrl);
  if (
    response.status !== 303 ||
    `${location.origin}${location.pathname}` !== `${target.appUrl}/api/auth/callback`
  )
    throw new Error(`continue answered ${response.status} to ${location.href}`);
  return location;
}

/** GET a URL with the jar's cookies (absorbing what comes back). */
export async function getWith(url: string, jar?: CookieJar, headers: Record<string, string | null> = {}) {
  const response = await rawRequest({ url, headers: { cookie: jar?.header() ?? null, ...headers } });
  jar?.absorb(response);
  return response;
}

/** `Location` resolved against the app origin (relative redirects are allowed). */
export function locationOf(response: RawResponse, appUrl: string): URL | null {
  const value = header(response, 'location');
  return value ? new URL(value, appUrl) : null;
}

export type Flow = {
  email: string;
  /** The requesting browser's cookies (holds `pl_bind`). */
  jar: CookieJar;
  /** Where the emailed link sends the person: /api/auth/callback?code&state. */
  callbackUrl: URL;
  state: string;
  code: string;
};

/** Requests a link for `email` from a fresh browser and follows the emailed link up to the callback URL. */
export async function startFlow(
  target: Target,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<Flow> {
  const jar = new CookieJar();
  const requested = await postSignIn(target, { email, ...extra }, jar);
  if (requested.status !== 200)
    throw new Error(`sign-in request for ${email}: ${requested.status} ${requested.body}`);
  if (!jar.get('pl_bind')) throw new Error('the sign-in request set no binding cookie');
  const callbackUrl = await followMagicLink(target, await magicLink(target.emulatorUrl, email));
  const state = callbackUrl.searchParams.get('state') ?? '';
  const code = callbackUrl.searchParams.get('code') ?? '';
  return { email, jar, callbackUrl, state, code };
}
