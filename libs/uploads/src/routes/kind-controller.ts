import { Body, Controller, Inject, Param, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { IdempotencyKey } from '@app/protection';
import type { KindDefinition } from './kind-definition';
import { UploadRoute } from './upload-route.decorator';

/** The handler's arguments by position, as the decorators below bind them. */
type HandlerArgs = [user: Principal, body: unknown, param: string | undefined, idempotencyKey: string | undefined];

/**
 * The Nest controller of one kind's route: one handler, named by its operationId, that hands the
 * request to the kind's issuer. Written by hand it would be the same decorators on a class per kind;
 * made here, a kind is its definition alone, and every credential route has the same shape.
 */
export function kindController(kind: KindDefinition): Type<unknown> {
  const { spec, route } = kind;
  const method = route.operationId;

  class KindRouteController {
    constructor(readonly issuer: unknown) {}
  }
  const handler = {
    [method](this: KindRouteController, ...[user, body, param, idempotencyKey]: HandlerArgs): Promise<unknown> {
      return kind.issue(this.issuer, { user, body, param: param ?? '', idempotencyKey });
    },
  }[method];
  Object.defineProperty(KindRouteController, 'name', { value: `${method[0].toUpperCase()}${method.slice(1)}Controller` });
  Object.defineProperty(KindRouteController.prototype, method, { value: handler, writable: true, configurable: true });

  const prototype = KindRouteController.prototype as object;
  // What emitDecoratorMetadata writes for a hand-written handler: the ValidationPipe turns the body into its DTO by it.
  Reflect.defineMetadata('design:paramtypes', [Object, route.body?.type ?? Object, String, String], prototype, method);
  CurrentUser()(prototype, method, 0);
  if (route.body) Body()(prototype, method, 1);
  if (route.param) Param(route.param.name)(prototype, method, 2);
  if (route.idempotent) IdempotencyKey()(prototype, method, 3);
  UploadRoute(spec, route)(prototype, method, Object.getOwnPropertyDescriptor(prototype, method)!);

  Inject(kind.issuer)(KindRouteController, undefined, 0);
  ApiTags(spec.product.id)(KindRouteController);
  Controller('v1/uploads')(KindRouteController);
  return KindRouteController;
}
