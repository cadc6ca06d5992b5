import type { OpenApiExamples } from '@app/common';
import type { ApplyTencentVodUploadDto } from './dto/apply-tencent-vod-upload.dto';
import type { CreateTencentVodUploadSignatureDto } from './dto/create-tencent-vod-upload-signature.dto';
import type { TencentVodCommitDto } from './dto/tencent-vod-commit.dto';
import type { TencentVodUploadSignatureDto } from './dto/tencent-vod-upload-signature.dto';
import type { TencentVodUploadDto } from './dto/tencent-vod-upload.dto';

// From the ApplyUpload seed (input and output examples; SubAppId and VodSessionKey stay on the
// server) and the CommitUpload output example (266/31766).

export const APPLY_TENCENT_VOD_UPLOAD_EXAMPLES = {
  media: {
    summary: "The ApplyUpload input example: an mp4 (SubAppId is the server's)",
    value: { mediaType: 'mp4' },
  },
  withCover: {
    summary: 'A named mp4 with a jpg cover, an expiry and an allowed task flow',
    value: {
      mediaType: 'mp4',
      mediaName: 'Spring launch',
      coverType: 'jpg',
      expireTime: '2030-01-01T00:00:00Z',
      procedure: 'transcode-hd',
      classId: 0,
      sessionContext: 'campaign=spring',
    },
  },
} satisfies OpenApiExamples<ApplyTencentVodUploadDto>;

/** The ApplyUpload output example; the certificate expiry made consistent with expiresAt. */
export const TENCENT_VOD_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2-7wAbQ0mHk1x9ZcVn4A',
  storageBucket: 'xadacq111211-100922',
  storageRegion: 'ap-chongqing',
  mediaStoragePath: '/dir/name.xx',
  coverStoragePath: '/dir/cover.xx',
  tempCertificate: { secretId: 'xxxxxxx', secretKey: 'xxxxxxxx', token: 'xxxxxxxx', expiredTime: 1893456000 },
  expiresAt: '2030-01-01T00:00:00Z',
  requestId: '880f3005-a8c9-4bba-8c87-74e216a17a0b',
} satisfies TencentVodUploadDto;

export const TENCENT_VOD_COMMIT_EXAMPLE = {
  fileId: '24820810452266399',
  mediaUrl: 'http://example.com/6c0f1c00vodgzp251000333/dee2125c24820810452266399/f0.mp4',
  coverUrl: 'http://example.com/6c0f1c00vodgzp251000333/dee2125c24820810452266399/24820810452266400.jpg',
  requestId: '880f3005-a8c9-4bba-8c87-74e216a17a0b',
} satisfies TencentVodCommitDto;

export const CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES = {
  defaults: {
    summary: "No choices: the deployment's task flow and category (sending no body at all is the same)",
    value: {},
  },
  withProcedure: {
    summary: 'An allowed task flow and category, and a context for its callback',
    value: { procedure: 'transcode-hd', classId: 0, sessionContext: 'campaign=spring' },
  },
} satisfies OpenApiExamples<CreateTencentVodUploadSignatureDto>;

export const TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE = {
  signature: 'MudrkVx00TF72GPb0R8NCG5f9tNzZWNyZXRJZD1BS0lE...',
  expiresAt: '2030-01-01T00:30:00Z',
} satisfies TencentVodUploadSignatureDto;
