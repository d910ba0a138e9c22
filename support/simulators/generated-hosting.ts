/**
 * Makes the embedded simulators host a generated estate (fixtures/generated-estate.ts). PDS and the provider's
 * handlers and slot generation read module-level fixture tables by ODS code (PEOPLE, PRACTITIONERS, LOCATIONS,
 * SCHEDULES) at some forty places; adding the generated practices' rows to those tables, once, lets every
 * handler serve them unchanged. The practices themselves go to a table of their own, not HOSTED_PRACTICES:
 * the base registry is built from that one, and the generated practices are registered by their own systems. The base rows are never altered, and a generated row is added only
 * if its ODS code is not there yet, so a later run in the same process sees the same world plus practices
 * nobody else addresses. Must run before the provider starts: its slots are generated from SCHEDULES then.
 */
import type { HOSTED_PRACTICES } from './fixtures/estate';
import { LOCATIONS, PRACTITIONERS, SCHEDULES } from './fixtures/clinicians-and-slots';
import { generatedClinicians, generatedPerson, type GeneratedPractice } from './fixtures/generated-estate';
import { PEOPLE } from './fixtures/people';

/** A const fixture table seen as the growable array it is at run time. */
const growable = <T>(table: readonly T[]) => table as unknown as unknown[];

type HostedPractice = (typeof HOSTED_PRACTICES)[number];
const GENERATED_HOSTED: HostedPractice[] = [];

/** The generated practice the provider hosts under this ODS code, if any (the provider routes by URL ODS, T12). */
export function hostedGeneratedPractice(ods: string): HostedPractice | undefined {
  return GENERATED_HOSTED.find((p) => p.ods === ods);
}

export function hostGeneratedPractices(practices: readonly GeneratedPractice[]): void {
  for (const p of practices) {
    if (hostedGeneratedPractice(p.ods)) continue;
    const { practitioner, location, schedule } = generatedClinicians(p);
    // Shaped as an ordinary practice (T99999's fields): what the handlers read of one.
    GENERATED_HOSTED.push({
      ods: p.ods,
      asid: p.asid,
      partyKey: p.partyKey,
      name: p.name,
      telecom: p.telecom,
      postcode: p.postcode,
    } as unknown as HostedPractice);
    growable(PEOPLE).push(generatedPerson(p));
    growable(PRACTITIONERS).push(practitioner);
    growable(LOCATIONS).push(location);
    growable(SCHEDULES).push(schedule);
  }
}
