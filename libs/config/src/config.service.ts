import { Injectable } from '@nestjs/common';
import type { AppConfig } from './config.types';

/** The validated configuration, read once at boot. Inject this instead of reading process.env. */
@Injectable()
export class ConfigService {
  constructor(private readonly config: AppConfig) {}

  get values(): AppConfig {
    return this.config;
  }

  get http() {
    return this.config.http;
  }

  get auth() {
    return this.config.auth;
  }

  get store() {
    return this.config.store;
  }

  get uploads() {
    return this.config.uploads;
  }

  get protection() {
    return this.config.protection;
  }

  get aliyun() {
    return this.config.aliyun;
  }

  get tencent() {
    return this.config.tencent;
  }

  get isProduction(): boolean {
    return this.config.isProduction;
  }
}
