import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { charCount, fileExtension, hasEmojiOrControl, utf8Bytes } from './text-rules';

function rule(
  name: string,
  test: (value: unknown, args: ValidationArguments) => boolean,
  message: (args: ValidationArguments) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate: test },
    });
}

const each = (options?: ValidationOptions) => (options?.each ? 'each value in ' : '');

/** At most `max` bytes of UTF-8: where the provider counts bytes, a CJK character costs three. */
export function MaxUtf8Bytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return rule(
    'maxUtf8Bytes',
    (value) => typeof value === 'string' && utf8Bytes(value) <= max,
    (args) => `${each(options)}${args.property} must be at most ${max} bytes of UTF-8`,
    options,
  );
}

/** At most `max` characters (code points), where the provider counts characters. */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return rule(
    'maxChars',
    (value) => typeof value === 'string' && charCount(value) <= max,
    (args) => `${each(options)}${args.property} must be at most ${max} characters`,
    options,
  );
}

/** Not empty and not only white space. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return rule(
    'isNotBlank',
    (value) => typeof value === 'string' && value.trim().length > 0,
    (args) => `${each(options)}${args.property} must not be empty or blank`,
    options,
  );
}

/** What the provider answers with IllegalCharacters: emoji, other 4-byte characters, control characters. */
export function NoEmojiOrControl(options?: ValidationOptions & { allowLineBreaks?: boolean }): PropertyDecorator {
  const { allowLineBreaks = false, ...validation } = options ?? {};
  return rule(
    'noEmojiOrControl',
    (value) => typeof value === 'string' && !hasEmojiOrControl(value, allowLineBreaks),
    (args) => `${each(options)}${args.property} must not contain emoji or control characters`,
    validation,
  );
}

/** The provider joins tags with commas, so a tag must not hold one. */
export function NoComma(options?: ValidationOptions): PropertyDecorator {
  return rule(
    'noComma',
    (value) => typeof value === 'string' && !value.includes(',') && !value.includes('，'),
    (args) => `${each(options)}${args.property} must not contain commas`,
    options,
  );
}

/** A file name whose extension is in the list (or in the list chosen by another field of the object). */
export function HasExtensionIn(
  allowed: readonly string[] | ((object: Record<string, unknown>) => readonly string[] | undefined),
  options?: ValidationOptions,
): PropertyDecorator {
  const list = (args: ValidationArguments) => (typeof allowed === 'function' ? allowed(args.object as Record<string, unknown>) : allowed);
  return rule(
    'hasExtensionIn',
    (value, args) => {
      const ext = typeof value === 'string' ? fileExtension(value) : undefined;
      const extensions = list(args);
      return ext !== undefined && Array.isArray(extensions) && extensions.includes(ext);
    },
    (args) => {
      const extensions = list(args);
      return extensions
        ? `${args.property} must end in one of the extensions ${extensions.join(', ')}`
        : `${args.property} cannot be checked until the fields it depends on are valid`;
    },
    options,
  );
}

/**
 * The value must be in the list chosen by another field (e.g. mediaExt by businessType).
 * `other` reads that field from the validated object; `label` names it in the message.
 */
export function IsOneOfFor(
  other: (object: Record<string, unknown>) => unknown,
  label: string,
  choices: (otherValue: unknown) => readonly string[] | undefined,
  options?: ValidationOptions,
): PropertyDecorator {
  const allowedFor = (args: ValidationArguments) => {
    const otherValue = other(args.object as Record<string, unknown>);
    return { otherValue, allowed: choices(otherValue) };
  };
  return rule(
    'isOneOfFor',
    (value, args) => {
      const { allowed } = allowedFor(args);
      return typeof value === 'string' && Array.isArray(allowed) && allowed.includes(value);
    },
    (args) => {
      const { otherValue, allowed } = allowedFor(args);
      return allowed
        ? `${args.property} must be one of ${allowed.join(', ')} when ${label} is ${String(otherValue)}`
        : `${args.property} cannot be checked until ${label} is valid`;
    },
    options,
  );
}

/** Case-insensitive fields (file extensions, types): validated and sent lower-cased. */
export function LowerCase(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value));
}

/** A parseable date-time after now (format rules are separate validators, each with its own message). */
export function IsFutureDateTime(options?: ValidationOptions): PropertyDecorator {
  return rule(
    'isFutureDateTime',
    (value) => typeof value === 'string' && Date.parse(value) > Date.now(),
    (args) => `${args.property} must lie in the future`,
    options,
  );
}
