import { MetricsService } from '@app/common';
import { ConfigService, loadConfig, NO_PROVIDERS, type ProviderConfigs } from '@app/config';
import { DailyQuotas } from '@app/protection';
import { MemoryStore, type Store } from '@app/store';
import {
  type MediaVerifier,
  MediaVerifiers,
  UploadCompletions,
  UploadListing,
  UploadRecords,
  UploadRecordsRepository,
  VerificationJobs,
} from '@app/uploads';
import type { WebhookEventType, WebhookPublisher, WebhookUpload } from '@app/webhooks';
import { testSealedRecords } from './sealed-records';

export interface PublishedEvent {
  type: WebhookEventType;
  upload: WebhookUpload;
}

/**
 * Real upload records over an in-process store (or `store`), for unit tests of the services that
 * write them; `published` records the webhook events, and `failPublishing` makes the next ones reject.
 * `providers`: the catalog the records know (session kinds, products), none by default. `completions`
 * settles events with `verifiers` (none: believed) and retries from an in-process queue (`jobs`, started
 * by its onApplicationBootstrap); `env` adds settings (UPLOAD_VERIFICATION...).
 */
export function testUploadRecords(
  store: Store = new MemoryStore('test:'),
  providers: ProviderConfigs = NO_PROVIDERS,
  verifiers: readonly MediaVerifier[] = [],
  env: Record<string, string> = {},
): {
  uploads: UploadRecords;
  completions: UploadCompletions;
  jobs: VerificationJobs;
  listing: UploadListing;
  repository: UploadRecordsRepository;
  metrics: MetricsService;
  published: PublishedEvent[];
  failPublishing(error: Error | undefined): void;
} {
  const config = new ConfigService(loadConfig(env, providers));
  const metrics = new MetricsService();
  const repository = new UploadRecordsRepository(store, testSealedRecords(store), config);
  const published: PublishedEvent[] = [];
  let failure: Error | undefined;
  const webhooks = {
    publish: async (type: WebhookEventType, upload: WebhookUpload) => {
      if (failure) throw failure;
      published.push({ type, upload });
    },
  } as Pick<WebhookPublisher, 'publish'> as WebhookPublisher;
  const uploads = new UploadRecords(repository, webhooks, config, metrics, new DailyQuotas(config, store), store);
  const registered = MediaVerifiers.of(verifiers);
  const jobs = new VerificationJobs(config, metrics);
  return {
    uploads,
    completions: new UploadCompletions(uploads, config, registered, jobs, metrics),
    jobs,
    listing: new UploadListing(repository),
    repository,
    metrics,
    published,
    failPublishing: (error) => (failure = error),
  };
}
