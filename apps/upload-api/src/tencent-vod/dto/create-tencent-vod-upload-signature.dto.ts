import { TencentVodProcessingDto } from './tencent-vod-processing.dto';

/** A client upload signature: the body is optional; the server sets everything but these choices. */
export class CreateTencentVodUploadSignatureDto extends TencentVodProcessingDto {}
