import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';

/** Named OpenAPI examples of a request or response body, typed by the DTO they illustrate. */
export type OpenApiExamples<T> = Record<string, { summary: string; description?: string; value: T }>;

/**
 * A JSON request body of `type` with named examples (Swagger UI offers them in a drop-down). ApiBody
 * only passes `examples` through with an explicit schema, so the DTO is referenced and registered here.
 */
export function ApiJsonBody<T>(type: Type<T>, examples: OpenApiExamples<T>, options: { required?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiBody({ schema: { $ref: getSchemaPath(type) }, examples, required: options.required ?? true }),
  );
}
