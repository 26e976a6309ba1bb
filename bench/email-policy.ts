// Measures the email and returnTo policies on ordinary vs hostile input (ReDoS guard, ASVS 1.3.12).
// Prints per-call cost and the hostile/ordinary ratio; a linear-time policy stays within a small
// multiple of the input-length ratio. Run: node bench/email-policy.ts
import { normalizeEmail } from '../lib/auth/email.ts';
import { safeReturnTo } from '../lib/auth/return-to.ts';

function perCallMicros(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < 200; i++) fn(); // warm up
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

const cases: [string, () => unknown, () => unknown, number][] = [
  [
    'email: 10k-char local part',
    () => normalizeEmail('user@example.com'),
    () => normalizeEmail('a'.repeat(10_000)),
    10_000 / 16,
  ],
  [
    'email: 5k dotted atoms',
    () => normalizeEmail('first.last@example.com'),
    () => normalizeEmail(`${'a.'.repeat(5000)}@x.com`),
    10_006 / 22,
  ],
  [
    'returnTo: 1k nested encodings',
    () => safeReturnTo('/dashboard?tab=security'),
    () => safeReturnTo(`/${'%25'.repeat(340)}`),
    1021 / 23,
  ],
];

console.log('case                              ordinary µs  hostile µs  ratio  length ratio');
for (const [name, ordinary, hostile, lengthRatio] of cases) {
  const a = perCallMicros(ordinary, 20_000);
  const b = perCallMicros(hostile, 2_000);
  console.log(
    `${name.padEnd(34)}${a.toFixed(2).padStart(11)}${b.toFixed(2).padStart(12)}${(b / a).toFixed(1).padStart(7)}${lengthRatio.toFixed(0).padStart(14)}`,
  );
}
