import { describe, expect, it } from 'vitest';
import { minutesLeft, utcText } from './time-text.ts';

describe('utcText', () => {
  const at = Date.UTC(2026, 11, 2, 14, 5, 59);

  it('gives the minute in UTC, cut rather than rounded (as a clock shows it)', () => {
    expect(utcText(at)).toBe('14:05 UTC');
    expect(utcText(at, true)).toBe('2026-12-02 14:05 UTC');
  });
});

describe('minutesLeft', () => {
  const now = 1_000_000;

  it('counts whole minutes and never says 0 or "1 minutes"', () => {
    expect(minutesLeft(now + 600_000, now)).toBe('10 minutes');
    expect(minutesLeft(now + 61_000, now)).toBe('1 minute');
    expect(minutesLeft(now + 59_000, now)).toBe('less than a minute');
    expect(minutesLeft(now - 5_000, now)).toBe('less than a minute');
  });
});
