import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { POLICIES, POLICY_NAMES } from './auth/rate-limit-policies.ts';
import { loadEnv } from './env.ts';
import { parseRateLimit, parseRateLimitRules } from './env-rate-limit.ts';

// The numbers of every limit come from the variable its row of the policy table names.
const STRONG = 'Zq8vLm2Rt5Yp9Xk3Wn7Bc4Hd6Gf1Js0A';
vi.spyOn(console, 'warn').mockImplementation(() => undefined);

describe('rate-limit rules from the environment', () => {
  it('defaults every policy to its row of the table', () => {
    const { rules } = loadEnv({ SESSION_PASSWORD: STRONG }).rateLimit;
    expect(rules).toEqual({
      global: { limit: 200, windowSeconds: 3600 },
      emailIp: { limit: 3, windowSeconds: 900 },
      emailCeiling: { limit: 20, windowSeconds: 3600 },
      ip: { limit: 10, windowSeconds: 900 },
      callbackIp: { limit: 20, windowSeconds: 600 },
      verifyEmail: { limit: 10, windowSeconds: 900 },
    });
    for (const name of POLICY_NAMES) expect(rules[name]).toEqual(parseRateLimit(POLICIES[name].defaultRule));
  });

  it('reads each policy from the variable its row names; blank means the default', () => {
    const { rules } = loadEnv({
      SESSION_PASSWORD: STRONG,
      RATE_LIMIT_EMAIL: '5/1h',
      RATE_LIMIT_EMAIL_CEILING: '50/1d',
      RATE_LIMIT_IP: '20/30s',
      RATE_LIMIT_GLOBAL: ' 1000/1h ',
      RATE_LIMIT_CALLBACK_IP: '',
    }).rateLimit;
    expect(rules.emailIp).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(rules.emailCeiling).toEqual({ limit: 50, windowSeconds: 86_400 });
    expect(rules.ip).toEqual({ limit: 20, windowSeconds: 30 });
    expect(rules.global).toEqual({ limit: 1000, windowSeconds: 3600 });
    expect(rules.callbackIp).toEqual({ limit: 20, windowSeconds: 600 });
  });

  it('names every malformed variable at once', () => {
    expect(() => parseRateLimitRules({ RATE_LIMIT_GLOBAL: 'lots', RATE_LIMIT_EMAIL: '0/1m' })).toThrow(
      /RATE_LIMIT_GLOBAL must look like <count>\/<window>, e\.g\. 200\/1h \(got "lots"\)\. RATE_LIMIT_EMAIL/,
    );
    expect(() => loadEnv({ SESSION_PASSWORD: STRONG, RATE_LIMIT_EMAIL: 'lots' })).toThrow(/RATE_LIMIT_EMAIL/);
  });

  it('has one variable and one key prefix per policy, each default valid', () => {
    const rows = Object.values(POLICIES);
    expect(new Set(rows.map((row) => row.env)).size).toBe(rows.length);
    expect(new Set(rows.map((row) => row.prefix)).size).toBe(rows.length);
    for (const row of rows) {
      expect(parseRateLimit(row.defaultRule), row.env).not.toBeNull();
      expect(row.counts.length, row.env).toBeGreaterThan(10);
    }
  });

  it("is documented: README's limits table and .env.example name every variable with its default", () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = readFileSync('.env.example', 'utf8');
    for (const { env, defaultRule } of Object.values(POLICIES)) {
      expect(readme, env).toMatch(new RegExp(`\\| \`${env}\` +\\|[^\\n]*\\| \`${defaultRule}\` +\\|`));
      expect(example, env).toMatch(new RegExp(`^${env}=$`, 'm'));
      expect(example, env).toContain(`default ${defaultRule}`);
    }
  });

  it('parses <count>/<window> with s, m, h and d, and nothing else', () => {
    expect(parseRateLimit('3/15m')).toEqual({ limit: 3, windowSeconds: 900 });
    expect(parseRateLimit('5/30s')).toEqual({ limit: 5, windowSeconds: 30 });
    for (const bad of ['3', '3/15', '3/15w', '-1/1m', '0/1m', '1/0s', '3 / 15m', 'three/15m'])
      expect(parseRateLimit(bad), bad).toBeNull();
  });
});
