import {
  BadRequestException,
  GenericServerException,
  NotFoundException,
  OauthException,
  RateLimitExceededException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { WorkOSCallError, WorkOSTimeoutError } from './workos-budget.ts';
import { classifyFailure, classifyWorkOSError } from './workos-errors.ts';

// The SDK builds these from the recorded bodies (docs/workos-contract.md): a 422 keeps only a
// message that lists each failed requirement, field name first.
const emailRejected = new UnprocessableEntityException({
  errors: [{ field: 'email', code: 'email must be an email' }],
  message: 'Validation failed',
  requestID: 'req',
});
const redirectRejected = new UnprocessableEntityException({
  message: "The redirect_uri 'https://app.example/api/auth/callback' is not an allowed redirect URI.",
  requestID: 'req',
});
const connectionRejected = new UnprocessableEntityException({
  message: "Connection 'conn_123' is not an active Magic Link connection.",
  requestID: 'req',
});

describe('classifyWorkOSError', () => {
  it('calls only an email-shaped 422 from createSession invalid_email', () => {
    expect(classifyWorkOSError(emailRejected, 'create_session')).toEqual({ kind: 'invalid_email' });
    for (const error of [redirectRejected, connectionRejected])
      expect(classifyWorkOSError(error, 'create_session')).toMatchObject({ kind: 'config', status: 422 });
  });

  it('names what to fix for a misconfigured deployment, without any address', () => {
    const leaky = new UnprocessableEntityException({
      message: 'Connection refuses mallory@evil.test',
      requestID: 'req',
    });
    const failure = classifyWorkOSError(leaky, 'create_session');
    expect(failure).toMatchObject({ kind: 'config' });
    const fix = failure.kind === 'config' ? failure.fix : '';
    expect(fix).toContain('Redirect URI');
    expect(fix).not.toContain('mallory');
    const unauthorized = classifyWorkOSError(new UnauthorizedException('req'), 'list_connections');
    expect(unauthorized).toMatchObject({ kind: 'config', status: 401 });
    expect(unauthorized.kind === 'config' && unauthorized.fix).toContain('WORKOS_API_KEY');
    const noEndpoint = classifyWorkOSError(
      new NotFoundException({ message: 'Not Found', path: '/x', requestID: 'r' }),
      'create_session',
    );
    expect(noEndpoint.kind === 'config' && noEndpoint.fix).toContain('WORKOS_API_HOSTNAME');
  });

  it.each([
    [
      '403 Forbidden',
      new GenericServerException(403, 'Forbidden', {}, 'req'),
      'create_session',
      403,
      'permissions',
    ],
    [
      '404 on createSession',
      new NotFoundException({ message: 'Not Found', path: '/x', requestID: 'r' }),
      'create_session',
      404,
      'WORKOS_API_HOSTNAME',
    ],
    [
      '400 malformed',
      new BadRequestException({ code: 'bad', errors: [], message: 'bad', requestID: 'r' }),
      'create_session',
      400,
      'report it',
    ],
    [
      'invalid_client',
      new OauthException(400, 'r', 'invalid_client', 'Invalid client ID or secret.', {}),
      'exchange_code',
      400,
      'WORKOS_CLIENT_ID',
    ],
  ] as const)('%s is a configuration error', (_name, error, operation, status, fix) => {
    const failure = classifyWorkOSError(error, operation);
    expect(failure).toMatchObject({ kind: 'config', status });
    expect(failure.kind === 'config' && failure.fix).toContain(fix);
  });

  it.each([
    ['a 5xx', new GenericServerException(502, 'Bad gateway', {}, 'req'), 'workos_502'],
    ['a timeout of the budget', new WorkOSTimeoutError(), 'workos_timeout'],
    ['a used code', new OauthException(400, 'r', 'invalid_grant', 'expired', {}), 'workos_invalid_grant'],
    ['a network failure', new TypeError('fetch failed'), 'TypeError'],
  ])('%s is upstream trouble, not configuration', (_name, error, reason) => {
    expect(classifyWorkOSError(error, 'exchange_code')).toEqual({ kind: 'unavailable', reason });
  });

  it('treats a 422 from sendSession (session expired) as transient', () => {
    expect(classifyWorkOSError(connectionRejected, 'send_session')).toMatchObject({ kind: 'unavailable' });
  });

  it('clamps the Retry-After of a 429, whatever WorkOS sent', () => {
    const huge = new RateLimitExceededException('slow down', 'req', 99_999_999);
    expect(classifyWorkOSError(huge, 'create_session')).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 300,
    });
    const date = new RateLimitExceededException('slow down', 'req', Number.NaN);
    expect(classifyWorkOSError(date, 'create_session')).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 60,
    });
  });
});

describe('classifyFailure', () => {
  it('reads the operation from the wrapped call, and leaves other failures as unavailable', () => {
    expect(classifyFailure(new WorkOSCallError('create_session', emailRejected))).toEqual({
      kind: 'invalid_email',
    });
    expect(classifyFailure(new WorkOSCallError('list_connections', emailRejected))).toMatchObject({
      kind: 'config',
    });
    expect(classifyFailure(new Error('store down'))).toEqual({ kind: 'unavailable', reason: 'Error' });
  });
});
