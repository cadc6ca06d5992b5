import type { KindSpec } from '@app/registry';
import { defineKind, ok, UPLOAD_PROBLEMS } from '@app/uploads';
import { COMMIT_UPLOAD, tencentProblems } from '../../client';
import { TENCENT_VOD } from '../../tencent.products';
import { TENCENT_VOD_PROBLEMS } from '../../vod/tencent-vod.problems';
import { MEDIA } from '../vod-media/vod-media.kind';
import { CommitUploadService } from './commit-upload.service';
import { TENCENT_VOD_COMMIT_EXAMPLE, TencentVodCommitDto } from './dto/tencent-vod-commit.dto';

const COMMIT: KindSpec = { id: 'tencent-vod-commit', product: TENCENT_VOD, permission: 'upload:video', callsUpstream: true };

/** VOD CommitUpload of an applied upload, exactly once. */
export const VOD_COMMIT = defineKind({
  spec: COMMIT,
  issuer: CommitUploadService,
  issue: (commitUpload, { user, param }) => commitUpload.commit(MEDIA, user, param),
  route: {
    path: 'tencent-vod/media/:uploadId/commit',
    upstream: tencentProblems(COMMIT_UPLOAD),
    problems: [UPLOAD_PROBLEMS.notFound, TENCENT_VOD_PROBLEMS.commitRunning, UPLOAD_PROBLEMS.revoked, TENCENT_VOD_PROBLEMS.sessionExpired],
    operationId: 'commitTencentVodUpload',
    summary: 'Confirm an uploaded media file (CommitUpload). Exactly once: repeats return the first result. No body.',
    param: { name: 'uploadId', description: 'The `uploadId` from applyTencentVodUpload.', example: 'upl_3q2-7wAbQ0mHk1x9ZcVn4A' },
    answer: ok(TencentVodCommitDto, 'The media is stored in VOD.', TENCENT_VOD_COMMIT_EXAMPLE),
  },
});
