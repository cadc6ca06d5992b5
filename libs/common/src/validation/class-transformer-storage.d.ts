// class-transformer keeps its decorators' metadata here; the package has no exports map and types only its index.
declare module 'class-transformer/cjs/storage' {
  interface ClassTransformerMetadata {
    findTypeMetadata(target: abstract new (...args: never[]) => unknown, propertyName: string): unknown;
    findTransformMetadatas(target: abstract new (...args: never[]) => unknown, propertyName: string, transformationType: number): unknown[];
    getExposedMetadatas(target: abstract new (...args: never[]) => unknown): unknown[];
    getExcludedMetadatas(target: abstract new (...args: never[]) => unknown): unknown[];
  }
  export const defaultMetadataStorage: ClassTransformerMetadata;
}
