import { MetricsService } from '@app/common';
import { ConfigService, loadConfig } from '@app/config';
import { MemoryStore, type Store } from '@app/store';
import { testSealedRecords } from '@app/testing';
import { UploadRecords } from '../upload-records';
import { UploadRecordsRepository } from '../upload-records.repository';

/** Real upload records over an in-process store (or `store`), for unit tests of the services that write them. */
export function testUploadRecords(store: Store = new MemoryStore('test:')): {
  uploads: UploadRecords;
  repository: UploadRecordsRepository;
} {
  const repository = new UploadRecordsRepository(store, testSealedRecords(store), new ConfigService(loadConfig({})));
  return { uploads: new UploadRecords(repository, new MetricsService()), repository };
}
