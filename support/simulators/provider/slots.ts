/**
 * Search for free slots (facts §5.4): parameter rules, the window, and the Bundle with the Schedules and
 * the resources the consumer asked to include. Slots here carry no organisation restrictions, so every
 * searchFilter matches them and unknown filter systems are ignored: searchFilter never narrows the result.
 */
import { DAY_MS, daysBetween, ukDate, ukWallClock } from '../../spine/uk-time';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { badRequest, invalidParameter } from './outcomes';
import {
  locationResource,
  organizationResource,
  practitionerResource,
  scheduleResource,
  searchset,
  slotResource,
  type Resource,
} from './resources';
import { locationOf, practitionerOf, scheduleById, slotsOfPractice } from './state';

const MAX_RANGE_DAYS = 14;

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

interface SlotQuery {
  from: Bound;
  to: Bound;
  recurse: Set<string>;
}

function parseQuery(ctx: ProviderContext): SlotQuery {
  const q = ctx.faults.apply('provider.slot-search-query', ctx.req.query, undefined);
  const missing = ['status', 'start', 'end'].filter((p) => !q.has(p));
  if (missing.length) throw badRequest(`missing required parameter(s): ${missing.join(', ')}`);
  const statuses = q.getAll('status');
  if (statuses.length !== 1 || statuses[0] !== 'free')
    throw invalidParameter(`status must be free, got ${statuses.join(',')}`);
  const from = dateBound(ctx, 'start', 'ge');
  const to = dateBound(ctx, 'end', 'le');
  const days = daysBetween(from.date, to.date);
  const maxDays = ctx.faults.apply('provider.slot-search-max-days', MAX_RANGE_DAYS, undefined);
  if (days < 0 || days > maxDays)
    throw invalidParameter(`the range ${from.date}..${to.date} is ${days} days; it must be 0 to ${maxDays}`);
  if (!q.getAll('_include').includes('Slot:schedule')) throw invalidParameter('_include=Slot:schedule is mandatory');
  return { from, to, recurse: new Set(q.getAll('_include:recurse')) };
}

/** A provider that does not check the parameters: whatever was sent, it searches the next 14 days with every include. */
function uncheckedQuery(ctx: ProviderContext): SlotQuery {
  try {
    return parseQuery(ctx);
  } catch {
    const from = { date: ukDate(ctx.now), ms: ctx.now.getTime() };
    const toMs = ctx.now.getTime() + MAX_RANGE_DAYS * DAY_MS;
    return { from, to: { date: ukDate(new Date(toMs)), ms: toMs }, recurse: new Set(ALL_RECURSE) };
  }
}

export const ALL_RECURSE = ['Schedule:actor:Practitioner', 'Schedule:actor:Location', 'Location:managingOrganization'];

export function searchFreeSlots(ctx: ProviderContext): SimResponse {
  const { faults, state, practice, serviceRoot } = ctx;
  const { from, to, recurse: asked } = ctx.does('check slot search parameters') ? parseQuery(ctx) : uncheckedQuery(ctx);
  const recurse = faults.apply('provider.slot-search-includes', asked, undefined);
  // Visit slots are never offered (facts §5.4). Past free slots are, when the range asks for them: a past
  // range is a legal search, and booking is where they are refused (facts §5.4, §5.6).
  const free = slotsOfPractice(state, practice.ods).filter(
    (s) => s.status === 'free' && s.channel !== 'Visit' && s.startMs >= from.ms && s.endMs <= to.ms,
  );
  const offered = faults.apply('provider.slots-offered', free, { now: ctx.now, endDate: to.date });
  const schedules = [...new Set(offered.map((s) => s.scheduleId))].map((id) => scheduleById(id)!);
  const rendering = faults.apply('provider.slot-rendering', { utcTimes: false, noChannel: false }, undefined);
  const resources: Resource[] = [
    ...offered.map((s) => slotResource(s, scheduleById(s.scheduleId)!, rendering)),
    ...schedules.map((s) => scheduleResource(s, state.horizon)),
    ...(recurse.has('Schedule:actor:Practitioner')
      ? schedules.map((s) => practitionerResource(practitionerOf(s)))
      : []),
    ...(recurse.has('Schedule:actor:Location') ? schedules.map((s) => locationResource(locationOf(s))) : []),
    // The Organization comes whether or not Location:managingOrganization was asked for (facts §5.4).
    ...(offered.length ? [organizationResource(practice)] : []),
  ];
  const answered = faults.apply('provider.slot-resources', dedupe(resources), undefined);
  return { status: 200, body: faults.apply('provider.slot-bundle', searchset(serviceRoot, [...answered]), undefined) };
}

/** Two schedules may share a practitioner or a location; each resource appears once. */
function dedupe(resources: Resource[]): Resource[] {
  const seen = new Set<string>();
  return resources.filter((r) => !seen.has(`${r.resourceType}/${r.id}`) && seen.add(`${r.resourceType}/${r.id}`));
}
