import { GenericServerException, RateLimitExceededException, UnauthorizedException } from '@workos-inc/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkOSBudget, WorkOSCallError, WorkOSTimeoutError } from './workos-budget.ts';

const never = () => new Promise<never>(() => undefined);

describe('WorkOSBudget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives up on a stalled call when the budget runs out', async () => {
    const budget = new WorkOSBudget(3_000);
    const outcome = budget.call('create_session', never).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(budget.remaining()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(WorkOSCallError);
    expect((error as WorkOSCallError).operation).toBe('create_session');
    expect((error as WorkOSCallError).cause).toBeInstanceOf(WorkOSTimeoutError);
  });

  it('shares one budget between the calls of a request', async () => {
    const budget = new WorkOSBudget(3_000);
    const slow = (ms: number) => () => new Promise((resolve) => setTimeout(() => resolve(ms), ms));
    const first = budget.call('list_connections', slow(2_000));
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(first).resolves.toBe(2_000);
    const second = budget.call('create_session', slow(2_000)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(((await second) as WorkOSCallError).cause).toBeInstanceOf(WorkOSTimeoutError);
  });

  it('retries a 5xx once, then passes the failure on', async () => {
    const run = vi.fn(() => Promise.reject(new GenericServerException(503, 'down', {}, 'req')));
    const outcome = new WorkOSBudget(6_000).call('send_session', run).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(((await outcome) as WorkOSCallError).cause).toBeInstanceOf(GenericServerException);
  });

  it('recovers when the retry succeeds', async () => {
    const run = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new TypeError('fetch failed'))
      .mockResolvedValueOnce('ok');
    const outcome = new WorkOSBudget(6_000).call('create_session', run);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(outcome).resolves.toBe('ok');
  });

  it('does not retry when too little budget is left for another attempt', async () => {
    const run = vi.fn(() => Promise.reject(new GenericServerException(500, 'boom', {}, 'req')));
    const outcome = new WorkOSBudget(900).call('create_session', run).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(900);
    expect(run).toHaveBeenCalledTimes(1);
    expect(await outcome).toBeInstanceOf(WorkOSCallError);
  });

  it('never retries an answer that will not change (401), nor sleeps on a long Retry-After', async () => {
    const unauthorized = vi.fn(() => Promise.reject(new UnauthorizedException('req')));
    await expect(new WorkOSBudget(6_000).call('create_session', unauthorized)).rejects.toBeInstanceOf(
      WorkOSCallError,
    );
    expect(unauthorized).toHaveBeenCalledTimes(1);
    const limited = vi.fn(() =>
      Promise.reject(new RateLimitExceededException('slow down', 'req', 99_999_999)),
    );
    await expect(new WorkOSBudget(6_000).call('create_session', limited)).rejects.toBeInstanceOf(
      WorkOSCallError,
    );
    expect(limited).toHaveBeenCalledTimes(1);
  });

  it('waits out a short Retry-After inside the budget and tries again', async () => {
    const run = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new RateLimitExceededException('slow down', 'req', 1))
      .mockResolvedValueOnce('ok');
    const outcome = new WorkOSBudget(6_000).call('create_session', run);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('ok');
  });
});
