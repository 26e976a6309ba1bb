// Error bodies in the shapes real WorkOS sends (docs/workos-contract.md 1.5, 2.1, 2.3, 3).
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';

export interface FieldError {
  field: string;
  code: string;
}

/** 422 {"message":"Validation failed","errors":[...]}: the SDK throws UnprocessableEntityException. */
export function validationFailed(res: ServerResponse, errors: FieldError[]): void {
  sendJson(res, 422, { message: 'Validation failed', errors });
}

/** 422 {"message"}: UnprocessableEntityException with that message. */
export function unprocessable(res: ServerResponse, message: string): void {
  sendJson(res, 422, { message });
}

/** 400 OAuth error {"error","error_description"}: the SDK throws OauthException. */
export function oauthError(res: ServerResponse, error: string, description: string, status = 400): void {
  sendJson(res, status, { error, error_description: description });
}

/** 404 {"message","code":"entity_not_found","entity_id"}: NotFoundException. */
export function entityNotFound(res: ServerResponse, message: string, entityId: string): void {
  sendJson(res, 404, { message, code: 'entity_not_found', entity_id: entityId });
}

/** 404 `{"message":"Not Found"}`, recorded for GET /connections/:id with an unknown id. */
export function plainNotFound(res: ServerResponse): void {
  sendJson(res, 404, { message: 'Not Found' });
}

/** 401 for a missing or wrong API key: UnauthorizedException (the SDK ignores the body). */
export function unauthorized(res: ServerResponse): void {
  sendJson(res, 401, { message: 'Unauthorized' });
}

/** 400 {"code","message"} for AuthKit one-time-code errors: GenericServerException with `code`. */
export function codeError(res: ServerResponse, code: string, message: string, status = 400): void {
  sendJson(res, status, { code, message });
}

/** 400/422 for a body that could not be parsed, in the route's error style. */
export function badBody(res: ServerResponse, style: 'oauth' | 'default', message: string): void {
  if (style === 'oauth') oauthError(res, 'invalid_request', message);
  else sendJson(res, 400, { message, code: 'invalid_request_body' });
}
