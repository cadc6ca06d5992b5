import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';

/**
 * Absent or null both mean "not given" (generated clients send null for unset fields). IsOptional
 * alone would let a null through to the service; this turns it into undefined.
 */
export function OptionalField(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === null ? undefined : value)),
  );
}
