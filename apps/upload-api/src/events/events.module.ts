import { Module } from '@nestjs/common';
import { TencentModule } from '@app/tencent';
import { EventReceivers } from './event-receivers';
import { EventsController } from './events.controller';
import { ProviderEvents } from './provider-events';
import { TencentEventPuller } from './tencent-event-puller';

/** The providers' completion events: signed callbacks, Tencent's token callback, or its PULL loop. */
@Module({
  imports: [TencentModule],
  controllers: [EventsController],
  providers: [EventReceivers, ProviderEvents, TencentEventPuller],
})
export class EventsModule {}
