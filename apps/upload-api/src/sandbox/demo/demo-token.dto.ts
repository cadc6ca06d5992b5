import { IsOptional, Matches } from 'class-validator';

export class DemoTokenDto {
  /** Any name: the sandbox signs a token whose subject it is. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, { message: 'userName must be 1 to 64 letters, digits, ".", "_", "@" or "-"' })
  userName: string;

  /** The region claim the token carries (with REGIONS); any name, as a token could: one of no profile shows the 403. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/, { message: 'region must be 1 to 32 lower-case letters, digits or "-"' })
  region?: string;
}
