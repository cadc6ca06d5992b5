import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiError } from '@app/common';
import type { SandboxDto } from '../../providers';
import { CATALOG, PROVIDERS } from '../../providers';
import { SANDBOX_SERVICES } from '../sandbox.tokens';
import type { SandboxServices } from '../sandbox-services';
import { DemoAssets } from './demo-assets';
import { demoPolicy } from './demo-policy';
import { DemoTokenDto } from './demo-token.dto';

/**
 * GET /demo: a page that uploads a file with the providers' own browser SDKs into the sandbox's
 * stand-ins (each registered provider brings its SDKs and uploader script), and its two helpers (a
 * token for any user name, expiring credentials to show a refresh). Registered only in the sandbox,
 * so production has no such route at all.
 */
@ApiExcludeController()
@Controller('demo')
export class DemoController {
  private readonly assets = new DemoAssets(PROVIDERS, CATALOG);
  private readonly policy: string;

  constructor(@Inject(SANDBOX_SERVICES) private readonly sandbox: SandboxServices) {
    // Every region's emulator is a stand-in the page may reach.
    this.policy = demoPolicy([sandbox.endpoints, sandbox.regions?.endpoints]);
  }

  @Get()
  page(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return this.asset('index.html', reply);
  }

  @Get(':file')
  file(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return this.asset(file, reply);
  }

  @Get('sdk/:file')
  sdk(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return this.asset(`sdk/${file}`, reply);
  }

  @Post('api/token')
  @HttpCode(201)
  token(@Body() body: DemoTokenDto): { token: string; expiresIn: number; sandbox?: SandboxDto } {
    if (!this.sandbox.mintToken) {
      throw ApiError.notFound('This sandbox checks tokens of a configured issuer; sign in with one of its tokens instead.');
    }
    const minted = this.sandbox.mintToken(body.userName, body.region);
    // Where the SDKs reach the stand-ins of the user's region: its own emulator (the default one without a claim).
    const regions = this.sandbox.regions;
    const sandbox = regions && (body.region === undefined ? this.sandbox.endpoints : regions.endpoints[body.region]);
    return sandbox ? { ...minted, sandbox } : minted;
  }

  /** The region profiles the page's token picker offers (none without REGIONS). */
  @Get('api/regions')
  regions(): { regions: readonly string[] } {
    return { regions: this.sandbox.regions?.names ?? [] };
  }

  @Post('api/expire-credentials')
  @HttpCode(200)
  expireCredentials(): { expired: number } {
    return { expired: this.sandbox.expireCredentials?.() ?? 0 };
  }

  private async asset(name: string, reply: FastifyReply): Promise<Buffer> {
    const asset = await this.assets.get(name);
    if (!asset) throw ApiError.notFound(`The demo has no file ${name}.`);
    reply.header('content-type', asset.contentType).header('cache-control', 'no-cache').header('content-security-policy', this.policy);
    return asset.body;
  }
}
