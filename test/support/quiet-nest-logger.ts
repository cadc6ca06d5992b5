import { Logger } from '@nestjs/common';

// Code under test that logs through Nest's static Logger (no app, so no pino) would print to the
// console between test results. An app built by createApp installs its own logger over this.
Logger.overrideLogger(false);
