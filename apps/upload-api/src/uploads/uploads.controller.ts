import { applyDecorators, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@app/auth';
import { ApiProblemResponse, ApiProblemResponses } from '@app/common';
import { RateLimited } from '@app/protection';
import { ListUploadsQuery } from './dto/list-uploads.query';
import { UPLOAD_LIST_EXAMPLE, UploadListDto } from './dto/upload-list.dto';
import { UPLOAD_EXAMPLE, UploadDto } from './dto/upload.dto';
import { toUploadDto } from './upload-view';
import { UploadRecords } from './upload-records';

/** Bearer authentication, the upload-records rate limit, and what every record route may answer. */
const RecordRoute = (...problems: number[]) =>
  applyDecorators(Authenticated(), RateLimited('upload-records'), ApiProblemResponses(...problems, 503));

const UploadIdParam = () =>
  ApiParam({ name: 'uploadId', description: 'The `uploadId` of a credential answer.', example: UPLOAD_EXAMPLE.uploadId });

@ApiTags('uploads')
@Controller('v1/uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadRecords) {}

  @Get()
  @RecordRoute(400)
  @ApiOperation({ operationId: 'listUploads', summary: 'Your uploads, newest first, with their status; filter by status or provider.' })
  @ApiOkResponse({ type: UploadListDto, description: 'A page of your uploads.', example: UPLOAD_LIST_EXAMPLE })
  async list(@CurrentUser() user: Principal, @Query() query: ListUploadsQuery): Promise<UploadListDto> {
    const page = await this.uploads.list(user, { status: query.status, provider: query.provider }, query.limit ?? 20, query.cursor);
    return { items: page.items.map(toUploadDto), nextCursor: page.nextCursor };
  }

  @Get(':uploadId')
  @RecordRoute(404)
  @ApiOperation({ operationId: 'getUpload', summary: 'One of your uploads: its status and the provider ids.' })
  @UploadIdParam()
  @ApiOkResponse({ type: UploadDto, description: 'The upload.', example: UPLOAD_EXAMPLE })
  async get(@CurrentUser() user: Principal, @Param('uploadId') uploadId: string): Promise<UploadDto> {
    return toUploadDto(await this.uploads.findOwned(user, uploadId));
  }

  @Delete(':uploadId')
  @HttpCode(204)
  @RecordRoute(404)
  @ApiProblemResponse(409, 'The upload is complete (the provider has the file); it cannot be revoked.', false)
  @ApiOperation({
    operationId: 'revokeUpload',
    summary: 'Revoke an upload that has not completed: refresh and commit answer 410 afterwards. Repeats are 204.',
  })
  @UploadIdParam()
  @ApiNoContentResponse({ description: 'The upload is revoked.' })
  async revoke(@CurrentUser() user: Principal, @Param('uploadId') uploadId: string): Promise<void> {
    await this.uploads.revoke(user, uploadId);
  }
}
