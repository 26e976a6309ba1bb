// Checks one observed API response against the wire schema of its route and status (the table in
// wire-rules.ts). Used by the emulator's test tap (response-tap.ts) and by scripts/smoke-workos.ts.
import type { z } from 'zod';
import { routePattern, ruleFor } from './wire-rules.ts';

/** One API response as seen by a client: enough to check it, never the request's secrets. */
export interface WireResponse {
  method: string;
  /** URL path without the query string. */
  path: string;
  status: number;
  contentType: string | null;
  location: string | null;
  /** The raw body text ('' when empty). */
  text: string;
}

/** Zod issues as `path: message` lines (messages name expectations, never the values received). */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function checkJson(response: WireResponse, schema: z.ZodType): string[] {
  if (!/^application\/json(\s*;|$)/i.test(response.contentType ?? '')) {
    return [`Content-Type is ${response.contentType ?? 'missing'}, expected application/json`];
  }
  const parsed = parseJson(response.text);
  if (!parsed.ok) return ['the body is not JSON'];
  const result = schema.safeParse(parsed.value);
  return result.success ? [] : describeIssues(result.error);
}

function checkRedirect(response: WireResponse, schema: z.ZodType): string[] {
  if (!response.location) return ['no Location header'];
  let url: URL;
  try {
    url = new URL(response.location);
  } catch {
    return ['Location is not an absolute URL'];
  }
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  return result.success ? [] : describeIssues(result.error).map((line) => `Location query ${line}`);
}

/**
 * The ways `response` breaks the wire contract; [] when it conforms. A route and status with no
 * schema is a violation too: every response has to be accounted for.
 */
export function checkResponse(response: WireResponse): string[] {
  const label = `${response.method} ${routePattern(response.path)} ${response.status}`;
  const rule = ruleFor(response.method, response.path, response.status);
  if (!rule) return [`${label}: no wire schema for this route and status`];
  let problems: string[];
  if (rule.expect.kind === 'json') problems = checkJson(response, rule.expect.schema);
  else if (rule.expect.kind === 'redirect') problems = checkRedirect(response, rule.expect.schema);
  else if (rule.expect.kind === 'html') {
    problems = /^text\/html/i.test(response.contentType ?? '') ? [] : ['expected an HTML page'];
  } else problems = response.text === '' ? [] : ['expected an empty body'];
  return problems.map((problem) => `${label}: ${problem}`);
}
