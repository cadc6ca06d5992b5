import { applyDecorators, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiJsonBody, type OpenApiExamples } from '@app/common';
import { ProtectedUpload, type ProtectedUploadOptions } from '@app/protection';
import type { UploadKind } from '@app/registry';

/** A credential route: its path, kind and protection, and its OpenAPI operation, declared in one place. */
export interface UploadRouteSpec<Body, Answer> extends ProtectedUploadOptions {
  kind: UploadKind;
  /** Below the controller's path; the collection itself when absent. */
  path?: string;
  operationId: string;
  summary: string;
  description?: string;
  /** A path parameter the route takes, e.g. `{ name: 'videoId', description, example }`. */
  param?: { name: string; description: string; example: string };
  body?: { type: Type<Body>; examples: OpenApiExamples<Body>; required?: boolean };
  /** A create answers 201, anything else (a refresh, a commit) 200. */
  answer: { status: 200 | 201; type: Type<Answer>; description: string; example: Answer };
}

export function UploadRoute<Body, Answer>(spec: UploadRouteSpec<Body, Answer>): MethodDecorator {
  const { kind, path, operationId, summary, description, param, body, answer, ...protection } = spec;
  const response = { type: answer.type, description: answer.description, example: answer.example };
  return applyDecorators(
    Post(path),
    HttpCode(answer.status),
    ProtectedUpload(kind, protection),
    ApiOperation({ operationId, summary, description }),
    ...(param ? [ApiParam(param)] : []),
    ...(body ? [ApiJsonBody(body.type, body.examples, { required: body.required })] : []),
    answer.status === 201 ? ApiCreatedResponse(response) : ApiOkResponse(response),
  );
}
