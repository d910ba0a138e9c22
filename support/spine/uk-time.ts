/**
 * GP Connect dates are UK local time with an explicit offset (+00:00 GMT, +01:00 BST) and never `Z`
 * (WE-4d). These helpers are shared by the simulators (to write slots) and the steps (to search).
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'shortOffset',
});

function fields(d: Date): Record<string, string> {
  return Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value]));
}

/** `yyyy-mm-ddThh:mm:ss+hh:mm` in UK local time. */
export function ukDateTime(d: Date): string {
  const f = fields(d);
  const m = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?/.exec(f.timeZoneName)!;
  const offset = m[1] ? `${m[1]}${m[2].padStart(2, '0')}:${m[3] ?? '00'}` : '+00:00';
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}${offset}`;
}

/** `yyyy-mm-dd` of the UK calendar day of an instant. */
export function ukDate(d: Date): string {
  const f = fields(d);
  return `${f.year}-${f.month}-${f.day}`;
}

/** The instant at a UK wall-clock time on the UK day `daysFromToday` after today. */
export function ukWallClock(daysFromToday: number, hour: number, minute: number, now = new Date()): Date {
  const day = ukDate(new Date(now.getTime() + daysFromToday * 86_400_000));
  // Guess UTC, then correct by the offset in force at that instant.
  const guess = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const offsetMin = (Date.parse(ukDateTime(guess).slice(0, 19) + 'Z') - guess.getTime()) / 60_000;
  return new Date(guess.getTime() - offsetMin * 60_000);
}

export const DAY_MS = 86_400_000;

/** Whole days between two yyyy-mm-dd dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
