import { charCount, fileExtension, hasEmojiOrControl, utf8Bytes } from '@app/common';
import { AliyunFault } from './errors';

/** The request's parameters as the service reads them, with the documented checks. */
export class Params {
  private readonly values: Map<string, string>;

  constructor(pairs: [string, string][]) {
    this.values = new Map(pairs);
  }

  optional(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw AliyunFault.missing(name);
    return value;
  }
}

export interface TextLimit {
  maxChars?: number;
  maxBytes?: number;
  allowLineBreaks?: boolean;
}

/** Length (in the unit the API documents) and IllegalCharacters. */
export function checkText(name: string, value: string | undefined, limit: TextLimit): void {
  if (value === undefined) return;
  if (hasEmojiOrControl(value, limit.allowLineBreaks)) throw AliyunFault.illegalCharacters(name);
  if (limit.maxChars !== undefined && charCount(value) > limit.maxChars) throw AliyunFault.tooLong(name);
  if (limit.maxBytes !== undefined && utf8Bytes(value) > limit.maxBytes) throw AliyunFault.tooLong(name);
}

/** Comma-separated tags: TagsExceededMax past the count, LengthExceededMax past the per-tag size. */
export function checkTags(name: string, value: string | undefined, max: number, limit: TextLimit): void {
  if (value === undefined) return;
  const tags = value.split(',');
  if (tags.length > max) throw new AliyunFault(400, 'TagsExceededMax', `The specified "${name}" holds more than ${max} tags.`);
  for (const tag of tags) checkText(name, tag, limit);
}

export function checkInteger(name: string, value: string | undefined): void {
  if (value !== undefined && !/^[1-9]\d{0,18}$/.test(value)) throw AliyunFault.invalid(name);
}

export function checkOneOf(name: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) throw AliyunFault.invalid(name);
}

export function checkExtension(name: string, fileName: string | undefined, allowed: readonly string[]): void {
  if (fileName === undefined) return;
  const ext = fileExtension(fileName);
  if (ext === undefined || !allowed.includes(ext)) {
    throw new AliyunFault(400, 'InvalidFileName.Extension', `The specified "${name}" has an illegal extension.`);
  }
}

export function checkUrl(name: string, value: string | undefined): void {
  if (value === undefined) return;
  try {
    if (!['http:', 'https:'].includes(new URL(value).protocol)) throw new Error('scheme');
  } catch {
    throw AliyunFault.invalid(name);
  }
}

export function parseJsonObject(name: string, value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw AliyunFault.invalid(name);
}
