import { EventEmitter } from 'node:events';
import { Body, Controller, Module, Post, Query } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { Authenticated } from '@app/auth';

export class CreateThingDto {
  @IsString()
  @MaxLength(8)
  name: string;

  @IsInt()
  @Min(1)
  size: number;
}

/** Emits 'started' when a slow request is in its handler: a test waits for it rather than sleeping and hoping. */
export const slowRequests = new EventEmitter();

/** Routes that exist only in tests: a DTO to validate, and a slow handler for shutdown drains. */
@Controller('test-fixture')
export class FixtureController {
  @Post('things')
  @Authenticated()
  create(@Body() body: CreateThingDto): CreateThingDto {
    return body;
  }

  @Post('slow')
  async slow(@Query('ms') ms = '300'): Promise<{ waitedMs: number }> {
    const waitedMs = Number(ms);
    slowRequests.emit('started');
    await new Promise((resolve) => setTimeout(resolve, waitedMs));
    return { waitedMs };
  }
}

@Module({ controllers: [FixtureController] })
export class FixtureModule {}
