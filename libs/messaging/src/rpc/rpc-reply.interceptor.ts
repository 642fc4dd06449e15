import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, map, of, type Observable } from 'rxjs';
import { ContractValidationError, ERROR_CODES, type RpcReply } from '#contracts';
import { DependencyUnavailableError, RpcFailure, isDatabaseConnectionError } from '#core';

const DATABASE_UNAVAILABLE = {
  status: 503,
  code: ERROR_CODES.dependencyUnavailable,
  title: 'Service Unavailable',
  detail: 'the service cannot reach its database; try again shortly',
} as const;

/** Wraps every request/reply handler's outcome in an RpcReply; the one place errors become replies. */
@Injectable()
export class RpcReplyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(RpcReplyInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<RpcReply<unknown>> {
    return next.handle().pipe(
      map((data): RpcReply<unknown> => ({ ok: true, data: data ?? null })),
      catchError((error: unknown) => of(this.toReply(error, context))),
    );
  }

  private toReply(error: unknown, context: ExecutionContext): RpcReply<never> {
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
      this.logger.warn(`database unavailable: ${(error as Error).message}`);
      return { ok: false, error: DATABASE_UNAVAILABLE };
    }
    const pattern = context.switchToRpc().getContext()?.getTopic?.() ?? 'unknown';
    this.logger.error(`handler for ${pattern} failed`, (error as Error)?.stack ?? String(error));
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
}
