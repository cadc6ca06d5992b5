import { Matches } from 'class-validator';

export class DemoTokenDto {
  /** Any name: the sandbox signs a token whose subject it is. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, { message: 'userName must be 1 to 64 letters, digits, ".", "_", "@" or "-"' })
  userName: string;
}
