import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PrincipalDto {
  @ApiProperty({ description: "The token's subject; owns every upload the user creates.", example: 'alice' })
  id: string;

  @ApiProperty({ type: [String], description: 'Permissions read from the configured claim (scope by default).', example: ['upload:video'] })
  permissions: string[];

  @ApiPropertyOptional({
    description:
      "The region profile your uploads go to: your token's region claim (AUTH_REGION_CLAIM), or the deployment's default " +
      'without one. Present only when the deployment declares region profiles (REGIONS), and absent when the claim names ' +
      'none of them (upload routes then answer 403 REGION_NOT_ALLOWED).',
    example: 'intl',
  })
  region?: string;
}
