import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiProblems, ErrorCode, problemExample } from '@app/common';
import { HealthService } from './health.service';
import { HealthDto } from './health.dto';

const NOT_READY = problemExample(
  new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'The store is not answering.', { retryAfterSeconds: 1 }),
  'Not ready: the store (Redis) is not answering.',
);

/** Liveness and readiness, outside auth and rate limits (`security: []` says so in OpenAPI). */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process is up.', security: [] })
  @ApiOkResponse({ type: HealthDto, description: 'The process is up.', example: { status: 'ok' } satisfies HealthDto })
  liveness(): HealthDto {
    return { status: 'ok' };
  }

  @Get('readyz')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: configuration loaded and the store answering.', security: [] })
  @ApiOkResponse({ type: HealthDto, description: 'Ready to serve.', example: { status: 'ok', store: 'redis' } satisfies HealthDto })
  @ApiProblems(NOT_READY)
  readiness(): Promise<HealthDto> {
    return this.health.readiness();
  }
}
