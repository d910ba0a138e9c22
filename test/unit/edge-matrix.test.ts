/**
 * The Spine-edge matrix is complete (issue 16.1): every (rule, interaction) pair support/edge-matrix.ts calls for
 * has its row in the rule's feature (06-edge-matrix.feature, or 08-format-matrix.feature for the format rules),
 * under that rule's tag, and every matrix interaction has a well-formed request to carry the probes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  EDGE_MATRIX_FEATURE,
  FORMAT_MATRIX_FEATURE,
  MATRIX_INTERACTIONS,
  matrixPairs,
  PRECEDENCE_TAG,
  probeOn,
} from '../../support/edge-matrix';
import { EDGE_RULES, firstBreach } from '../../support/jwt/jwt-rules';
import { WELL_FORMED_INTERACTIONS } from '../../support/world/well-formed';

const read = (feature: string) => readFileSync(join(__dirname, '..', '..', feature), 'utf8');
const FEATURE = EDGE_MATRIX_FEATURE;

/** A pair as text: `FMT-NEGOTIATE (format-precedence) on read patient in features/…`. */
const pairKey = (rule: string, name: string, feature: string, variant?: string) =>
  `${rule}${variant ? ` (${variant})` : ''} on ${name} in ${feature}`;

/**
 * The (rule, interaction) pairs a feature probes: each Examples row under the rule tags above it. A row
 * `| rule | interaction |` names its one rule, which must be among the tags; a row `| interaction |` probes
 * every rule tag (08-format-matrix.feature checks its four rules in one scenario). Steps' data tables are
 * not Examples rows.
 */
function probedPairs(feature: string): Set<string> {
  const pairs = new Set<string>();
  let tags: string[] = [];
  let variant: string | undefined;
  let inExamples = false;
  for (const line of read(feature).split('\n')) {
    if (/^\s*(@[\w:-]+\s*)+$/.test(line)) {
      tags = [...line.matchAll(/@([A-Z][A-Z0-9-]+)\b/g)].map((m) => m[1]);
      variant = line.includes(`@${PRECEDENCE_TAG}`) ? PRECEDENCE_TAG : undefined;
    }
    if (/^\s*(Scenario|Background)/.test(line)) inExamples = false;
    if (/^\s*Examples:/.test(line)) inExamples = true;
    const cells = /^\s*\|(.*)\|\s*$/
      .exec(line)?.[1]
      .split('|')
      .map((c) => c.trim());
    if (!inExamples || !cells || cells.includes('interaction')) continue;
    const [rules, name] = cells.length === 2 ? [[cells[0]], cells[1]] : [tags, cells[0]];
    for (const rule of rules) {
      if (!tags.includes(rule))
        throw new Error(`row for ${rule} sits under the tags @${tags.join(' @')}: ${line.trim()}`);
      pairs.add(pairKey(rule, name.replace(/^"|"$/g, ''), feature, variant));
    }
  }
  return pairs;
}

describe('the Spine-edge matrix', () => {
  const probed = new Set([...probedPairs(EDGE_MATRIX_FEATURE), ...probedPairs(FORMAT_MATRIX_FEATURE)]);
  const wanted = matrixPairs().map((p) => pairKey(p.rule, p.interaction, p.feature, p.variant));

  it('probes every rule on every interaction it applies to', () => {
    const missing = wanted.filter((p) => !probed.has(p));
    assert.deepEqual(missing, [], `no scenario probes: ${missing.join('; ')}`);
    console.log(`edge matrix: ${wanted.length} rule × interaction pairs, ${probed.size} probed`);
  });

  it('probes nothing the matrix does not call for', () => {
    const extra = [...probed].filter((p) => !wanted.includes(p));
    assert.deepEqual(extra, [], `rows the matrix does not call for: ${extra.join('; ')}`);
  });

  it('tags @needs-direct-provider exactly the rules whose probe goes straight to the provider', () => {
    const text = read(FEATURE);
    const tagged = [...text.matchAll(/^\s*@([A-Z][A-Z0-9-]+) @needs-direct-provider\s*$/gm)].map((m) => m[1]);
    const direct = EDGE_RULES.filter((r) => r.probe?.straightToProvider).map((r) => r.id);
    assert.deepEqual(tagged.sort(), direct.sort());
  });

  it('has a well-formed request for every matrix interaction', () => {
    const without = MATRIX_INTERACTIONS.map((i) => i.name).filter((n) => !WELL_FORMED_INTERACTIONS.includes(n));
    assert.deepEqual(without, [], 'matrix interactions with no well-formed request');
  });

  it('aims each probe at a header or claim that is wrong on its interaction', () => {
    // Ssp-InteractionID and scope name an interaction: the probe on that interaction must still break the rule.
    for (const rule of EDGE_RULES.filter((r) => ['JWT-SCOPE-MATCH', 'HDR-INTERACTION-MATCH'].includes(r.id)))
      for (const i of MATRIX_INTERACTIONS) {
        const probe = probeOn(rule, i);
        const headers = Object.fromEntries(
          Object.entries(probe.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? undefined]),
        );
        const sent = headers['ssp-interactionid'];
        const breach = firstBreach(
          {
            headers: { 'ssp-interactionid': i.interactionId, ...headers },
            interaction: sent === undefined || sent === i.interactionId ? i : undefined,
            candidates: [i],
            providerAsid: 'x',
            serviceRoot: 'r',
            nowSeconds: 0,
          },
          [rule],
        );
        if (rule.id === 'HDR-INTERACTION-MATCH') assert.ok(breach, `${rule.id} probe on ${i.name} breaks nothing`);
        else {
          const scope = probe.claims?.requested_scope;
          assert.notEqual(scope, i.scope, `${rule.id} probe on ${i.name} asks for the interaction's own scope`);
        }
      }
  });
});
