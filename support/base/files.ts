/**
 * Files other processes wait for, and where the package itself sits. Imports nothing of the project's own,
 * so the simulators, the consumer recorder, the reports and the CLI can all use it.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The package root (cucumber.mjs, features, steps, support), whatever the current folder. */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');

/** Written whole, then renamed: whoever waits for (or reads) the file never sees half of it. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.partial`, text);
  await rename(`${file}.partial`, file);
}
