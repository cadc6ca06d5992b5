export * from './text-rules';
export * from './validators';
