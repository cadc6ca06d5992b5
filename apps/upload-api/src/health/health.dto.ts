import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';

  @ApiPropertyOptional({ description: 'Which store backs limits and records.', enum: ['memory', 'redis'] })
  store?: 'memory' | 'redis';
}
