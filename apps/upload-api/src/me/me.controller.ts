import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@app/auth';
import { PrincipalDto } from './principal.dto';

@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'getMe', summary: 'The principal the bearer token stands for.' })
  @ApiOkResponse({
    type: PrincipalDto,
    description: 'The verified principal.',
    example: { id: 'alice', permissions: ['upload:video'] } satisfies PrincipalDto,
  })
  me(@CurrentUser() user: Principal): PrincipalDto {
    return { id: user.id, permissions: user.permissions, ...(user.region !== undefined ? { region: user.region } : {}) };
  }
}
