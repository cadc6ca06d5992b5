import type { Store } from '@app/store';
import { testSealedRecords } from '@app/testing';
import { TencentVodUploadRepository } from '../vod/tencent-vod-upload.repository';

/** The repository over `store` with a throwaway sealing key (unit tests). */
export function testRepository(store: Store): TencentVodUploadRepository {
  return new TencentVodUploadRepository(store, testSealedRecords(store));
}
