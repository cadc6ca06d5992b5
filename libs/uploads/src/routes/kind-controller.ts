import { Body, Controller, Inject, Param, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { ApiError, ErrorCode, validateBody } from '@app/common';
import { DailyQuotas, IdempotencyKey } from '@app/protection';
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
  const dto = route.body?.type;
  // A kind with a daily quota spends its unit with its record (UploadRecords.issue), after the body is read.
  const quotaFirst = spec.quota !== undefined;

  class KindRouteController {
    constructor(
      readonly issuer: unknown,
      readonly quotas: DailyQuotas,
    ) {}

    /**
     * 429 comes before 400: a user with no unit left hears so first, whatever else is wrong with the
     * request (its body, a choice its policy refuses), though the unit is spent only with the record.
     */
    async quotaFirst(user: Principal, body: unknown, error: unknown): Promise<unknown> {
      if (!(error instanceof ApiError) || error.getStatus() < 400 || error.getStatus() >= 500 || error.getStatus() === 429) return error;
      // A region refusal is the gate's kind of answer (before quota), though the handler gives it here.
      if (error.code === ErrorCode.REGION_NOT_ALLOWED) return error;
      if (route.quotaExempt?.(body)) return error;
      const unit = this.quotas.unit(spec.id, user.id);
      if (unit === undefined || !(await this.quotas.usedUp(unit).catch(() => false))) return error;
      return this.quotas.exceeded(unit);
    }
  }
  const handler = {
    async [method](this: KindRouteController, ...[user, body, param, idempotencyKey]: HandlerArgs): Promise<unknown> {
      try {
        // The body's rules, compiled once per DTO (the ValidationPipe's own answer for anything they do not settle).
        const valid = dto ? await validateBody(dto, body) : body;
        return await kind.issue(this.issuer, { user, body: valid, param: param ?? '', idempotencyKey });
      } catch (error) {
        throw quotaFirst ? await this.quotaFirst(user, body, error) : error;
      }
    },
  }[method];
  Object.defineProperty(KindRouteController, 'name', { value: `${method[0].toUpperCase()}${method.slice(1)}Controller` });
  Object.defineProperty(KindRouteController.prototype, method, { value: handler, writable: true, configurable: true });

  const prototype = KindRouteController.prototype as object;
  // The body is validated by the handler (above), so the global ValidationPipe is told it is a plain Object and leaves it.
  Reflect.defineMetadata('design:paramtypes', [Object, Object, String, String], prototype, method);
  CurrentUser()(prototype, method, 0);
  if (route.body) Body()(prototype, method, 1);
  if (route.param) Param(route.param.name)(prototype, method, 2);
  if (route.idempotent) IdempotencyKey()(prototype, method, 3);
  UploadRoute(spec, route)(prototype, method, Object.getOwnPropertyDescriptor(prototype, method)!);

  Inject(kind.issuer)(KindRouteController, undefined, 0);
  Inject(DailyQuotas)(KindRouteController, undefined, 1);
  ApiTags(spec.product.id)(KindRouteController);
  Controller('v1/uploads')(KindRouteController);
  return KindRouteController;
}
