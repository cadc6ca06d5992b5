import { Body, Controller, Module, Post, Query } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { CurrentUser, type Principal } from '@app/auth';
import { ApiError, ErrorCode } from '@app/common';
import { IdempotencyKey, ProtectedUpload } from '@app/protection';
import { tencent } from '@app/providers';
import { UploadRecords } from '@app/uploads';
import { UpstreamBudget } from '@app/upstream';

export class FixtureUploadDto {
  @IsString() @IsOptional() name?: string;
}

/** The fixture's kind belongs to Tencent Cloud VOD, so the app must offer it (no call ever reaches Tencent). */
export const FIXTURE_ENV = {
  TENCENTCLOUD_SECRET_ID: 'fixture-secret-id',
  TENCENTCLOUD_SECRET_KEY: 'fixture-secret-key',
  TENCENTCLOUD_VOD_SUB_APP_ID: '1',
};

/** Counts the "upstream" calls the fixture made, per test file. */
export const fixtureCalls = { count: 0 };

/**
 * A stand-in upload route declared like the real ones: the protection layer sees a real kind
 * (tencent-vod-signature: rate limited, daily quota) and a credential with an expiry, issued as every
 * create issues (UploadRecords.issue: the quota unit spent with the record, given back on a failure).
 * Declared as calling upstream, as the fixture does (the budget).
 */
const FIXTURE_KIND = { ...tencent.VOD_SIGNATURE.spec, callsUpstream: true };

@Controller('test-protection')
export class ProtectionFixtureController {
  constructor(
    private readonly budget: UpstreamBudget,
    private readonly records: UploadRecords,
  ) {}

  @Post('credentials')
  @ProtectedUpload(FIXTURE_KIND, { idempotent: true, upstream: [] })
  async issue(
    @CurrentUser() user: Principal,
    @Body() body: FixtureUploadDto,
    @IdempotencyKey() key: string | undefined,
    @Query('fail') fail?: string,
    @Query('delayMs') delayMs?: string,
  ): Promise<Record<string, unknown>> {
    const { result } = await this.records.issue(user, FIXTURE_KIND, async () => {
      await this.budget.acquire('tencent-vod', 'FixtureOperation');
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, Number(delayMs)));
      if (fail) throw new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'The fixture upstream failed.', { retryAfterSeconds: 1 });
      fixtureCalls.count += 1;
      return {
        call: fixtureCalls.count,
        owner: user.id,
        name: body.name ?? null,
        idempotencyKey: key ?? null,
        secretKey: `fixture-secret-${fixtureCalls.count}-do-not-store-in-clear`,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      };
    });
    return result;
  }
}

@Module({ controllers: [ProtectionFixtureController] })
export class ProtectionFixtureModule {}
