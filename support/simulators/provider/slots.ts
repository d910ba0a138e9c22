/**
 * Search for free slots (facts §5.4): parameter rules, the window, and the Bundle with the Schedules and
 * the resources the consumer asked to include. Slots here carry no organisation restrictions, so every
 * searchFilter matches them and unknown filter systems are ignored: searchFilter never narrows the result.
 */
import { SYS } from '../../spine/systems';
import { DAY_MS, daysBetween, ukDate, ukWallClock } from '../../spine/uk-time';
import { SLOT_PLAN } from '../fixtures/people';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidParameter } from './outcomes';
import {
  locationResource,
  organizationResource,
  practitionerResource,
  scheduleResource,
  searchset,
  slotResource,
  type Resource,
} from './resources';
import { locationOf, practitionerOf, scheduleById, slotsOfPractice, slotTimes, type SlotRecord } from './state';

const MAX_RANGE_DAYS = 14;
/** The over-strict window of fault provider-slots-7-day-limit. */
const STRICT_RANGE_DAYS = 7;

/** `ge2025-06-03` or `le2025-06-03T17:00:00+01:00`; anything else (partial dates, Z, no offset) fails. */
const DATE_PARAM = /^([a-z]{2})?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$/;

interface Bound {
  date: string;
  ms: number;
}

/** The instant a UK calendar day starts; noon UTC is always on the same UK day, whatever the season. */
const ukDayStart = (date: string, dayOffset = 0) =>
  ukWallClock(dayOffset, 0, 0, new Date(`${date}T12:00:00Z`)).getTime();

function isCalendarDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}

/** start=ge… / end=le…: a full date covers its whole UK day; a dateTime is taken as the instant it names. */
function dateBound(ctx: ProviderContext, name: 'start' | 'end', prefix: 'ge' | 'le'): Bound {
  const values = ctx.req.query.getAll(name);
  if (values.length !== 1) throw invalidParameter(`${name} must be given exactly once, got ${values.length}`);
  const m = DATE_PARAM.exec(values[0]);
  if (!m)
    throw invalidParameter(
      `${name}=${values[0]} is not a full date or a dateTime with a UTC offset (no Z, no partial dates)`,
    );
  const [, given, date, time, offset] = m;
  if (given !== prefix) throw invalidParameter(`${name} must use the prefix ${prefix}, got ${given ?? 'none'}`);
  if (time && !offset) throw invalidParameter(`${name}=${values[0]} has a time but no UTC offset`);
  if (!isCalendarDate(date)) throw invalidParameter(`${name}=${values[0]} is not a calendar date`);
  if (time) return { date, ms: Date.parse(`${date}${time}`) };
  return { date, ms: prefix === 'ge' ? ukDayStart(date) : ukDayStart(date, 1) - 1000 };
}

/** Only the over-strict fault reads these: a conformant provider ignores filter systems it does not know. */
const KNOWN_FILTER_SYSTEMS = [SYS.odsOrg, 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1'];

interface SlotQuery {
  from: Bound;
  to: Bound;
  recurse: Set<string>;
}

function parseQuery(ctx: ProviderContext): SlotQuery {
  const q = ctx.req.query;
  const missing = ['status', 'start', 'end'].filter((p) => !q.has(p));
  if (missing.length) throw badRequest(`missing required parameter(s): ${missing.join(', ')}`);
  const statuses = q.getAll('status');
  if (statuses.length !== 1 || statuses[0] !== 'free')
    throw invalidParameter(`status must be free, got ${statuses.join(',')}`);
  const from = dateBound(ctx, 'start', 'ge');
  const to = dateBound(ctx, 'end', 'le');
  const days = daysBetween(from.date, to.date);
  const maxDays = ctx.faults.has('provider-slots-7-day-limit') ? STRICT_RANGE_DAYS : MAX_RANGE_DAYS;
  if (
    ctx.faults.has('provider-slots-strict-filter') &&
    q.getAll('searchFilter').some((f) => !KNOWN_FILTER_SYSTEMS.some((sys) => f.startsWith(`${sys}|`)))
  ) {
    throw invalidParameter(`unknown searchFilter system in ${q.getAll('searchFilter').join(', ')}`);
  }
  if (days < 0 || days > maxDays)
    throw invalidParameter(`the range ${from.date}..${to.date} is ${days} days; it must be 0 to ${maxDays}`);
  if (!q.getAll('_include').includes('Slot:schedule')) throw invalidParameter('_include=Slot:schedule is mandatory');
  return { from, to, recurse: new Set(q.getAll('_include:recurse')) };
}

/** What the slot faults add to an honest result, each built from the first slot offered. */
function faultySlots(ctx: ProviderContext, free: SlotRecord[], to: Bound): SlotRecord[] {
  const template = free[0];
  if (!template) return [];
  const extra: SlotRecord[] = [];
  if (ctx.faults.has('provider-busy-slot')) extra.push({ ...template, id: `${template.id}-busy`, status: 'busy' });
  if (ctx.faults.has('provider-slot-out-of-range')) {
    const [h, m] = SLOT_PLAN.times[0];
    const dayAfterEnd = daysBetween(ukDate(ctx.now), to.date) + 1;
    const start = ukWallClock(dayAfterEnd, h, m, ctx.now).getTime();
    extra.push({ ...template, id: `${template.id}-late`, ...slotTimes(start, template.endMs - template.startMs) });
  }
  return extra;
}

/** Fault provider-slots-unchecked-params: whatever was sent, search the next 14 days with every include. */
function uncheckedQuery(ctx: ProviderContext): SlotQuery {
  try {
    return parseQuery(ctx);
  } catch {
    const from = { date: ukDate(ctx.now), ms: ctx.now.getTime() };
    const toMs = ctx.now.getTime() + MAX_RANGE_DAYS * DAY_MS;
    return { from, to: { date: ukDate(new Date(toMs)), ms: toMs }, recurse: new Set(ALL_RECURSE) };
  }
}

const ALL_RECURSE = ['Schedule:actor:Practitioner', 'Schedule:actor:Location', 'Location:managingOrganization'];

export function searchFreeSlots(ctx: ProviderContext): SimResponse {
  const { faults, state, practice, serviceRoot } = ctx;
  const {
    from,
    to,
    recurse: asked,
  } = faults.has('provider-slots-unchecked-params') ? uncheckedQuery(ctx) : parseQuery(ctx);
  const recurse = faults.has('provider-slots-include-everything') ? new Set(ALL_RECURSE) : asked;
  // Visit slots are never offered (facts §5.4). Past free slots are, when the range asks for them: a past
  // range is a legal search, and booking is where they are refused (facts §5.4, §5.6).
  const free = slotsOfPractice(state, practice.ods).filter(
    (s) => s.status === 'free' && s.channel !== 'Visit' && s.startMs >= from.ms && s.endMs <= to.ms,
  );
  const offered = [...free, ...faultySlots(ctx, free, to)];
  const schedules = [...new Set(offered.map((s) => s.scheduleId))].map((id) => scheduleById(id)!);
  const rendering = {
    utcTimes: faults.has('provider-slot-utc-times'),
    noChannel: faults.has('provider-slot-no-channel'),
  };
  const resources: Resource[] = [
    ...offered.map((s) => slotResource(s, scheduleById(s.scheduleId)!, rendering)),
    ...(faults.has('provider-slots-no-schedule') ? [] : schedules.map((s) => scheduleResource(s, state.horizon))),
    ...(recurse.has('Schedule:actor:Practitioner')
      ? schedules.map((s) => practitionerResource(practitionerOf(s)))
      : []),
    ...(recurse.has('Schedule:actor:Location') ? schedules.map((s) => locationResource(locationOf(s))) : []),
    // The Organization comes whether or not Location:managingOrganization was asked for (facts §5.4).
    ...(offered.length && !faults.has('provider-slots-no-organization') ? [organizationResource(practice)] : []),
  ];
  if (!offered.length && faults.has('provider-slots-empty-404'))
    throw new GpcError(404, 'NO_RECORD_FOUND', 'no free slots in the range');
  return {
    status: 200,
    body: searchset(
      serviceRoot,
      dedupe(resources),
      faults.has('provider-slots-collection') ? 'collection' : 'searchset',
    ),
  };
}

/** Two schedules may share a practitioner or a location; each resource appears once. */
function dedupe(resources: Resource[]): Resource[] {
  const seen = new Set<string>();
  return resources.filter((r) => !seen.has(`${r.resourceType}/${r.id}`) && seen.add(`${r.resourceType}/${r.id}`));
}
