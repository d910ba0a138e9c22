/**
 * The embedded target is written twice: targets/embedded.yaml (what a user reads and copies) and
 * targetDocument() in support/simulators (what the embedded run uses). Apart from the addresses, which only
 * exist once the simulators listen, they must say the same, so drift fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { startSimulators } from '../../support/simulators';

/** The document without baseUrls and the simulator block (ports and faults of one process). */
function withoutAddresses(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(doc);
  for (const leg of ['pds', 'sds', 'ssp']) delete (copy[leg] as Record<string, unknown> | undefined)?.baseUrl;
  delete copy.simulator;
  return copy;
}

test('targets/embedded.yaml says what the embedded simulators target document says', async () => {
  const file = parse(readFileSync(join(__dirname, '..', '..', 'targets', 'embedded.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const sims = await startSimulators();
  try {
    const [shipped, served] = [withoutAddresses(file), withoutAddresses(sims.targetDocument)];
    assert.ok(
      isDeepStrictEqual(shipped, served),
      `targets/embedded.yaml drifted from targetDocument():\n${JSON.stringify(shipped)}\n${JSON.stringify(served)}`,
    );
  } finally {
    await sims.stop();
  }
});
