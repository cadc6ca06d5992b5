import { MetricsService } from '@app/common';
import { ConfigService, loadConfig } from '@app/config';
import { MemoryStore, type Store } from '@app/store';
import { testSealedRecords } from '@app/testing';
import type { WebhookEventType, WebhookPublisher, WebhookUpload } from '@app/webhooks';
import { UploadRecords } from '../upload-records';
import { UploadRecordsRepository } from '../upload-records.repository';

export interface PublishedEvent {
  type: WebhookEventType;
  upload: WebhookUpload;
}

/**
 * Real upload records over an in-process store (or `store`), for unit tests of the services that
 * write them; `published` records the webhook events, and `failPublishing` makes the next ones reject.
 */
export function testUploadRecords(store: Store = new MemoryStore('test:')): {
  uploads: UploadRecords;
  repository: UploadRecordsRepository;
  published: PublishedEvent[];
  failPublishing(error: Error | undefined): void;
} {
  const repository = new UploadRecordsRepository(store, testSealedRecords(store), new ConfigService(loadConfig({})));
  const published: PublishedEvent[] = [];
  let failure: Error | undefined;
  const webhooks = {
    publish: async (type: WebhookEventType, upload: WebhookUpload) => {
      if (failure) throw failure;
      published.push({ type, upload });
    },
  } as Pick<WebhookPublisher, 'publish'> as WebhookPublisher;
  return {
    uploads: new UploadRecords(repository, webhooks, new MetricsService()),
    repository,
    published,
    failPublishing: (error) => (failure = error),
  };
}
