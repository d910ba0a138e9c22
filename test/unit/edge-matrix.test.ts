/**
 * The Spine-edge matrix is complete (issue 16.1): every (rule, interaction) pair support/edge-matrix.ts calls for
 * has its row in features/spine-edge/06-edge-matrix.feature, under that rule's tag, and every matrix interaction
 * has a well-formed request to carry the probes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MATRIX_INTERACTIONS, matrixPairs, probeOn } from '../../support/edge-matrix';
import { EDGE_RULES, firstBreach } from '../../support/jwt/jwt-rules';
import { WELL_FORMED_INTERACTIONS } from '../../support/world/well-formed';

const FEATURE = join(__dirname, '..', '..', 'features/spine-edge/06-edge-matrix.feature');

/** The (rule, interaction) pairs the feature probes: each Examples row under the rule tag above it. */
function probedPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  let tag = '';
  for (const line of text.split('\n')) {
    const tagLine = /^\s*@([A-Z][A-Z0-9-]+)(\s+@[\w:-]+)*\s*$/.exec(line);
    if (tagLine) tag = tagLine[1];
    const cells = /^\s*\|(.*)\|\s*$/
      .exec(line)?.[1]
      .split('|')
      .map((c) => c.trim());
    if (!cells || cells.includes('interaction')) continue;
    const [rule, name] = cells.length === 2 ? cells : [tag, cells[0]];
    if (rule !== tag) throw new Error(`row for ${rule} sits under the tag @${tag}: ${line.trim()}`);
    pairs.add(`${rule} on ${name.replace(/^"|"$/g, '')}`);
  }
  return pairs;
}

describe('the Spine-edge matrix', () => {
  const probed = probedPairs(readFileSync(FEATURE, 'utf8'));
  const wanted = matrixPairs().map((p) => `${p.rule} on ${p.interaction}`);

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
    const text = readFileSync(FEATURE, 'utf8');
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
