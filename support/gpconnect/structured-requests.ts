/**
 * Part values as features write them (`includeResolvedAllergies=true`, `medicationSearchFromDate=today-400`,
 * `investigationSearchPeriod=2020-01-01..today`), turned into the typed values of the operation table.
 * Dates relative to today keep a feature true on any day it runs.
 */
import { DAY_MS, ukDate } from '../spine/uk-time';
import { areaParameter, type AreaRequest, type ClinicalArea, type PartValues } from './structured-operation';

/** `today`, `today+N`, `today-N` (days), or a literal date. */
export function featureDate(text: string, now = new Date()): string {
  const m = /^today(?:([+-])(\d+))?$/.exec(text);
  if (!m) return text;
  const days = m[1] ? Number(m[2]) * (m[1] === '-' ? -1 : 1) : 0;
  return ukDate(new Date(now.getTime() + days * DAY_MS));
}

function partValue(area: ClinicalArea, name: string, text: string, now: Date): PartValues[string] {
  const rule = areaParameter(area).parts[name];
  // A part the table does not know is sent as a string: how a feature probes an unrecognised part.
  if (!rule) return text;
  switch (rule.type) {
    case 'boolean':
      return text === 'true';
    case 'positiveInt':
      return Number(text);
    case 'Period': {
      const [start, end] = text.split('..');
      return { ...(start ? { start: featureDate(start, now) } : {}), ...(end ? { end: featureDate(end, now) } : {}) };
    }
    default:
      return rule.type === 'date' ? featureDate(text, now) : text;
  }
}

/** One row of a feature table: the area and its parts as `name=value`, comma-separated (empty: none). */
export function areaRequest(area: ClinicalArea, parts: string, now = new Date()): AreaRequest {
  const values: PartValues = {};
  for (const pair of parts
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, text = ''] = pair.split('=');
    values[name.trim()] = partValue(area, name.trim(), text.trim(), now);
  }
  return { area, parts: values };
}
