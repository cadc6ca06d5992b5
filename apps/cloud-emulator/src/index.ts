export * from './core/faults';
export * from './core/provider';
export * from './emulator';
export * from './service-env';
