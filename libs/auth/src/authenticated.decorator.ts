import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblemResponses } from '@app/common';
import { AuthGuard } from './auth.guard';
import { REQUIRED_PERMISSION } from './required-permission';
export const BEARER_SCHEME = 'bearer';

/**
 * Marks a route as authenticated by a bearer JWT, optionally requiring a per-kind permission
 * (enforced when AUTH_PERMISSIONS_ENABLED=true), and documents the scheme and the 401/403 in OpenAPI.
 */
export function Authenticated(permission?: string): MethodDecorator & ClassDecorator {
  const decorators = [UseGuards(AuthGuard), ApiBearerAuth(BEARER_SCHEME), ApiProblemResponses(401)];
  if (permission) {
    decorators.push(SetMetadata(REQUIRED_PERMISSION, permission), ApiProblemResponses(403));
  }
  return applyDecorators(...decorators);
}
