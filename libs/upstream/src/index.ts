export * from './upstream-budget';
export * from './upstream-call';
export * from './upstream.module';
