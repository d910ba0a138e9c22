// Cucumber loads a formatter with import(), which cannot read TypeScript: this entry loads the plugin
// through tsx (scoped to this one require, so it does not depend on how the process was started).
'use strict';
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./cucumber-formatter.ts', __filename);
