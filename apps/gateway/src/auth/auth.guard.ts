import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { InsufficientScopeError } from './auth-errors.js';
import { PUBLIC_ROUTE } from './public-route.decorator.js';
import { TokenVerifier } from './token-verifier.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Global guard: a verified bearer token on every route not marked public; `read` for reads, `write` else. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.verifier.disabled) return true;
    const open = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (open) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.verifier.principalOf(request);
    const needed = READ_METHODS.has(request.method) ? 'read' : 'write';
    if (!principal.scopes.has(needed)) throw new InsufficientScopeError(needed);
    return true;
  }
}
