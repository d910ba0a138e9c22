/**
 * FHIRPath invariants from the snapshots, each compiled once (per base path) with the STU3 model and then
 * applied to every node the element matches. Expressions fhirpath.js cannot compile (e.g. STU3's
 * `htmlchecks()`) are skipped once, not retried per node.
 */
import fhirpath from 'fhirpath';
import stu3Model from 'fhirpath/fhir-context/stu3';

type Evaluator = (node: unknown) => unknown[];

/** Some STU3 invariants call trace(); its output is noise on the console. */
const IGNORE_TRACE = () => undefined;

const compiled = new Map<string, Evaluator | null>();

function evaluator(base: string, expression: string): Evaluator | null {
  const key = `${base}\u0000${expression}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    try {
      const run = fhirpath.compile({ base, expression }, stu3Model, { traceFn: IGNORE_TRACE });
      fn = (node) => run(node) as unknown[];
    } catch {
      fn = null;
    }
    compiled.set(key, fn);
  }
  return fn;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIRPath walks arbitrary resource JSON; its nodes have no static shape.
type Node = Record<string, any>;

const entries = (bundle: Node): Node[] => (Array.isArray(bundle.entry) ? bundle.entry : []);
const noEntryHas = (bundle: Node, key: string) => entries(bundle).every((e) => e?.[key] === undefined);

/**
 * The Bundle and contained-resource invariants, checked natively with the same meaning as their FHIRPath:
 * through fhirpath.js they iterate every entry and cost more than the rest of a 200-entry searchset
 * together (bdl-7 compares every entry with every other).
 */
const contained = (resource: Node): Node[] => (Array.isArray(resource.contained) ? resource.contained : []);

/**
 * FHIRPath `start <= end` on two dateTimes: compared as instants when both carry a time, as strings when
 * both are dates of the same precision, otherwise empty (different precisions), which passes.
 */
function notAfter(start: unknown, end: unknown): boolean {
  if (typeof start !== 'string' || typeof end !== 'string') return true;
  const [startHasTime, endHasTime] = [start.includes('T'), end.includes('T')];
  if (startHasTime && endHasTime) return !(Date.parse(start) > Date.parse(end));
  if (!startHasTime && !endHasTime && start.length === end.length) return start <= end;
  return true;
}

/** How many of value[x], resource and part a Parameters.parameter carries. */
const parameterContents = (parameter: Node) =>
  Object.keys(parameter).filter((k) => /^value[A-Z]/.test(k)).length +
  Number(parameter.resource !== undefined) +
  Number(parameter.part !== undefined);

const NATIVE: Record<string, (node: Node) => boolean> = {
  // inv-1 reads "only one of (value, resource, part)", but its FHIRPath also fails a parameter with none.
  // GP Connect's operations declare parameters that carry nothing ({"name":"includeProblems"}, CON-ARS-PARAMETERS,
  // NHS's own immunizations_request1.json), so the harness holds it to its words: at most one.
  'inv-1': (parameter) => parameterContents(parameter) <= 1,
  // fhirpath.js spends ~90 µs parsing the two dates of per-1, which a searchset meets on every Schedule.
  'per-1': (period) => notAfter(period.start, period.end),
  'dom-1': (resource) => contained(resource).every((c) => c?.text === undefined),
  'dom-2': (resource) => contained(resource).every((c) => c?.contained === undefined),
  'dom-4': (resource) =>
    contained(resource).every((c) => c?.meta?.versionId === undefined && c?.meta?.lastUpdated === undefined),
  'bdl-1': (bundle) => bundle.total === undefined || bundle.type === 'searchset' || bundle.type === 'history',
  'bdl-2': (bundle) => noEntryHas(bundle, 'search') || bundle.type === 'searchset',
  'bdl-3': (bundle) => noEntryHas(bundle, 'request') || ['batch', 'transaction', 'history'].includes(bundle.type),
  'bdl-4': (bundle) =>
    noEntryHas(bundle, 'response') || ['batch-response', 'transaction-response'].includes(bundle.type),
  'bdl-5': (entry) => entry.resource !== undefined || entry.request !== undefined || entry.response !== undefined,
  'bdl-7': (bundle) => {
    const keys = entries(bundle)
      .filter((e) => e?.fullUrl !== undefined)
      .map((e) => `${e.fullUrl}|${e.resource?.meta?.versionId}`);
    return new Set(keys).size === keys.length;
  },
  'bdl-8': (entry) => typeof entry.fullUrl !== 'string' || !entry.fullUrl.includes('/_history/'),
  'bdl-9': (bundle) =>
    bundle.type !== 'document' || (bundle.identifier?.system !== undefined && bundle.identifier?.value !== undefined),
};

/** True when the invariant fails on this node: it evaluates to false (empty results count as passing). */
export function invariantFails(key: string, base: string, expression: string, node: unknown): boolean {
  const native = NATIVE[key];
  if (native) return !native(node as Node);
  const fn = evaluator(base, expression);
  if (!fn) return false;
  try {
    const result = fn(node);
    return result.length === 1 && result[0] === false;
  } catch {
    return false;
  }
}
