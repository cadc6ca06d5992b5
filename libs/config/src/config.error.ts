export interface ConfigIssue {
  /** The environment variable at fault. */
  variable: string;
  /** The rule it breaks. Never the value. */
  rule: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  - ${issue.variable}: ${issue.rule}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
