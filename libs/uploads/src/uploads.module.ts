import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ProviderEvents } from './events/provider-events';
import type { ProviderDefinition } from './providers/provider-definition';
import { UploadListing } from './records/upload-listing';
import { UploadRecords } from './records/upload-records';
import { UploadRecordsRepository } from './records/upload-records.repository';
import { MediaVerifiers } from './verification/media-verifiers';
import { UploadCompletions } from './verification/upload-completions';
import { VerificationJobs } from './verification/verification-jobs';

/**
 * The upload lifecycle every provider writes to: the records, the application of provider events,
 * and their verification with the registered providers' verifiers.
 */
@Global()
@Module({})
export class UploadsModule {
  static forProviders(providers: readonly ProviderDefinition[]): DynamicModule {
    const verifierTypes = providers.flatMap((provider) => (provider.verifier ? [provider.verifier] : []));
    return {
      module: UploadsModule,
      providers: [
        UploadRecords,
        UploadListing,
        UploadRecordsRepository,
        ProviderEvents,
        UploadCompletions,
        {
          provide: MediaVerifiers,
          useFactory: (modules: ModuleRef) => MediaVerifiers.fromModules(modules, verifierTypes),
          inject: [ModuleRef],
        },
        VerificationJobs,
      ],
      exports: [UploadRecords, UploadListing, ProviderEvents, UploadCompletions],
    };
  }
}
