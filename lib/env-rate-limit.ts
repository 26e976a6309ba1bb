import { POLICIES, POLICY_NAMES, type PolicyName } from './auth/rate-limit-policies.ts';
import { ConfigError } from './config-error.ts';

/** A rate-limit rule: at most `limit` requests per sliding window of `windowSeconds`. */
export type RateLimitRule = { limit: number; windowSeconds: number };

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Parses `<count>/<window>` such as `3/15m`, `10/1h` or `5/30s`; null when malformed. */
export function parseRateLimit(value: string): RateLimitRule | null {
  const match = /^(\d{1,6})\/(\d{1,6})([smhd])$/.exec(value.trim());
  if (!match) return null;
  const limit = Number(match[1]);
  const windowSeconds = Number(match[2]) * UNIT_SECONDS[match[3] as keyof typeof UNIT_SECONDS];
  if (limit < 1 || windowSeconds < 1) return null;
  return { limit, windowSeconds };
}

/**
 * Every policy's rule: the variable the policy table names (blank or unset: the table's default).
 * Throws one ConfigError naming every malformed variable.
 */
export function parseRateLimitRules(
  source: Record<string, string | undefined>,
): Record<PolicyName, RateLimitRule> {
  const problems: string[] = [];
  const rules = {} as Record<PolicyName, RateLimitRule>;
  for (const name of POLICY_NAMES) {
    const { env, defaultRule } = POLICIES[name];
    const value = source[env]?.trim() || defaultRule;
    const rule = parseRateLimit(value);
    if (rule) rules[name] = rule;
    else problems.push(`${env} must look like <count>/<window>, e.g. ${defaultRule} (got "${value}").`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return rules;
}
