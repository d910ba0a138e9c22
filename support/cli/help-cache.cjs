// `gpc-assure --help` (and bare `gpc-assure`) without tsx or any command's modules: the overview lists every
// command's usage, so printing it loads them all (~780 modules, seconds on a loaded machine). main.ts keeps
// the text it printed here, keyed by the size and mtime of every file under support/ and package.json, and
// bin/gpc-assure.cjs prints it from here when the key still matches; any edit makes the key miss and the
// next --help builds the text again. Plain JavaScript, so bin/ can read it before tsx is registered.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

/** A hash of the path, size and mtime of every file the help text can come from. */
function sourceKey() {
  const hash = createHash('sha1');
  const add = (file) => {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  };
  add(join(ROOT, 'package.json'));
  for (const entry of readdirSync(join(ROOT, 'support'), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) add(join(entry.parentPath ?? entry.path, entry.name));
  return hash.digest('hex').slice(0, 16);
}

const cacheFile = () => join(ROOT, 'node_modules', '.cache', 'gpc-assure', `help-${sourceKey()}.txt`);

/** The overview printed last time, if no source file changed since; undefined otherwise. */
function cachedHelp() {
  try {
    return readFileSync(cacheFile(), 'utf8');
  } catch {
    return undefined;
  }
}

/** Keeps the overview for the next --help; a read-only install just builds it each time. */
function storeHelp(text) {
  try {
    const file = cacheFile();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  } catch {
    // Nothing to keep it in: --help stays correct, only slower.
  }
}

module.exports = { cachedHelp, storeHelp };
