// Allure's own FileSystemWriter writes each result through a temp file, fsync and rename: ~1,400 files a run
// and about a quarter of a whole run's CPU, to survive a power cut mid-run. A run's reports are rebuilt by
// running again, so this writer writes each result, container and attachment once, unsynced; the rare
// files (environment, categories, globals) still go through Allure's writer. cucumber.mjs hands it to
// allure-cucumberjs as its `writer` option. Plain JavaScript: cucumber.mjs is loaded before tsx is.
'use strict';
const { copyFileSync, writeFileSync } = require('node:fs');
const { FileSystemWriter } = require('allure-js-commons/sdk/reporter');

class UnsyncedAllureWriter extends FileSystemWriter {
  writeResult(result) {
    writeFileSync(this.buildPath(`${result.uuid}-result.json`), JSON.stringify(result));
  }
  writeGroup(result) {
    writeFileSync(this.buildPath(`${result.uuid}-container.json`), JSON.stringify(result));
  }
  writeAttachment(distFileName, content) {
    writeFileSync(this.buildPath(distFileName), content);
  }
  writeAttachmentFromPath(distFileName, from) {
    copyFileSync(from, this.buildPath(distFileName));
  }
}

module.exports = { UnsyncedAllureWriter };
