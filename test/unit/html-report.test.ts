/**
 * index.html and manifest.json without a browser: a hostile body is escaped, nothing is loaded from a URL,
 * a requirement links to its scenarios, a broken JWT claim is marked, and tampering is named file by file.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Exchange, ScenarioEvidence } from '../../support/evidence/types';
import { EXTERNAL_REFERENCE } from '../../support/reports/html-kit';
import { renderReport } from '../../support/reports/html-report';
import { judgeClaims } from '../../support/reports/jwt-claims';
import { isClean, verifyManifest, writeManifest } from '../../support/reports/manifest';
import { scenarioKey, type ReportModel } from '../../support/reports/report-model';
import { SummaryCollector } from '../../support/reports/summary';

const URI = 'features/worked-example/03-capability.feature';
const NOW = Date.parse('2026-11-23T12:00:00Z') / 1000;

function sspExchange(claims: Record<string, unknown>, body: string): Exchange {
  return {
    seq: 1,
    hop: 'ssp',
    interaction: 'read metadata',
    startedAt: new Date(NOW * 1000).toISOString(),
    durationMs: 3,
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:1/http://127.0.0.1:2/T99999/STU3/1/gpconnect/metadata',
      headers: { 'Ssp-To': '999999999999' },
    },
    response: { status: 200, headers: { 'content-type': 'application/fhir+json' }, body },
    jwt: { header: { alg: 'none', typ: 'JWT' }, claims },
  };
}

const GOOD_CLAIMS = {
  iss: 'https://consumer.example/',
  sub: '1',
  aud: 'http://127.0.0.1:2/T99999/STU3/1/gpconnect',
  iat: NOW,
  exp: NOW + 300,
  reason_for_request: 'directcare',
  requested_scope: 'organization/*.read',
};

function model(evidence: ScenarioEvidence): ReportModel {
  const collector = new SummaryCollector();
  collector.onMessage({
    pickle: {
      id: 'p1',
      uri: URI,
      name: evidence.scenario,
      location: { line: 7 },
      tags: evidence.tags.map((name) => ({ name })),
      steps: [],
    },
  });
  collector.onMessage({ testCase: { id: 'tc1', pickleId: 'p1', testSteps: [{ id: 's1', pickleStepId: 'x' }] } });
  collector.onMessage({
    testCaseStarted: { id: 'a1', testCaseId: 'tc1', attempt: 0, timestamp: { seconds: 1, nanos: 0 } },
  });
  collector.onMessage({
    testStepFinished: { testCaseStartedId: 'a1', testStepId: 's1', testStepResult: { status: 'PASSED' } },
  });
  collector.onMessage({
    testCaseFinished: { testCaseStartedId: 'a1', timestamp: { seconds: 2, nanos: 0 }, willBeRetried: false },
  });
  const summary = collector.summarise({
    target: 'embedded',
    faults: [],
    startedAt: '2026-11-23T12:00:00Z',
    durationMs: 1000,
  });
  return {
    summary,
    facts: { versions: { gpcAssure: '0.1.0', node: 'v20', cucumber: '12.9.0' } },
    planned: [
      { name: evidence.scenario, uri: URI, line: 7 },
      { name: 'never ran', uri: URI, line: 20 },
    ],
    evidence: new Map([[scenarioKey(URI, 7, evidence.scenario), evidence]]),
  };
}

const evidence = (body: string): ScenarioEvidence => ({
  scenario: 'The provider serves <b>metadata</b>',
  feature: 'Capability',
  tags: ['@hop:provider', '@WE-3a'],
  target: 'embedded',
  exchanges: [sspExchange(GOOD_CLAIMS, body)],
  journey: { serviceRoot: 'http://127.0.0.1:2/T99999/STU3/1/gpconnect', providerAsid: '999999999999' },
});

describe('index.html', () => {
  const html = renderReport(
    model(evidence('{"x":"</script><script>alert(1)</script><img src=https://evil.example/x>"}')),
  );

  it('escapes everything a service sent and every name', () => {
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /<b>metadata/);
    assert.match(html, /&lt;\/script&gt;/);
  });

  it('loads nothing from a URL', () => {
    assert.doesNotMatch(html, EXTERNAL_REFERENCE);
    assert.equal(html.match(/<script>/g)?.length, 1, 'only the inline filter script');
  });

  it('links a requirement to its scenario and lists uncovered ones and what never ran', () => {
    assert.match(html, /id="req-WE-3a"[\s\S]*?href="#sc-0"/);
    assert.match(html, /No scenario covers: WE-1a/);
    assert.match(html, /never ran[\s\S]*?not-run/);
    assert.match(html, /<svg class="sequence"/);
  });
});

describe('JWT claims judged by EDGE_RULES', () => {
  it('passes well-formed claims and marks the rule a wrong claim breaks', () => {
    const journey = evidence('{}').journey;
    const good = judgeClaims(sspExchange(GOOD_CLAIMS, '{}'), journey)!;
    assert.ok(good.find((r) => r.claim === 'reason_for_request')!.verdicts.every((v) => !v.problem));
    const bad = judgeClaims(
      sspExchange({ ...GOOD_CLAIMS, reason_for_request: 'secondaryuses', exp: NOW + 301 }, '{}'),
      journey,
    )!;
    const failed = bad
      .filter((r) => r.claim in GOOD_CLAIMS)
      .flatMap((r) => r.verdicts.filter((v) => v.problem).map((v) => `${r.claim}:${v.id}`));
    assert.deepEqual([...new Set(failed)].sort(), [
      'exp:JWT-LIFETIME',
      'iat:JWT-LIFETIME',
      'reason_for_request:JWT-REASON-VALUE',
    ]);
    assert.ok(
      bad.find((r) => r.claim === 'requesting_device')!.verdicts.some((v) => v.id === 'JWT-DEVICE' && v.problem),
      'an absent claim is a row too',
    );
  });
});

describe('manifest.json', () => {
  it('is clean as written and names each file added, removed or changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpc-manifest-'));
    try {
      for (const f of ['summary.json', 'junit.xml', 'index.html']) writeFileSync(join(dir, f), f);
      const manifest = writeManifest(dir);
      assert.ok(isClean(verifyManifest(dir, manifest)));
      writeFileSync(join(dir, 'summary.json'), 'edited');
      unlinkSync(join(dir, 'junit.xml'));
      writeFileSync(join(dir, 'extra.json'), '{}');
      assert.deepEqual(verifyManifest(dir, manifest), {
        added: ['extra.json'],
        removed: ['junit.xml'],
        changed: ['summary.json'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
