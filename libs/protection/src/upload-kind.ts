import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import type { UploadKind } from '@app/registry';

export const UPLOAD_KIND = 'protection:upload-kind';

export function uploadKindOf(reflector: Reflector, context: ExecutionContext): UploadKind {
  const kind = reflector.get<UploadKind | undefined>(UPLOAD_KIND, context.getHandler());
  if (!kind) throw new Error(`${context.getClass().name}.${context.getHandler().name} is protected but declares no upload kind`);
  return kind;
}
