export * from './auth.guard';
export * from './auth.module';
export * from './authenticated.decorator';
export * from './current-user.decorator';
export * from './permissions';
export * from './principal';
export * from './token-verifier';
export * from './dev-token';
