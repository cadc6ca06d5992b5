import { ApiError, type FieldError } from '@app/common';

/**
 * Server policy over the client's choices, checked after the DTO: ids only from the configured
 * allowlists, sizes within the configured maxima. All problems at once, as one 400.
 */
export class PolicyCheck {
  private readonly errors: FieldError[] = [];

  allowed<T>(field: string, value: T | undefined, allowlist: readonly T[]): this {
    if (value !== undefined && !allowlist.includes(value)) {
      this.errors.push({ field, message: `${field} is not one of the values this service offers` });
    }
    return this;
  }

  allowedEach<T>(field: string, values: readonly T[] | undefined, allowlist: readonly T[]): this {
    if (values?.some((value) => !allowlist.includes(value))) {
      this.errors.push({ field, message: `each value in ${field} must be one of the values this service offers` });
    }
    return this;
  }

  atMost(field: string, value: number | undefined, max: number): this {
    if (value !== undefined && value > max) this.errors.push({ field, message: `${field} must not be greater than ${max}` });
    return this;
  }

  refuse(field: string, message: string): this {
    this.errors.push({ field, message });
    return this;
  }

  /** Throws the 400 when any check failed. */
  done(): void {
    if (this.errors.length > 0) throw ApiError.validation(this.errors);
  }
}
