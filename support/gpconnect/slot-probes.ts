/**
 * Slot searches that differ from the honest one in one named way (AM-SLOT-RANGE, AM-SLOT-PARAMS, AM-SLOT-FILTER, AM-SLOT-INCLUDE and their PT oracles). Features
 * name a probe ("with no start", "with an unknown filter system"); this table says what it sends.
 */
import { SYS } from '../spine/systems';
import { DAY_MS, ukDateTime, ukWallClock } from '../spine/uk-time';
import type { QueryParams } from './requests';

type Change = (params: QueryParams) => QueryParams;

const ORG_TYPE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1';

const without =
  (name: string): Change =>
  (p) =>
    p.filter(([k]) => k !== name);
const withValue =
  (name: string, value: (old: string) => string): Change =>
  (p) =>
    p.map(([k, v]) => [k, k === name ? value(v) : v]);
/** Swap a date bound's two-letter prefix (ge/le) for another. */
const prefix = (name: string, to: string): Change => withValue(name, (v) => to + v.slice(2));
/** A start bound at 09:00 today written with the given offset text (none, Z). */
const startTime = (offset: string): Change => withValue('start', (v) => `${v.slice(0, 12)}T09:00:00${offset}`);
const filters =
  (...values: string[]): Change =>
  (p) => [...without('searchFilter')(p), ...values.map((v): [string, string] => ['searchFilter', v])];
const dropIncludes =
  (...keep: string[]): Change =>
  (p) =>
    p.filter(([k, v]) => k !== '_include:recurse' || keep.includes(v));

export function slotProbe(name: string, consumerOds: string): Change {
  const probes: Record<string, Change> = {
    'no start': without('start'),
    'no end': without('end'),
    'no status': without('status'),
    'status busy': withValue('status', () => 'busy'),
    'start prefix gt': prefix('start', 'gt'),
    'start prefix ne': prefix('start', 'ne'),
    'end prefix lt': prefix('end', 'lt'),
    'a start time without an offset': startTime(''),
    'a start time in Z': startTime('Z'),
    'the ODS code filter': filters(`${SYS.odsOrg}|${consumerOds}`),
    'the organisation type filter': filters(`${ORG_TYPE_SYSTEM}|gp-practice`),
    'both filters': filters(`${SYS.odsOrg}|${consumerOds}`, `${ORG_TYPE_SYSTEM}|gp-practice`),
    'no filter': filters(),
    'an unknown filter system': filters('https://example.invalid/filter|anything'),
    'all recurse includes': (p) => p,
    'no recurse includes': dropIncludes(),
    'only the Practitioner include': dropIncludes('Schedule:actor:Practitioner'),
    'only the Location include': dropIncludes('Schedule:actor:Location'),
  };
  const probe = probes[name];
  if (!probe) throw new Error(`unknown slot probe "${name}"; known: ${Object.keys(probes).join(', ')}`);
  return probe;
}

/**
 * A window no practice books into: the first minute of tomorrow (UK), as dateTimes with their offset. An
 * empty answer needs no fixture, so it holds on any target.
 */
export function emptyWindow(now = new Date()): { start: string; end: string } {
  const midnight = ukWallClock(1, 0, 0, now);
  return { start: ukDateTime(midnight), end: ukDateTime(new Date(midnight.getTime() + DAY_MS / 1440)) };
}
