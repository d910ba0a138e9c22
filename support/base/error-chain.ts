/**
 * The lowest layer: helpers every other folder may import, importing nothing of the project's own.
 */

/** An error and its causes, first lines only: "config file failed to load: Cannot find module …". */
export function errorChain(err: unknown): string {
  const parts: string[] = [];
  for (let e = err; e !== undefined && parts.length < 3; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  return parts.join(': ');
}
