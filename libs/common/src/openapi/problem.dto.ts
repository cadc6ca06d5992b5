import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-codes';

export class FieldErrorDto {
  @ApiProperty({ description: 'Dotted path of the request field.', example: 'title' })
  field: string;

  @ApiProperty({ description: 'The rule the value breaks.', example: 'title must not be empty or blank' })
  message: string;
}

/** RFC 9457 problem details, the body of every error response (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ description: 'A URI naming the problem type.', example: 'urn:upload-bff:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'The request is invalid' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'One or more fields are invalid.' })
  detail: string;

  @ApiProperty({
    enum: Object.values(ErrorCode),
    enumName: 'ErrorCode',
    description: 'Stable machine-readable code.',
    example: ErrorCode.VALIDATION_FAILED,
  })
  code: string;

  @ApiProperty({
    description: 'Our request id, also in the X-Request-Id response header.',
    example: '5f0c2a8e-8d2c-4d3b-9a57-1f1f0c6c2b11',
  })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Per-field errors, for validation failures.' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({
    description: "The cloud provider's request id, when the provider answered.",
    example: '25818875-5F78-4AF6-04D5-D7393642CA58',
  })
  upstreamRequestId?: string;
}
