import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { ConfigService } from '@app/config';
import { nonPublicTarget } from './delivery/address-guard';
import { WebhookDelivery } from './delivery/webhook-delivery';
import { WebhookSigner } from './delivery/webhook-signer';
import { WebhookMetrics } from './metrics/webhook-metrics';
import { DeliveryQueue } from './queue/delivery-queue';

/** Time kept from the shutdown grace period for closing connections after the deliveries stop. */
const CLOSE_MARGIN_MS = 1_000;

/**
 * Runs the deliveries of this replica: starts the queue's worker once the app is up, and on
 * shutdown lets running attempts finish within the grace period while the HTTP server drains
 * (requests may still queue events), then closes the connections.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private delivery: WebhookDelivery | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: ConfigService,
    private readonly metrics: WebhookMetrics,
    @Optional() @Inject(DeliveryQueue) private readonly queue: DeliveryQueue | null,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.config.webhooks;
    if (!this.queue || settings.url === undefined) return;
    // Required only now: undici (about 2.4 MB of heap at rest) is loaded by a replica that delivers webhooks, not by every one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { WebhookSender } = require('./delivery/webhook-sender') as typeof import('./delivery/webhook-sender');
    const sender = new WebhookSender({
      url: settings.url,
      timeoutMs: settings.timeoutMs,
      publicAddressesOnly: settings.publicAddressesOnly,
    });
    const delivery = new WebhookDelivery(new WebhookSigner(settings.secrets), sender, this.metrics);
    this.delivery = delivery;
    this.queue.start((event, attempt, shutdown) => delivery.attempt(event, attempt, shutdown));
    this.logger.log({
      msg: 'webhooks on',
      target: new URL(settings.url).origin,
      events: settings.events,
      queue: this.config.store.kind === 'redis' ? 'redis' : 'in-process (not durable)',
    });
    if (settings.publicAddressesOnly) void this.warnIfBlocked(new URL(settings.url));
  }

  /** DNS may change, so this only warns: every delivery is checked again when it connects. */
  private async warnIfBlocked(url: URL): Promise<void> {
    const range = await nonPublicTarget(url);
    if (range) {
      this.logger.error({
        msg: `WEBHOOK_URL resolves to a ${range} address: every delivery will be refused (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true allows it)`,
        target: url.origin,
      });
    }
  }

  beforeApplicationShutdown(): void {
    this.stopping = this.queue?.stop(Math.max(0, this.config.http.shutdownGraceMs - CLOSE_MARGIN_MS));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopping;
    await this.queue?.close();
    await this.delivery?.close();
  }
}
