import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** 401: no token, or one that does not verify. `challenge` goes in `WWW-Authenticate` (RFC 6750). */
export class AuthenticationError extends UnauthorizedException {
  readonly challenge: string;

  constructor(detail: string, invalidToken: boolean) {
    super(detail);
    // Without a token RFC 6750 says to name no error; with a bad one, error="invalid_token".
    this.challenge = invalidToken
      ? `Bearer realm="api", error="invalid_token", error_description="${detail.replace(/"/g, "'")}"`
      : 'Bearer realm="api"';
  }
}

/** 403: a valid token without the scope the route needs. */
export class InsufficientScopeError extends ForbiddenException {
  readonly challenge: string;

  constructor(readonly scope: string) {
    super(`the token lacks the scope "${scope}"`);
    this.challenge = `Bearer realm="api", error="insufficient_scope", scope="${scope}"`;
  }
}

/** Headers an error adds to its problem+json response (`WWW-Authenticate` for 401 and 403). */
export function authErrorHeaders(error: unknown): Record<string, string> {
  return error instanceof AuthenticationError || error instanceof InsufficientScopeError
    ? { 'www-authenticate': error.challenge }
    : {};
}
