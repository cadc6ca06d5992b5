import { applyDecorators, Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, ApiProblems, BODY_PROBLEMS, ErrorCode, problemExample, validationProblem } from '@app/common';
import { STORE_UNAVAILABLE_PROBLEM } from '@app/store';
import { EventReceiptDto } from './dto/event-receipt.dto';
import { IMS_EVENT_EXAMPLE, TENCENT_EVENT_EXAMPLE, VOD_EVENT_EXAMPLE } from './dto/event-examples';
import { EventReceivers } from './event-receivers';

const RECEIPT = { type: EventReceiptDto, description: 'Received; see `outcome`.', example: { outcome: 'applied' } };
/** The provider's event as it sends it; its documented shapes are in the README. */
const ProviderEventBody = (example: object) =>
  ApiBody({
    schema: { type: 'object', additionalProperties: true },
    examples: { upload: { summary: 'An upload completed', value: example } },
  });

/** What every receiver answers for a body it cannot read, and when the store is down. */
const EVENT_PROBLEMS = [
  BODY_PROBLEMS.malformedJson,
  validationProblem(
    'the request body `{}`',
    [{ field: 'EventType', message: 'EventType is missing or malformed' }],
    'The event lacks a field it must carry.',
  ),
  STORE_UNAVAILABLE_PROBLEM,
];

const receiverOff = (path: string, summary: string) =>
  problemExample(new ApiError(404, ErrorCode.NOT_FOUND, `No route matches POST ${path}.`), summary);

/** An Alibaba receiver's refusals: unsigned (401), or off until its AuthKey is configured (404). */
const AliyunReceiverProblems = (product: 'VOD' | 'ICE', path: string) =>
  ApiProblems(
    ...EVENT_PROBLEMS,
    problemExample(
      ApiError.unauthenticated(`The callback is not signed (X-${product}-TIMESTAMP and -SIGNATURE).`),
      'The callback is unsigned, its signature is wrong or malformed, or its timestamp too far from our clock.',
    ),
    receiverOff(path, `The receiver is off: its callback URL or AuthKey is not configured.`),
  );

/** Alibaba's callback authentication headers. */
const SignedBy = (product: 'VOD' | 'ICE') =>
  applyDecorators(
    ApiHeader({
      name: `X-${product}-TIMESTAMP`,
      required: true,
      description: 'Unix seconds, within EVENTS_MAX_SKEW_SECONDS of our clock.',
    }),
    ApiHeader({ name: `X-${product}-SIGNATURE`, required: true, description: 'Lowercase hex MD5 of `CallbackURL|timestamp|AuthKey`.' }),
  );

/**
 * The providers' completion events. No bearer token: each receiver checks the provider's signature
 * (Alibaba) or the secret in its URL (Tencent), and is off (404) until that secret is configured.
 */
@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly receivers: EventReceivers) {}

  @Post('aliyun-vod')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receiveAliyunVodEvent',
    summary: 'VOD HTTP callbacks: FileUploadComplete, ImageUploadComplete, AttachedMediaUploadComplete.',
    security: [],
  })
  @SignedBy('VOD')
  @ProviderEventBody(VOD_EVENT_EXAMPLE)
  @ApiOkResponse(RECEIPT)
  @AliyunReceiverProblems('VOD', '/v1/events/aliyun-vod')
  aliyunVod(@Headers() headers: IncomingHttpHeaders, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receivers.aliyun('vod', headers, body);
  }

  @Post('aliyun-ims')
  @HttpCode(200)
  @ApiOperation({ operationId: 'receiveAliyunImsEvent', summary: 'IMS (ICE) callbacks: FileUploadComplete.', security: [] })
  @SignedBy('ICE')
  @ProviderEventBody(IMS_EVENT_EXAMPLE)
  @ApiOkResponse(RECEIPT)
  @AliyunReceiverProblems('ICE', '/v1/events/aliyun-ims')
  aliyunIms(@Headers() headers: IncomingHttpHeaders, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receivers.aliyun('ice', headers, body);
  }

  @Post('tencent-vod/:token')
  @HttpCode(200)
  // The token is a secret: the access log shows the route, not the path.
  @RouteConfig({ secretPath: true })
  @ApiOperation({
    operationId: 'receiveTencentVodEvent',
    summary: 'Tencent Cloud VOD PUSH callbacks (NewFileUpload). Tencent signs none: the URL carries TENCENTCLOUD_VOD_EVENT_TOKEN.',
    security: [],
  })
  @ApiParam({ name: 'token', description: 'TENCENTCLOUD_VOD_EVENT_TOKEN; any other value is 404.' })
  @ProviderEventBody(TENCENT_EVENT_EXAMPLE)
  @ApiOkResponse(RECEIPT)
  @ApiProblems(
    ...EVENT_PROBLEMS,
    receiverOff('/v1/events/tencent-vod/{token}', 'No such receiver: the token is wrong, or PUSH events are off.'),
  )
  tencentVod(@Param('token') token: string, @Body() body: Record<string, unknown>): Promise<EventReceiptDto> {
    return this.receivers.tencentVod(token, body);
  }
}
