import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A parseable date-time after now (format rules are separate validators, each with its own message). */
export function IsFutureDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFutureDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && Date.parse(value) > Date.now(),
      },
    });
}
