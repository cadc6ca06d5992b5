import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiProblems, problemExample } from '@app/common';
import type { SandboxServices } from './sandbox-services';
import { SANDBOX_EXAMPLE, SandboxDto } from '../providers';
import { SANDBOX_SERVICES } from './sandbox.tokens';

const notASandbox = () => ApiError.notFound('This service is not a sandbox.');

/** Where the upload SDKs reach the emulator's storage stand-ins: public, like the docs, and only in the sandbox. */
@ApiTags('sandbox')
@Controller('v1/sandbox')
export class SandboxController {
  constructor(@Inject(SANDBOX_SERVICES) private readonly services: SandboxServices) {}

  @Get()
  @ApiOperation({
    operationId: 'getSandbox',
    summary: 'Where the upload SDKs reach the storage stand-ins (sandbox only).',
    description: 'Answers 404 outside the sandbox, where the real clouds need no such settings.',
    security: [],
  })
  @ApiOkResponse({
    type: SandboxDto,
    description: 'The emulator origin for each SDK option.',
    example: SANDBOX_EXAMPLE,
  })
  @ApiProblems(problemExample(notASandbox(), 'Not in sandbox mode.'))
  sandbox(): SandboxDto {
    if (!this.services.endpoints) throw notASandbox();
    return this.services.endpoints;
  }
}
