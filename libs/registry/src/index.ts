// What the platform knows of the providers: the shape of their catalogs and the merged catalog.
// Imports nothing, so every library can read it; the providers (libs/providers) fill it in.
export * from './catalog';
export * from './catalog.types';
export * from './records';
export * from './webhook-events';
