import { ApiError } from '@app/common';

/** Field readers for provider event bodies: a verified event that lacks what its type documents is a 400. */
export type Json = Record<string, unknown>;

export const malformed = (what: string) => ApiError.validation([{ field: what, message: `${what} is missing or malformed` }]);

export function object(value: unknown, what: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(what);
  return value as Json;
}

export function text(body: Json, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw malformed(field);
  return value;
}

export function optionalText(body: Json, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Sizes arrive as numbers (VOD) or as strings of digits (ICE). */
export function optionalSize(body: Json, field: string): number | undefined {
  const value = body[field];
  const size = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined;
}

/** A JSON object, or a string holding one (UserData and Extend travel as either). */
export function embeddedObject(value: unknown): Json | undefined {
  if (typeof value === 'string') {
    try {
      return embeddedObject(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}
