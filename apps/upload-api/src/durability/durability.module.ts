import { Module } from '@nestjs/common';
import { DurabilityReport } from './durability-report';

/** The start-up report of what Redis keeps and whether it survives a restart. */
@Module({ providers: [DurabilityReport] })
export class DurabilityModule {}
