/**
 * What a search for free slots must send (facts §5.4), as one set of rules that both sides read: the
 * provider simulator refuses a search that breaks one (422 INVALID_PARAMETER), and the consumer judge
 * (CON-SLOT-PARAMS) reports every one a consumer's search breaks.
 */
import { daysBetween } from '../../spine/uk-time';

/** The longest search (facts §5.4: "at most a two-week period"), in whole UK calendar days. */
export const MAX_SLOT_SEARCH_DAYS = 14;
/** The bound parameters and the prefix each must carry. */
export const SLOT_SEARCH_BOUNDS = { start: 'ge', end: 'le' } as const;
export const SLOT_SEARCH_REQUIRED = ['status', 'start', 'end'] as const;

/** `ge2025-06-03` or `le2025-06-03T17:00:00+01:00`; anything else (partial dates, Z, no offset) fails. */
const DATE_PARAM = /^([a-z]{2})?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$/;

export interface SlotBound {
  date: string;
  /** `T…` with its offset, when the bound is a dateTime. */
  time?: string;
}

function isCalendarDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}

/** start=ge… / end=le…: given once, the right prefix, a full date or a dateTime with a UTC offset. */
export function slotBound(q: URLSearchParams, name: keyof typeof SLOT_SEARCH_BOUNDS): SlotBound | { problem: string } {
  const values = q.getAll(name);
  if (values.length !== 1) return { problem: `${name} must be given exactly once, got ${values.length}` };
  const m = DATE_PARAM.exec(values[0]);
  if (!m)
    return {
      problem: `${name}=${values[0]} is not a full date or a dateTime with a UTC offset (no Z, no partial dates)`,
    };
  const [, given, date, time, offset] = m;
  const prefix = SLOT_SEARCH_BOUNDS[name];
  if (given !== prefix) return { problem: `${name} must use the prefix ${prefix}, got ${given ?? 'none'}` };
  if (time && !offset) return { problem: `${name}=${values[0]} has a time but no UTC offset` };
  if (!isCalendarDate(date)) return { problem: `${name}=${values[0]} is not a calendar date` };
  return { date, time };
}

export const slotStatusProblem = (q: URLSearchParams): string | undefined =>
  q.getAll('status').join(',') === 'free' ? undefined : `status must be free, got ${q.getAll('status').join(',')}`;

export const slotIncludeProblem = (q: URLSearchParams): string | undefined =>
  q.getAll('_include').includes('Slot:schedule') ? undefined : '_include=Slot:schedule is mandatory';

/** The range from start's date to end's, 0 to `maxDays` days (an over-strict provider allows fewer). */
export function slotRangeProblem(from: string, to: string, maxDays = MAX_SLOT_SEARCH_DAYS): string | undefined {
  const days = daysBetween(from, to);
  return days >= 0 && days <= maxDays
    ? undefined
    : `the range ${from}..${to} is ${days} days; it must be 0 to ${maxDays}`;
}

const boundProblem = (q: URLSearchParams, name: keyof typeof SLOT_SEARCH_BOUNDS) => {
  const bound = slotBound(q, name);
  return 'problem' in bound ? bound.problem : undefined;
};

/** Every slot-search rule, each naming what is wrong: the consumer judge reports all a search breaks. */
export const SLOT_SEARCH_RULES: readonly ((q: URLSearchParams) => string | undefined)[] = [
  (q) => boundProblem(q, 'start'),
  (q) => boundProblem(q, 'end'),
  slotStatusProblem,
  slotIncludeProblem,
  // The range is judged only when both bounds can be read; their own rules report them otherwise.
  (q) => {
    const [start, end] = [slotBound(q, 'start'), slotBound(q, 'end')];
    return 'problem' in start || 'problem' in end ? undefined : slotRangeProblem(start.date, end.date);
  },
];
