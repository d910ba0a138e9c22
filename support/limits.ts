/**
 * Limits on what the runner reads from disk: a file reference may point at /dev/zero, a FIFO or a 50 MB
 * file, and a payload may nest 10,000 levels deep. Each is refused with a one-line reason before it is read
 * whole or walked recursively, so the caller can exit 2 instead of running out of memory or stack.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Secrets and key material: a PEM chain or a PFX is a few kilobytes. */
export const MAX_REFERENCE_BYTES = 256 * 1024;
/** A target file is a page of YAML. */
export const MAX_TARGET_BYTES = 1024 * 1024;
/** A topology estate: a registry of many practices, still a few hundred KB. */
export const MAX_ESTATE_BYTES = 8 * 1024 * 1024;
/** A reports folder's manifest: one line per file. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** A saved payload: the runner's own cap on a response body (support/spine/http.ts), with room to spare. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
/** FHIR resources nest a dozen levels at most; far deeper is hostile and would exhaust a recursive walk. */
export const MAX_JSON_DEPTH = 64;

export class InputLimitError extends Error {}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;

/**
 * Reads a regular file of at most `limit` bytes. Devices, FIFOs and folders are refused by type (they can be
 * endless or block), and the read itself stops at limit + 1 bytes in case the file grew after the check.
 */
export function readBoundedFile(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputLimitError('is not a regular file (a device, FIFO or folder)');
    if (stat.size > limit) throw new InputLimitError(`is ${size(stat.size)}, over the ${size(limit)} limit`);
    const buffer = Buffer.alloc(limit + 1);
    let read = 0;
    for (let n = 1; n > 0 && read <= limit; read += n) n = readSync(fd, buffer, read, buffer.length - read, null);
    if (read > limit) throw new InputLimitError(`grew over the ${size(limit)} limit while being read`);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** How deep a parsed JSON value nests, counted without recursion and stopping once past `limit`. */
export function jsonDepthOver(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
