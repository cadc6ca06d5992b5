import { BadRequestException, HttpException, InternalServerErrorException } from '@nestjs/common';
import { ApiError } from './api-error';
import { toProblem } from './to-problem';

describe(toProblem.name, () => {
  it('keeps an ApiError as raised, with Retry-After in whole seconds', () => {
    const { problem, headers, unexpected } = toProblem(
      new ApiError(503, 'UPSTREAM_BUSY', 'Busy.', { retryAfterSeconds: 0.2, upstreamRequestId: 'up-1' }),
      'req-1',
    );
    expect(problem).toEqual({
      type: 'urn:upload-bff:problem:upstream-busy',
      title: 'The cloud provider budget is exhausted',
      status: 503,
      detail: 'Busy.',
      code: 'UPSTREAM_BUSY',
      requestId: 'req-1',
      upstreamRequestId: 'up-1',
    });
    expect(headers['retry-after']).toBe('1');
    expect(unexpected).toBe(false);
  });

  it('unwraps the Fastify error Nest wrapped, keeping its precise code', () => {
    const fastifyError = Object.assign(new Error('Body is not valid JSON'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
    const wrapped = new HttpException('Body is not valid JSON', 400, { cause: fastifyError });
    expect(toProblem(wrapped, 'r').problem.code).toBe('MALFORMED_JSON');
  });

  it('passes framework 4xx messages but never 5xx text', () => {
    expect(toProblem(new BadRequestException('Bad thing'), 'r').problem.detail).toBe('Bad thing');
    const { problem, unexpected } = toProblem(new InternalServerErrorException('db password is hunter2'), 'r');
    expect(problem.detail).not.toContain('hunter2');
    expect(unexpected).toBe(true);
  });

  it('answers anything else with a generic 500 that carries no internal detail', () => {
    const { problem, unexpected } = toProblem(new TypeError("Cannot read properties of undefined (reading 'secret')"), 'r');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('secret');
    expect(unexpected).toBe(true);
  });
});
