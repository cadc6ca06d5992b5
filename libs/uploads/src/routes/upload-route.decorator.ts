import { applyDecorators, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiJsonBody, type OpenApiExamples } from '@app/common';
import { ProtectedUpload, type ProtectedUploadOptions } from '@app/protection';
import type { KindSpec } from '@app/registry';

/** A credential route: its path, protection and OpenAPI operation, declared in one place with its kind. */
export interface KindRoute<Body, Answer> extends ProtectedUploadOptions {
  /** Below /v1/uploads, e.g. `acme-media/videos` or `acme-media/videos/:videoId/refresh`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The path parameter the route takes, e.g. `{ name: 'videoId', description, example }`. */
  param?: { name: string; description: string; example: string };
  body?: { type: Type<Body>; examples: OpenApiExamples<Body>; required?: boolean };
  /** A create answers 201, anything else (a refresh, a commit) 200. */
  answer: { status: 200 | 201; type: Type<Answer>; description: string; example: Answer };
}

/** A create's answer: 201 with the DTO, its description and example. */
export const created = <Answer>(type: Type<Answer>, description: string, example: Answer): KindRoute<unknown, Answer>['answer'] => ({
  status: 201,
  type,
  description,
  example,
});

/** A refresh's or commit's answer: 200 with the DTO, its description and example. */
export const ok = <Answer>(type: Type<Answer>, description: string, example: Answer): KindRoute<unknown, Answer>['answer'] => ({
  status: 200,
  type,
  description,
  example,
});

export function UploadRoute<Body, Answer>(kind: KindSpec, route: KindRoute<Body, Answer>): MethodDecorator {
  const { path, operationId, summary, description, param, body, answer, ...protection } = route;
  const response = { type: answer.type, description: answer.description, example: answer.example };
  return applyDecorators(
    Post(path),
    HttpCode(answer.status),
    // A 200 route (a refresh, a commit) acts on an upload the user has: its record's region serves it.
    ProtectedUpload(kind, { ...protection, existingUpload: answer.status === 200 }),
    ApiOperation({ operationId, summary, description }),
    ...(param ? [ApiParam(param)] : []),
    ...(body ? [ApiJsonBody(body.type, body.examples, { required: body.required })] : []),
    answer.status === 201 ? ApiCreatedResponse(response) : ApiOkResponse(response),
  );
}
