import { ERROR_CODES, type ErrorCode, type RpcError } from '#contracts';

/** A typed failure a handler turns into an error reply (and the gateway into problem+json). */
export class RpcFailure extends Error {
  constructor(readonly error: RpcError) {
    super(`${error.code}: ${error.detail}`);
    this.name = 'RpcFailure';
  }

  static notFound(what: string, id: string): RpcFailure {
    return new RpcFailure({
      status: 404,
      code: ERROR_CODES.notFound,
      title: 'Not Found',
      detail: `${what} ${id} does not exist`,
    });
  }

  static conflict(code: ErrorCode, detail: string): RpcFailure {
    return new RpcFailure({ status: 409, code, title: 'Conflict', detail });
  }

  static unprocessable(code: ErrorCode, detail: string): RpcFailure {
    return new RpcFailure({ status: 422, code, title: 'Unprocessable Content', detail });
  }
}

/** The dependency could not be asked (timeout, broker down): retry later, never reject. */
export class DependencyUnavailableError extends Error {
  readonly error: RpcError;

  constructor(detail: string) {
    super(detail);
    this.name = 'DependencyUnavailableError';
    this.error = {
      status: 503,
      code: ERROR_CODES.dependencyUnavailable,
      title: 'Service Unavailable',
      detail,
    };
  }
}
