import { ConfigService, loadConfig } from '@app/config';
import type { Store } from '@app/store';
import { testSealedRecords } from '@app/testing';
import { UploadOwnership } from '../../uploads/upload-ownership';
import { TencentVodUploadRepository } from '../tencent-vod-upload.repository';

/** The repository over `store` with a throwaway sealing key and the default record TTL (unit tests). */
export function testRepository(store: Store): TencentVodUploadRepository {
  const sealed = testSealedRecords(store);
  return new TencentVodUploadRepository(store, sealed, new UploadOwnership(sealed, new ConfigService(loadConfig({}))));
}
