#!/usr/bin/env node
'use strict';
// The gpc-assure command. tsx runs the TypeScript sources as they are, so there is no build step;
// everything is found from this file's folder, so `npx gpc-assure` and `node bin/gpc-assure.cjs` behave
// the same from any working directory.
const { join } = require('node:path');

/** Exits once stdout and stderr have drained: a pipe may still hold output, and support code may leave a
 * socket open that must not keep a finished run alive. */
function exitAfterOutput(code) {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

const args = process.argv.slice(2);
// The overview needs no TypeScript when it was printed before and no source changed (support/cli/help-cache.cjs).
const asksForOverview = args.length === 0 || (args.length === 1 && ['--help', '-h', 'help'].includes(args[0]));
const overview = asksForOverview
  ? require(join(__dirname, '..', 'support', 'cli', 'help-cache.cjs')).cachedHelp()
  : undefined;
if (overview !== undefined) {
  process.stdout.write(overview);
  // Bare `gpc-assure` is a usage mistake that prints the help, as main() says.
  exitAfterOutput(args.length === 0 ? 2 : 0);
} else {
  require('tsx/cjs');
  const { main } = require(join(__dirname, '..', 'support', 'cli', 'main.ts'));
  main(args).then(exitAfterOutput, (err) => {
    process.stderr.write(`gpc-assure: ${err && err.message ? err.message.split('\n')[0] : String(err)}\n`);
    exitAfterOutput(1);
  });
}
