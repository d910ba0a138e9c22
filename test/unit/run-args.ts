/** The command line the CLI and secrets tests run: a quiet `gpc-assure run` over tagged worked-example scenarios. */
import { join } from 'node:path';

const WORKED_EXAMPLE = join(__dirname, '..', '..', 'features', 'worked-example');

export const workedExampleRun = (target: string, reports: string, tags: string): string[] => [
  'run',
  '--target',
  target,
  '--reports',
  reports,
  '--quiet',
  '--tags',
  tags,
  WORKED_EXAMPLE,
];
