/**
 * The provider-suite map (support/domain/provider-suite-map.ts) kept true: every requirement ID it names is in
 * the catalogue, every group short of Y says why, and every Appointments and Foundations group of NHS's mapped
 * suite (../shared/pt/provider-suite-groups.tsv) appears in it. The last check skips, saying why, when ../shared
 * is absent: the product runs without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isRequirementId } from '../../support/domain/catalogue';
import { PROVIDER_SUITE_GROUPS } from '../../support/domain/provider-suite-map';
import { coveragePtMarkdown } from '../../support/reports/coverage-pt';

const SUITE_MAP = join(__dirname, '..', '..', '..', 'shared', 'pt', 'provider-suite-groups.tsv');
const key = (capability: string, feature: string, group: string) => `${capability} / ${feature} / ${group}`;

describe('provider-suite map', () => {
  it('names only requirement IDs that exist in the catalogue', () => {
    const unknown = PROVIDER_SUITE_GROUPS.flatMap((g) => g.covers.filter((id) => !isRequirementId(id)));
    assert.deepEqual(unknown, []);
  });

  it('gives a reason for every group short of Y, and IDs for every Y group', () => {
    assert.deepEqual(
      PROVIDER_SUITE_GROUPS.filter((g) => (g.coverage === 'Y' ? g.covers.length === 0 : !g.reason)).map((g) =>
        key(g.capability, g.feature, g.group),
      ),
      [],
    );
  });

  it('lists each group once', () => {
    const keys = PROVIDER_SUITE_GROUPS.map((g) => key(g.capability, g.feature, g.group));
    assert.deepEqual(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      [],
    );
  });

  it('carries every Appointments and Foundations group of the mapped suite (../shared/pt)', (t) => {
    if (!existsSync(SUITE_MAP)) {
      console.log(`provider-suite-map.test: skipping the suite comparison: ${SUITE_MAP} is absent`);
      t.skip(`../shared/pt/provider-suite-groups.tsv is absent (${SUITE_MAP}); the map cannot be compared`);
      return;
    }
    const suiteKeys = readFileSync(SUITE_MAP, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter(([capability]) => capability === 'Appointments' || capability === 'Foundations')
      .map(([capability = '', feature = '', group = '']) => key(capability, feature, group));
    const ours = new Set(PROVIDER_SUITE_GROUPS.map((g) => key(g.capability, g.feature, g.group)));
    assert.deepEqual(
      suiteKeys.filter((k) => !ours.has(k)),
      [],
    );
  });

  it('prints every group in the generated table', () => {
    const markdown = coveragePtMarkdown();
    for (const g of PROVIDER_SUITE_GROUPS)
      assert.ok(markdown.includes(`| ${g.group.replace(/\|/g, '\\|')} |`), g.group);
  });
});
