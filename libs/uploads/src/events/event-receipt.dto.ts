import { ApiProperty } from '@nestjs/swagger';
import type { EventOutcome } from './provider-events';

const OUTCOMES: EventOutcome[] = ['applied', 'duplicate', 'unknown', 'mismatch', 'revoked', 'ignored'];

/** What became of a verified event. Every one of these is a 200: the provider has nothing to retry. */
export class EventReceiptDto {
  @ApiProperty({
    description:
      'applied: the upload record changed; duplicate: it already said so; unknown: no upload of ours; mismatch: the ids ' +
      'disagree with the record; revoked: its owner revoked it; ignored: an event type that is not about an upload.',
    enum: OUTCOMES,
    example: 'applied',
  })
  outcome: EventOutcome;
}
