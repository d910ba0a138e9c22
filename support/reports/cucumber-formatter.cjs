// Cucumber loads a formatter with import(), which cannot read TypeScript: this entry loads the plugin
// through tsx's require hook. The hook is the one Cucumber's `requireModule: tsx/cjs` (and bin/) already
// registered, required again at no cost, so the plugin shares the support code's modules rather than
// compiling its own copies.
'use strict';
require('tsx/cjs');

module.exports = require('./cucumber-formatter.ts');
