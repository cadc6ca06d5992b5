import type { Type } from '@nestjs/common';
import { ApiError, createValidationPipe } from '@app/common';

/** Runs a body through the app's real ValidationPipe: the fields of the 400, or [] when it passes. */
export async function invalidFields(dto: Type, body: unknown): Promise<string[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: dto });
    return [];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.getStatus()).toBe(400);
    return (error.details.errors ?? []).map((fieldError) => fieldError.field);
  }
}

/** The messages of the 400, for checks on wording. */
export async function invalidMessages(dto: Type, body: unknown): Promise<string[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: dto });
    return [];
  } catch (error) {
    return ((error as ApiError).details.errors ?? []).map((fieldError) => `${fieldError.field}: ${fieldError.message}`);
  }
}
