/**
 * Where things are. The harness's own files (cucumber.mjs, features, steps, support) are found from the
 * package root, so the CLI works from any folder; paths a user types are taken from the current folder.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './usage';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
/** Relative on purpose: Cucumber joins it to its cwd, which the CLI sets to PACKAGE_ROOT. */
export const CUCUMBER_CONFIG = 'cucumber.mjs';

export function fromCwd(path: string): string {
  return resolve(process.cwd(), path);
}

/** Files a run leaves in its reports folder; one of them shows that a folder is ours to delete. */
const REPORT_MARKERS = ['summary.json', 'messages.ndjson', 'cucumber.html', 'junit.xml', 'evidence'];

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
