/**
 * Search for free slots (the GP Connect page of that name): parameter rules, the window, and the Bundle with the Schedules and
 * the resources the consumer asked to include. Slots here carry no organisation restrictions, so every
 * searchFilter matches them and unknown filter systems are ignored: searchFilter never narrows the result.
 */
import {
  MAX_SLOT_SEARCH_DAYS,
  SLOT_SEARCH_REQUIRED,
  slotBound,
  slotIncludeProblem,
  slotRangeProblem,
  slotStatusProblem,
} from '../../domain/rules/slot-search';
import { DAY_MS, ukDate, ukWallClock } from '../../spine/uk-time';
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

interface Bound {
  date: string;
  ms: number;
}

/** The instant a UK calendar day starts; noon UTC is always on the same UK day, whatever the season. */
const ukDayStart = (date: string, dayOffset = 0) =>
  ukWallClock(dayOffset, 0, 0, new Date(`${date}T12:00:00Z`)).getTime();

/** A refusal when the rule found a problem. */
const refuseIf = (problem: string | undefined) => {
  if (problem) throw invalidParameter(problem);
};

/** start=ge… / end=le…: a full date covers its whole UK day; a dateTime is taken as the instant it names. */
function dateBound(q: URLSearchParams, name: 'start' | 'end'): Bound {
  const bound = slotBound(q, name);
  if ('problem' in bound) throw invalidParameter(bound.problem);
  const { date, time } = bound;
  if (time) return { date, ms: Date.parse(`${date}${time}`) };
  return { date, ms: name === 'start' ? ukDayStart(date) : ukDayStart(date, 1) - 1000 };
}

interface SlotQuery {
  from: Bound;
  to: Bound;
  recurse: Set<string>;
}

function parseQuery(ctx: ProviderContext): SlotQuery {
  const q = ctx.faults.apply('provider.slot-search-query', ctx.req.query, undefined);
  const missing = SLOT_SEARCH_REQUIRED.filter((p) => !q.has(p));
  if (missing.length) throw badRequest(`missing required parameter(s): ${missing.join(', ')}`);
  refuseIf(slotStatusProblem(q));
  const from = dateBound(q, 'start');
  const to = dateBound(q, 'end');
  const maxDays = ctx.faults.apply('provider.slot-search-max-days', MAX_SLOT_SEARCH_DAYS, undefined);
  refuseIf(slotRangeProblem(from.date, to.date, maxDays));
  refuseIf(slotIncludeProblem(q));
  return { from, to, recurse: new Set(q.getAll('_include:recurse')) };
}

/** A provider that does not check the parameters: whatever was sent, it searches the next 14 days with every include. */
function uncheckedQuery(ctx: ProviderContext): SlotQuery {
  try {
    return parseQuery(ctx);
  } catch {
    const from = { date: ukDate(ctx.now), ms: ctx.now.getTime() };
    const toMs = ctx.now.getTime() + MAX_SLOT_SEARCH_DAYS * DAY_MS;
    return { from, to: { date: ukDate(new Date(toMs)), ms: toMs }, recurse: new Set(ALL_RECURSE) };
  }
}

export const ALL_RECURSE = ['Schedule:actor:Practitioner', 'Schedule:actor:Location', 'Location:managingOrganization'];

export function searchFreeSlots(ctx: ProviderContext): SimResponse {
  const { faults, state, practice, serviceRoot } = ctx;
  const { from, to, recurse: asked } = ctx.does('check slot search parameters') ? parseQuery(ctx) : uncheckedQuery(ctx);
  const recurse = faults.apply('provider.slot-search-includes', asked, undefined);
  // Visit slots are never offered ('Search for free slots'). Past free slots are, when the range asks for them: a past
  // range is a legal search, and booking is where they are refused ('Search for free slots', 'Book an appointment').
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
    // The Organization comes whether or not Location:managingOrganization was asked for ('Search for free slots').
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
