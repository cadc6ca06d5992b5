import { ApiProperty } from '@nestjs/swagger';

export class PrincipalDto {
  @ApiProperty({ description: "The token's subject; owns every upload the user creates.", example: 'alice' })
  id: string;

  @ApiProperty({ type: [String], description: 'Permissions read from the configured claim (scope by default).', example: ['upload:video'] })
  permissions: string[];
}
