/**
 * `npm run bench`: gpc-assure's validator against FHIR.js (STU3 definitions) on the same inputs — a
 * 200-entry slot searchset built here, a 500-entry structured record (the embedded provider's, its clinical
 * resources repeated under new ids), one Patient, one Appointment — then the cold start to the first
 * validation and the heap that takes, each measured in a fresh process. Merges its figures into
 * reports/bench.json by name, leaving other entries alone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateExchangeBody } from '../support/fhir/validator';
import { benchEntry, mergeBenchEntries, type BenchEntry } from '../support/reports/bench-file';
import { validRecord } from './ars-corpus';
import { loadFhirJsStu3 } from './compare-fhirjs';

const ROOT = resolve(__dirname, '..');
const VALID = join(ROOT, 'test', 'fixtures', 'valid');
const PEER = 'FHIR.js 4.12.0 + STU3 3.0.1 definitions';

type Resource = Record<string, unknown>;

const fixture = (name: string): Resource =>
  (JSON.parse(readFileSync(join(VALID, `${name}.json`), 'utf8')) as { resource: Resource }).resource;

/** 180 Slots over 8 Schedules, 5 Locations, 6 Practitioners and one Organization: 200 entries. */
function slotSearchset(): Resource {
  const templates = {
    Slot: fixture('slot'),
    Schedule: fixture('schedule'),
    Location: fixture('location'),
    Practitioner: fixture('practitioner'),
    Organization: fixture('organization'),
  };
  const counts: Array<[keyof typeof templates, number]> = [
    ['Slot', 180],
    ['Schedule', 8],
    ['Location', 5],
    ['Practitioner', 6],
    ['Organization', 1],
  ];
  const entry = counts.flatMap(([type, count]) =>
    Array.from({ length: count }, (_, i) => {
      const resource: Resource = { ...structuredClone(templates[type]), id: `${i + 1}` };
      if (type === 'Slot') resource.schedule = { reference: `Schedule/${(i % 8) + 1}` };
      if (type === 'Schedule')
        resource.actor = [{ reference: `Location/${(i % 5) + 1}` }, { reference: `Practitioner/${(i % 6) + 1}` }];
      if (type === 'Location') resource.managingOrganization = { reference: 'Organization/1' };
      return { fullUrl: `https://provider.example.nhs.uk/T99999/STU3/1/gpconnect/${type}/${i + 1}`, resource };
    }),
  );
  return { resourceType: 'Bundle', type: 'searchset', entry };
}

const STRUCTURED_ENTRIES = 500;

/** The whole structured record, its clinical resources copied under new ids (references kept inside each copy). */
function structuredRecord(): Resource {
  const record = validRecord();
  const entries = record.entry as { resource: Resource }[];
  const fixed = new Set(['Patient', 'Organization', 'Practitioner', 'PractitionerRole', 'List']);
  const clinical = entries.filter((e) => !fixed.has(e.resource.resourceType as string));
  const ids = clinical.map((e) => e.resource.id as string);
  const copy = (e: { resource: Resource }, n: number) => {
    let text = JSON.stringify(e);
    for (const id of ids)
      text = text.replaceAll(`/${id}"`, `/${id}-${n}"`).replaceAll(`"id":"${id}"`, `"id":"${id}-${n}"`);
    return JSON.parse(text) as { resource: Resource };
  };
  const out = [...entries];
  // Whole copies while they fit, then single immunisations (which reference only Patient and Practitioner).
  for (let n = 1; out.length + clinical.length <= STRUCTURED_ENTRIES; n++) out.push(...clinical.map((e) => copy(e, n)));
  const immunisation = clinical.find((e) => e.resource.resourceType === 'Immunization')!;
  for (let n = 1; out.length < STRUCTURED_ENTRIES; n++) out.push(copy(immunisation, 1000 + n));
  return { ...record, entry: out };
}

function median(run: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(20, iterations); i++) run(); // warm the JIT and the lazy artefacts
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Runs `code` in a fresh Node process: milliseconds from before loading the validator to the first result, and heap. */
function coldStart(code: string): { ms: number; heapMb: number } {
  const script = `const t0 = performance.now(); ${code}; const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, heapMb: process.memoryUsage().heapUsed / 1048576 }));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

const entry = (name: string, unit: string, value: number, peerValue: number): BenchEntry =>
  benchEntry(name, unit, value, PEER, peerValue);

function main(): void {
  const fhirJs = loadFhirJsStu3();
  const inputs: Array<[string, Resource, string | undefined, number]> = [
    ['validation.slot-searchset-200.median', slotSearchset(), 'search free slots', 50],
    [`validation.structured-record-${STRUCTURED_ENTRIES}.median`, structuredRecord(), 'get structured record', 20],
    ['validation.patient.median', fixture('patient'), 'read patient', 2000],
    ['validation.appointment.median', fixture('appointment'), 'read appointment', 2000],
  ];
  const entries: BenchEntry[] = [];
  for (const [name, resource, interaction, iterations] of inputs) {
    const ours = median(
      () => validateExchangeBody(resource, { hop: 'provider', interaction, fhirVersion: 'STU3' }),
      iterations,
    );
    const theirs = median(() => fhirJs.validate(resource), iterations);
    entries.push(entry(name, 'ms', ours, theirs));
  }
  const ourCold = coldStart(`const { validate } = require('./support/fhir/validator');
    validate(${JSON.stringify(fixture('patient'))}, { fhirVersion: 'STU3' })`);
  const theirCold = coldStart(`const { loadFhirJsStu3 } = require('./scripts/compare-fhirjs');
    loadFhirJsStu3().validate(${JSON.stringify(fixture('patient'))})`);
  entries.push(entry('validation.cold-start-to-first', 'ms', ourCold.ms, theirCold.ms));
  entries.push(entry('validation.heap-after-first', 'MB', ourCold.heapMb, theirCold.heapMb));
  for (const e of entries) {
    process.stdout.write(
      `${e.name.padEnd(40)} gpc-assure ${String(e.value).padStart(9)} ${e.unit}   FHIR.js ${String(e.peerValue).padStart(9)} ${e.unit}   ratio ${e.ratio}\n`,
    );
  }
  mergeBenchEntries(join(ROOT, 'reports', 'bench.json'), entries);
}

main();
