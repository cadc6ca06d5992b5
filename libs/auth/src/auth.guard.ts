import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/common';

/**
 * The backstop of @Authenticated routes: the request gate (before the body is read) authenticates
 * and attaches the principal; a request that reaches the handler without one is refused, so a route
 * the gate somehow missed fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<FastifyRequest>().user) throw ApiError.unauthenticated();
    return true;
  }
}
