/**
 * Consumer mode with a declared cache: a consumer that reuses a PDS trace or SDS details it holds (the worked
 * example's steps 1 and 2 are optional when cached) passes within the window its target file declares, and
 * is still caught calling GP Connect for a patient never traced or on a trace or root older than the window.
 * A consumer that skips a lookup is its recording without that lookup's requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consumerCacheOf, type ConsumerCache } from '../../support/consumer/cache';
import { emptySeen, learn } from '../../support/consumer/context';
import { brokenRuleIds, judgeRecording } from '../../support/consumer/judge';
import type { Recording } from '../../support/consumer/recording';
import { runReferenceConsumer } from '../../support/consumer/reference-consumer';
import { ConfigError } from '../../support/config/config-error';
import { recordSession } from './consumer-session';

const HOUR = 3600;
const before = (r: Recording, seconds: number) => new Date(Date.parse(r.requests[0].at) - seconds * 1000).toISOString();
const without = (r: Recording, ...services: string[]): Recording => ({
  ...r,
  requests: r.requests.filter((q) => !services.includes(q.service)),
});

/** What the reference consumer learned on PDS and SDS, declared as held `age` seconds before the recording. */
function cacheOf(r: Recording, age: number, window = 24 * HOUR): ConsumerCache {
  const seen = emptySeen();
  for (const q of r.requests) if (q.service !== 'ssp') learn(seen, q);
  return {
    traceWindowSeconds: window,
    sdsWindowSeconds: window,
    traced: [...seen.traced.keys()].map((nhsNumber) => ({ nhsNumber, at: before(r, age) })),
    endpoints: [...seen.roots].map(([address, capability]) => ({ address, capability, at: before(r, age) })),
  };
}

test('a consumer with a cached trace and cached SDS details passes within its window and is caught outside it', async () => {
  const { recording, outcome } = await recordSession((target) => runReferenceConsumer(target, {}));
  assert.equal(outcome, undefined);
  assert.ok(recording.requests.some((q) => q.service === 'pds') && recording.requests.some((q) => q.service === 'sds'));
  const fresh = cacheOf(recording, HOUR);
  const rows: { consumer: string; recording: Recording; cache?: ConsumerCache; breaks: string[] }[] = [
    { consumer: 'traces and looks up, no cache declared', recording, breaks: [] },
    { consumer: 'cached trace an hour old', recording: without(recording, 'pds'), cache: fresh, breaks: [] },
    {
      consumer: 'cached trace and SDS details an hour old',
      recording: without(recording, 'pds', 'sds'),
      cache: fresh,
      breaks: [],
    },
    { consumer: 'no trace and no cache', recording: without(recording, 'pds'), breaks: ['CON-PDS-FIRST'] },
    {
      consumer: 'cached trace for another patient only',
      recording: without(recording, 'pds'),
      cache: { ...fresh, traced: [{ nhsNumber: '9000000009', at: before(recording, HOUR) }] },
      breaks: ['CON-PDS-FIRST'],
    },
    {
      consumer: 'cached trace two days old, window one day',
      recording: without(recording, 'pds'),
      cache: cacheOf(recording, 48 * HOUR),
      breaks: ['CON-PDS-FIRST'],
    },
    {
      consumer: 'cached SDS details two days old, window one day',
      recording: without(recording, 'sds'),
      cache: { ...cacheOf(recording, 48 * HOUR), traced: [] },
      breaks: ['CON-URL-ROOT'],
    },
  ];
  for (const row of rows)
    assert.deepEqual(
      brokenRuleIds(judgeRecording(row.recording, undefined, row.cache)).sort(),
      row.breaks,
      row.consumer,
    );
});

test('a wrong cache section is a configuration error naming the key', () => {
  const wrong: [unknown, RegExp][] = [
    [{}, /cache: missing/],
    [{ cache: { traceWindowSeconds: -1, sdsWindowSeconds: 0 } }, /traceWindowSeconds/],
    [
      { cache: { traceWindowSeconds: 1, sdsWindowSeconds: 1, traced: [{ nhsNumber: '1', at: 'soon' }] } },
      /traced\[0\]\.at/,
    ],
    [
      {
        cache: {
          traceWindowSeconds: 1,
          sdsWindowSeconds: 1,
          endpoints: [{ address: 'x', capability: 'x', at: '2026-01-01' }],
        },
      },
      /capability/,
    ],
  ];
  for (const [doc, message] of wrong)
    assert.throws(
      () => consumerCacheOf(doc, 'c.yaml'),
      (err: Error) => err instanceof ConfigError && message.test(err.message),
    );
});
