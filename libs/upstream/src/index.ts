export * from './upstream-budget';
export * from './upstream-call';
export * from './upstream-problems';
export * from './upstream.module';
