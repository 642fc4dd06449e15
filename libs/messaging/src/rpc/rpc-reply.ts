import type { Logger } from '@nestjs/common';
import { ContractValidationError, ERROR_CODES, type RpcReply } from '#contracts';
import { DependencyUnavailableError, RpcFailure, isDatabaseConnectionError } from '#core';

const DATABASE_UNAVAILABLE = {
  status: 503,
  code: ERROR_CODES.dependencyUnavailable,
  title: 'Service Unavailable',
  detail: 'the service cannot reach its database; try again shortly',
} as const;

/**
 * The reply to a request whose handler threw `error`: the one place errors become replies (the
 * router calls it; a result is answered `{ok: true, data}`). `topic` names the handler in the log.
 */
export function failureReply(error: unknown, topic: string, logger: Logger): RpcReply<never> {
  if (error instanceof RpcFailure || error instanceof DependencyUnavailableError) {
    return { ok: false, error: error.error };
  }
  if (error instanceof ContractValidationError) {
    return {
      ok: false,
      error: {
        status: 400,
        code: ERROR_CODES.validation,
        title: 'Bad Request',
        detail: error.message,
      },
    };
  }
  if (isDatabaseConnectionError(error)) {
    logger.warn(`database unavailable: ${(error as Error).message}`);
    return { ok: false, error: DATABASE_UNAVAILABLE };
  }
  logger.error(`handler for ${topic} failed`, (error as Error)?.stack ?? String(error));
  return {
    ok: false,
    error: {
      status: 500,
      code: ERROR_CODES.internal,
      title: 'Internal Server Error',
      detail: 'The service failed to handle the request; see its logs.',
    },
  };
}
