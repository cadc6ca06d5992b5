import { Body, Controller, Logger, Module, Post } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

const SECRET = 'sk-live-THIS-MUST-NEVER-BE-LOGGED-42';

class EchoDto {
  @IsString() @IsOptional() accessKeySecret?: string;
  @IsString() @IsOptional() name?: string;
}

/** A handler that logs carelessly, as a future change might. */
@Controller('test-logging')
class CarelessController {
  private readonly logger = new Logger('Careless');

  @Post()
  echo(@Body() body: EchoDto): { ok: true } {
    this.logger.warn({ body, credentials: { token: SECRET }, nested: [{ apiKey: SECRET }] });
    return { ok: true };
  }
}

@Module({ controllers: [CarelessController] })
class CarelessModule {}

describe('Logging', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ imports: [CarelessModule], env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(() => sut.close());

  it('writes one JSON line per request with method, route, status, latency, request id and user id', async () => {
    await fetch(`${sut.url}/v1/me`, { headers: { ...sut.bearer('alice'), 'x-request-id': 'log-test-0001' } });
    const line = sut.logs.entries().find((entry) => entry.requestId === 'log-test-0001' && entry.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', route: '/v1/me', status: 200, userId: 'alice', latencyMs: expect.any(Number) });
  });

  it('never writes a secret that arrived in headers, cookies or fields named like secrets', async () => {
    const bearer = sut.bearer('alice');
    await fetch(`${sut.url}/test-logging`, {
      method: 'POST',
      headers: { ...bearer, cookie: `session=${SECRET}`, 'x-api-key': SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeySecret: SECRET, name: 'visible-name' }),
    });
    await fetch(`${sut.url}/v1/me`, { headers: { authorization: `Bearer ${SECRET}.x.y` } });

    const text = sut.logs.text;
    expect(text).toContain('visible-name'); // the careless line was written...
    expect(text).not.toContain(SECRET); // ...without any secret in it
    expect(text).not.toContain(bearer.authorization.slice('Bearer '.length));
    expect(text).not.toContain(TEST_JWT_SECRET);
  });
});
