/**
 * A problem in a configuration file, naming the key: the CLI turns it into one line and exit code 2.
 * Dependency-free on purpose: support/cli/main.ts imports it on every command, help included.
 */
export class ConfigError extends Error {
  readonly hop = 'config';
  constructor(
    readonly key: string,
    readonly problem: string,
    readonly source: string,
  ) {
    super(`config: ${source}: ${key || '(root)'}: ${problem}`);
    this.name = 'ConfigError';
  }
}
