// TEMPORARY stand-in until the store branch lands.
import { Global, Module, type DynamicModule } from '@nestjs/common';
export abstract class Store {
  abstract readonly kind: 'memory' | 'redis';
  abstract ping(): Promise<void>;
}
class MemoryStore extends Store {
  readonly kind = 'memory' as const;
  async ping(): Promise<void> {}
}
@Global()
@Module({})
export class StoreModule {
  static forRoot(): DynamicModule {
    return { module: StoreModule, providers: [{ provide: Store, useValue: new MemoryStore() }], exports: [Store] };
  }
}
