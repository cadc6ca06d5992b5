import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { Store } from '@app/store';
import type { HealthDto } from './health.dto';

@Injectable()
export class HealthService {
  constructor(private readonly store: Store) {}

  async readiness(): Promise<HealthDto> {
    try {
      await this.store.ping();
    } catch (error) {
      throw new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'The store is not answering.', { retryAfterSeconds: 1, cause: error });
    }
    return { status: 'ok', store: this.store.kind };
  }
}
