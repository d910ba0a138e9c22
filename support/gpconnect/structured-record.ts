/**
 * Reading a structured record Bundle (ARS-BUNDLE, ARS-AREAS): its entries by type, the List answering each clinical
 * area, and the Bundle-level rules of GPConnect-StructuredRecord-Bundle-1 beyond its profile (no id, no
 * version metadata, every reference resolving inside). Pure functions over JSON, so the checks and the
 * report share them.
 */
import { SYS } from '../spine/systems';
import { AREA_LISTS, ENDED_ALLERGIES_LIST, type AreaList, type ClinicalArea } from './structured-operation';

type Json = Record<string, unknown>;
export type Resource = Json & { resourceType: string; id?: string };

export const STRUCTURED_BUNDLE_PROFILE =
  'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-StructuredRecord-Bundle-1';

export function resourcesOf(bundle: Json): Resource[] {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Json[]) : [];
  return entries.map((e) => e?.resource as Resource).filter((r) => !!r && typeof r.resourceType === 'string');
}

export const ofType = (bundle: Json, type: string) => resourcesOf(bundle).filter((r) => r.resourceType === type);

const listCode = (list: Resource) =>
  ((list.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []).find(
    (c) => c.system === 'http://snomed.info/sct',
  )?.code;

/** The Lists of the Bundle carrying a List.code (several when a provider repeats one: a defect to report). */
export const listsWithCode = (bundle: Json, list: AreaList) =>
  ofType(bundle, 'List').filter((l) => listCode(l) === list.code);

/** Every List code the Bundle uses for an area, named: what a report or a failure message shows. */
export function areaOfList(list: Resource): string | undefined {
  const code = listCode(list);
  if (code === ENDED_ALLERGIES_LIST.code) return 'ended allergies';
  return (Object.entries(AREA_LISTS) as [ClinicalArea, AreaList][]).find(([, l]) => l.code === code)?.[0];
}

/** The resources a List's entries point at (each `Type/id` looked up in the Bundle; missing ones left out). */
export function listItems(bundle: Json, list: Resource): Resource[] {
  const byKey = new Map(resourcesOf(bundle).map((r) => [`${r.resourceType}/${r.id}`, r]));
  const entries = Array.isArray(list.entry) ? (list.entry as { item?: { reference?: string } }[]) : [];
  return entries.map((e) => byKey.get(e.item?.reference ?? '')).filter((r): r is Resource => !!r);
}

/** Problems with the Bundle itself that its profile cannot say (ARS-BUNDLE, ARS-REFERENCES). */
export function bundleProblems(bundle: Json): string[] {
  const meta = (bundle.meta ?? {}) as Json;
  const profiles = Array.isArray(meta.profile) ? meta.profile : [];
  return [
    bundle.type !== 'collection' ? `Bundle.type is ${JSON.stringify(bundle.type)}, not collection` : '',
    profiles.some((p) => typeof p === 'string' && p.startsWith(STRUCTURED_BUNDLE_PROFILE))
      ? ''
      : `meta.profile ${JSON.stringify(meta.profile)} does not name ${STRUCTURED_BUNDLE_PROFILE}`,
    bundle.id !== undefined ? `Bundle.id ${JSON.stringify(bundle.id)} is present` : '',
    meta.versionId !== undefined ? 'meta.versionId is present' : '',
    meta.lastUpdated !== undefined ? 'meta.lastUpdated is present' : '',
  ].filter(Boolean);
}

/** Relative `Type/id` references anywhere in a value (contained `#id` and absolute URLs are not Bundle-local). */
function referencesIn(value: unknown, out: string[]): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string' && /^[A-Z][A-Za-z]+\/[^/]+$/.test(v)) out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

/** Each reference that points at no entry of the Bundle, with the resource holding it. */
export function unresolvedReferences(bundle: Json): string[] {
  const resources = resourcesOf(bundle);
  const keys = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
  return resources.flatMap((r) =>
    referencesIn(r, [])
      .filter((ref) => !keys.has(ref))
      .map((ref) => `${r.resourceType}/${r.id} → ${ref}`),
  );
}

/** The NHS numbers of the Bundle's Patients. */
export const patientNhsNumbers = (bundle: Json) =>
  ofType(bundle, 'Patient').map(
    (p) =>
      ((p.identifier ?? []) as { system?: string; value?: string }[]).find((i) => i.system === SYS.nhsNumber)?.value,
  );
