import { ApiError, type FieldError } from '../errors/api-error';

/**
 * Server policy over the client's choices, checked after the DTO: ids only from the configured
 * allowlists, sizes within the configured maxima. All problems at once, as one 400.
 */
export class PolicyCheck {
  private readonly errors: FieldError[] = [];

  allowed<T>(field: string, value: T | undefined, allowlist: readonly T[]): this {
    if (value !== undefined && !allowlist.includes(value)) this.errors.push({ field, message: allowlistMessage(field, allowlist) });
    return this;
  }

  allowedEach<T>(field: string, values: readonly T[] | undefined, allowlist: readonly T[]): this {
    if (values?.some((value) => !allowlist.includes(value))) {
      this.errors.push({ field, message: `each value in ${allowlistMessage(field, allowlist)}` });
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

/** The choices are the deployment's public options, so naming them helps the client and reveals nothing. */
function allowlistMessage(field: string, allowlist: readonly unknown[]): string {
  return allowlist.length === 0 ? `${field} cannot be chosen on this deployment` : `${field} must be one of ${allowlist.join(', ')}`;
}
