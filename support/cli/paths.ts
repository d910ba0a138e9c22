/**
 * Where things are. The harness's own files (cucumber.mjs, features, steps, support) are found from the
 * package root, so the CLI works from any folder; paths a user types are taken from the current folder.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../base/files';
import { UsageError } from './usage';

export { PACKAGE_ROOT };
/** Relative on purpose: Cucumber joins it to its cwd, which the CLI sets to PACKAGE_ROOT. */
export const CUCUMBER_CONFIG = 'cucumber.mjs';

export function fromCwd(path: string): string {
  return resolve(process.cwd(), path);
}

/** The shipped target profiles (`--target NAME`): targets/<name>.yaml in the package. */
export const TARGETS_DIR = join(PACKAGE_ROOT, 'targets');
/** `embedded` is no file to load: it means the embedded run, simulators started on ephemeral ports. */
export const EMBEDDED_TARGET = 'embedded';
/** A template is copied and filled in, never run as it stands. */
const isProfile = (file: string) => file.endsWith('.yaml') && !file.endsWith('-template.yaml');

export function shippedTargetNames(): string[] {
  const names = existsSync(TARGETS_DIR)
    ? readdirSync(TARGETS_DIR)
        .filter(isProfile)
        .map((f) => f.slice(0, -'.yaml'.length))
    : [];
  return [...new Set([EMBEDDED_TARGET, ...names])].sort();
}

/**
 * `--target VALUE`: a NAME when it has no folder and no extension (`nhs-sandbox`), else a FILE taken from the
 * current folder. Returns undefined for the embedded run, else the target file's path.
 */
export function resolveTarget(value: string): string | undefined {
  if (/[\\/]/.test(value) || extname(value) !== '') return fromCwd(value);
  const known = shippedTargetNames();
  if (!known.includes(value))
    throw new UsageError(
      `unknown target "${value}": the shipped profiles are ${known.join(', ')} (a file needs a path or a .yaml extension)`,
    );
  return value === EMBEDDED_TARGET ? undefined : join(TARGETS_DIR, `${value}.yaml`);
}

/** Files a run leaves in its reports folder; one of them shows that a folder is ours to delete. */
const REPORT_MARKERS = [
  'summary.json',
  'messages.ndjson',
  'cucumber.html',
  'junit.xml',
  'evidence',
  'consumer.json',
  'consumer-recording.json',
  'consumer-recording.ndjson',
  // The browser tests' screenshots (test/browser/): a reports folder holding them is ours too.
  'screenshots',
];

/**
 * Empties the reports folder so nothing from an earlier run can be mistaken for this run's evidence.
 * A folder that holds anything but reports (a typo like `--reports .` or `--reports features`) is refused,
 * never deleted.
 */
export function resetReportsDir(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.some((e) => REPORT_MARKERS.includes(e))) {
      throw new UsageError(`--reports ${dir} is not empty and holds no earlier reports; refusing to delete it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}
