import { MetricsService } from '@app/common';
import { ConfigService, loadConfig, NO_PROVIDERS, type ProviderConfigs } from '@app/config';
import { MemoryStore, type Store } from '@app/store';
import { UploadListing, UploadRecords, UploadRecordsRepository } from '@app/uploads';
import type { WebhookEventType, WebhookPublisher, WebhookUpload } from '@app/webhooks';
import { testSealedRecords } from './sealed-records';

export interface PublishedEvent {
  type: WebhookEventType;
  upload: WebhookUpload;
}

/**
 * Real upload records over an in-process store (or `store`), for unit tests of the services that
 * write them; `published` records the webhook events, and `failPublishing` makes the next ones reject.
 * `providers`: the catalog the records know (session kinds, products), none by default.
 */
export function testUploadRecords(
  store: Store = new MemoryStore('test:'),
  providers: ProviderConfigs = NO_PROVIDERS,
): {
  uploads: UploadRecords;
  listing: UploadListing;
  repository: UploadRecordsRepository;
  published: PublishedEvent[];
  failPublishing(error: Error | undefined): void;
} {
  const config = new ConfigService(loadConfig({}, providers));
  const repository = new UploadRecordsRepository(store, testSealedRecords(store), config);
  const published: PublishedEvent[] = [];
  let failure: Error | undefined;
  const webhooks = {
    publish: async (type: WebhookEventType, upload: WebhookUpload) => {
      if (failure) throw failure;
      published.push({ type, upload });
    },
  } as Pick<WebhookPublisher, 'publish'> as WebhookPublisher;
  return {
    uploads: new UploadRecords(repository, webhooks, config, new MetricsService()),
    listing: new UploadListing(repository),
    repository,
    published,
    failPublishing: (error) => (failure = error),
  };
}
