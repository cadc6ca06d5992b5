import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ description: 'Always ok: any other state is an error response.', enum: ['ok'], example: 'ok' })
  status: 'ok';

  @ApiPropertyOptional({
    description: 'Which store backs limits and records (readiness only).',
    enum: ['memory', 'redis'],
    example: 'redis',
  })
  store?: 'memory' | 'redis';
}
