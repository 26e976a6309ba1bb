/**
 * Email policy (docs/security.md §5.2): a plain ASCII mailbox with a dot-atom local part and a public
 * DNS domain. Split-based checks, no large regex (no catastrophic backtracking on long input).
 */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function validLocalPart(local: string): boolean {
  if (local.length < 1 || local.length > 64) return false;
  // RFC 2047 encoded-words could be decoded into other addresses by mail software downstream.
  if (local.includes('=?') || local.includes('?=')) return false;
  return local.split('.').every((atom) => ATEXT.test(atom));
}

function validDomain(domain: string): boolean {
  if (domain.length < 1 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** The address lower-cased when it satisfies the policy, otherwise null. */
export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 320) return null;
  // Printable ASCII only: no control characters, spaces, non-ASCII look-alikes or bidi marks.
  if (!/^[\x21-\x7E]+$/.test(input) || input.length > 254) return null;
  const parts = input.split('@');
  if (parts.length !== 2) return null;
  const [local = '', domain = ''] = parts;
  if (!validLocalPart(local) || !validDomain(domain)) return null;
  return input.toLowerCase();
}
