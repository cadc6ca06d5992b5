import type { Type } from '@nestjs/common';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { createValidationPipe } from './validation-pipe';

/** class-transformer's TransformationType.PLAIN_TO_CLASS. */
const PLAIN_TO_CLASS = 0;

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** True when no rule is broken; false when one is, or when a rule answers anything but true (a promise). */
type Check = (instance: Record<string, unknown>) => boolean;

interface CompiledDto<T> {
  properties: ReadonlySet<string>;
  checks: readonly Check[];
  make(): T;
}

const pipe = createValidationPipe();
const compiled = new WeakMap<Type<unknown>, CompiledDto<unknown> | null>();

/**
 * A body as the ValidationPipe would make it, its rules read once per DTO instead of on every request:
 * a plain object whose fields are all known, primitives or arrays of them, that passes every rule is
 * copied onto a new instance here, exactly as class-transformer would copy it. Anything else (an
 * unknown field, a broken rule, a nested object, a DTO with class-transformer decorators) goes through
 * the ValidationPipe itself, so every 400 is the pipe's, word for word.
 */
export async function validateBody<T>(dto: Type<T>, body: unknown): Promise<T> {
  const fast = validBody(dto, body);
  if (fast !== undefined) return fast;
  return (await pipe.transform(body, { type: 'body', metatype: dto, data: undefined })) as T;
}

/** The instance when the body is valid by the compiled rules; undefined when the pipe must decide. */
export function validBody<T>(dto: Type<T>, body: unknown): T | undefined {
  const rules = compiledDto(dto);
  if (rules === null) return undefined;
  const plain = body ?? {};
  if (!isPlainObject(plain)) return undefined;
  const instance = rules.make() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    if (!rules.properties.has(key)) return undefined;
    const value = (plain as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      if (!value.every(isPrimitive)) return undefined;
      instance[key] = value.slice();
    } else if (isPrimitive(value)) {
      instance[key] = value;
    } else {
      return undefined;
    }
  }
  for (const check of rules.checks) if (!check(instance)) return undefined;
  return instance as T;
}

/** What JSON.parse makes of an object, in any realm (a test runner's too): its prototype is an Object.prototype. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype !== null && Object.getPrototypeOf(prototype) === null;
}

const isPrimitive = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function compiledDto<T>(dto: Type<T>): CompiledDto<T> | null {
  let rules = compiled.get(dto) as CompiledDto<T> | null | undefined;
  if (rules === undefined) {
    rules = compile(dto);
    compiled.set(dto, rules);
  }
  return rules;
}

/** Null when the DTO uses what the fast path does not do (nested DTOs, class-transformer's decorators, no rules at all). */
function compile<T>(dto: Type<T>): CompiledDto<T> | null {
  const storage = getMetadataStorage();
  // The arguments class-validator's executor passes for validate(object) with the pipe's options.
  const metadatas = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) return null;
  if (defaultMetadataStorage.getExposedMetadatas(dto).length > 0 || defaultMetadataStorage.getExcludedMetadatas(dto).length > 0) {
    return null;
  }
  const byProperty = storage.groupByPropertyName(metadatas);
  const checks: Check[] = [];
  for (const [property, rules] of Object.entries(byProperty)) {
    if (
      defaultMetadataStorage.findTypeMetadata(dto, property) !== undefined ||
      defaultMetadataStorage.findTransformMetadatas(dto, property, PLAIN_TO_CLASS).length > 0
    ) {
      return null;
    }
    const check = propertyCheck(dto, property, rules);
    if (check === null) return null;
    checks.push(check);
  }
  return { properties: new Set(Object.keys(byProperty)), checks, make: () => new dto() };
}

/** class-validator's performValidations for one property, reduced to "no rule broken". */
function propertyCheck(dto: Type<unknown>, property: string, rules: ValidationMetadata[]): Check | null {
  const conditions: ((object: object, value: unknown) => boolean)[] = [];
  const constraints: { metadata: ValidationMetadata; validate: (value: unknown, args: ValidationArguments) => unknown }[] = [];
  for (const metadata of rules) {
    switch (metadata.type) {
      case ValidationTypes.WHITELIST:
        break;
      case ValidationTypes.CONDITIONAL_VALIDATION:
        conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)) {
          const instance = constraint.instance as { validate(value: unknown, args: ValidationArguments): unknown };
          constraints.push({ metadata, validate: (value, args) => instance.validate(value, args) });
        }
        break;
      default:
        return null; // nested or promise validation
    }
  }
  const targetName = dto.name;
  return (object) => {
    const value = object[property];
    for (const condition of conditions) if (!condition(object, value)) return true;
    for (const { metadata, validate } of constraints) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      const args: ValidationArguments = { targetName, property, object, value, constraints: metadata.constraints };
      const values = metadata.each && Array.isArray(value) ? (value as unknown[]) : [value];
      for (const each of values) {
        if (validate(each, args) !== true) return false;
      }
    }
    return true;
  };
}
