import { applyDecorators, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@app/auth';
import { ApiProblems, type ProblemExample, validationProblem } from '@app/common';
import { RateLimited } from '@app/protection';
import { RECORDS_SCOPE } from '@app/registry';
import { STORE_UNAVAILABLE_PROBLEM } from '@app/store';
import { ListUploadsQuery } from './dto/list-uploads.query';
import { UPLOAD_LIST_EXAMPLE, UploadListDto } from './dto/upload-list.dto';
import { UPLOAD_EXAMPLE, UploadDto } from './dto/upload.dto';
import { RECORD_PERMISSIONS, UPLOAD_PROBLEMS, UploadCompletions, UploadListing, UploadRecords } from '@app/uploads';
import { toUploadDto } from './upload-view';

/**
 * Bearer authentication with the records' permission (uploads:read to read, uploads:manage to revoke, when
 * AUTH_PERMISSIONS_ENABLED=true), the upload-records rate limit, and what every record route may answer.
 */
const RecordRoute = (permission: string, ...problems: ProblemExample[]) =>
  applyDecorators(Authenticated(permission), RateLimited(RECORDS_SCOPE), ApiProblems(...problems, STORE_UNAVAILABLE_PROBLEM));

const UploadIdParam = () =>
  ApiParam({ name: 'uploadId', description: 'The `uploadId` of a credential answer.', example: UPLOAD_EXAMPLE.uploadId });

@ApiTags('uploads')
@Controller('v1/uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadRecords,
    private readonly listing: UploadListing,
    private readonly completions: UploadCompletions,
  ) {}

  @Get()
  @RecordRoute(
    RECORD_PERMISSIONS.read,
    validationProblem('the query `?cursor=bogus`', [{ field: 'cursor', message: 'cursor must be a nextCursor this service returned' }]),
  )
  @ApiOperation({ operationId: 'listUploads', summary: 'Your uploads, newest first, with their status; filter by status or provider.' })
  @ApiOkResponse({ type: UploadListDto, description: 'A page of your uploads.', example: UPLOAD_LIST_EXAMPLE })
  async list(@CurrentUser() user: Principal, @Query() query: ListUploadsQuery): Promise<UploadListDto> {
    const page = await this.listing.list(user, { status: query.status, provider: query.provider }, query.limit ?? 20, query.cursor);
    return { items: page.items.map(toUploadDto), nextCursor: page.nextCursor };
  }

  @Get(':uploadId')
  @RecordRoute(RECORD_PERMISSIONS.read, UPLOAD_PROBLEMS.notFound)
  @ApiOperation({ operationId: 'getUpload', summary: 'One of your uploads: its status and the provider ids.' })
  @UploadIdParam()
  @ApiOkResponse({ type: UploadDto, description: 'The upload.', example: UPLOAD_EXAMPLE })
  async get(@CurrentUser() user: Principal, @Param('uploadId') uploadId: string): Promise<UploadDto> {
    return toUploadDto(await this.uploads.findOwned(user, uploadId));
  }

  @Delete(':uploadId')
  @HttpCode(204)
  @RecordRoute(RECORD_PERMISSIONS.manage, UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.completedNotRevocable)
  @ApiOperation({
    operationId: 'revokeUpload',
    summary: 'Revoke an upload that has not completed: refresh and commit answer 410 afterwards. Repeats are 204.',
  })
  @UploadIdParam()
  @ApiNoContentResponse({ description: 'The upload is revoked.' })
  async revoke(@CurrentUser() user: Principal, @Param('uploadId') uploadId: string): Promise<void> {
    await this.completions.revoke(user, uploadId);
  }
}
