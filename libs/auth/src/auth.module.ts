import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [TokenVerifier, AuthGuard],
  exports: [TokenVerifier, AuthGuard],
})
export class AuthModule {}
