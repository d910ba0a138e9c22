/**
 * Draws an estate as one self-contained SVG (no scripts, fonts or links): a column per system, a box per
 * organisation it serves with that organisation's AS records (ASID, party key) and MHS records (root,
 * interactions, CMA). Every element a violation names is outlined red and tagged with the rule, and the
 * violations are listed underneath, so an assessor can see where each broken rule sits.
 */
import type { AsRecord, MhsRecord, Registry, SystemRecord } from '../domain/registry';
import { mhsKey, type RecordRef, type Violation } from './rules';

const COLUMN = 560;
const LINE = 15;
const PAD = 10;
const VIOLATED = '#c62828';

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

/** The rules violated at one record, e.g. "T6 T10". */
function rulesAt(violations: Violation[], ref: RecordRef): string[] {
  return [
    ...new Set(
      violations.filter((v) => v.records.some((r) => r.kind === ref.kind && r.id === ref.id)).map((v) => v.rule),
    ),
  ];
}

interface Line {
  text: string;
  ref?: RecordRef;
}

/** An MHS record group (one party key at one root) with how many interaction records it holds. */
function mhsLines(records: MhsRecord[]): Line[] {
  const groups = new Map<string, MhsRecord[]>();
  for (const m of records) groups.set(mhsKey(m), [...(groups.get(mhsKey(m)) ?? []), m]);
  return [...groups].map(([key, ms]) => ({
    text: `MHS ${ms[0].endpoint} · ${ms.flatMap((m) => m.interactions).length} interaction(s)${ms.some((m) => m.cma) ? ' · CMA' : ''}`,
    ref: { kind: 'mhs', id: key },
  }));
}

/** The lines of one organisation's box in one system's column. */
function organisationLines(r: Registry, s: SystemRecord, ods: string): Line[] {
  const as = r.as.filter((a) => a.systemId === s.id && a.odsCode === ods);
  const mhs = r.mhs.filter((m) => m.odsCode === ods && as.some((a) => a.partyKey === m.partyKey));
  return [
    { text: `${ods}`, ref: { kind: 'organisation', id: ods } },
    ...as.map((a: AsRecord): Line => ({
      text: `AS ${a.asid} · party key ${a.partyKey} · ${a.interactions.length} interaction(s)`,
      ref: { kind: 'as', id: a.asid },
    })),
    ...(as.length ? [] : [{ text: 'no AS record' }]),
    ...mhsLines(mhs),
  ];
}

function textLine(x: number, y: number, line: Line, violations: Violation[]): string {
  const rules = line.ref ? rulesAt(violations, line.ref) : [];
  const marked = rules.length > 0;
  const attrs = line.ref ? ` data-record="${escapeXml(`${line.ref.kind}:${line.ref.id}`)}"` : '';
  const text = `${line.text}${marked ? `  ✗ ${rules.join(' ')}` : ''}`;
  return [
    marked
      ? `<rect class="violated" x="${x - 3}" y="${y - LINE + 3}" width="${COLUMN - 2 * PAD}" height="${LINE}" fill="none" stroke="${VIOLATED}" stroke-width="1.5" data-rules="${rules.join(' ')}"/>`
      : '',
    `<text x="${x}" y="${y}"${attrs}${marked ? ` fill="${VIOLATED}"` : ''}>${escapeXml(text)}</text>`,
  ].join('');
}

/** A column: a header line (the system) and a box per organisation; a violated header or box is outlined red. */
function column(x: number, header: Line, boxes: Line[][], violations: Violation[]): { svg: string; height: number } {
  const parts: string[] = [];
  const headerRules = header.ref ? rulesAt(violations, header.ref) : [];
  let y = 30;
  parts.push(textLine(x, y, header, violations).replace('<text ', '<text font-weight="bold" '));
  y += PAD;
  for (const lines of boxes) {
    const height = lines.length * LINE + PAD;
    const boxRules = lines[0]?.ref?.kind === 'organisation' ? rulesAt(violations, lines[0].ref) : [];
    parts.push(
      `<rect x="${x}" y="${y}" width="${COLUMN - PAD}" height="${height}" rx="4" fill="#f5f7fa" stroke="${boxRules.length ? VIOLATED : '#90a4ae'}"${boxRules.length ? ` stroke-width="2" class="violated" data-rules="${boxRules.join(' ')}"` : ''}/>`,
    );
    lines.forEach((line, n) => parts.push(textLine(x + PAD, y + (n + 1) * LINE, line, violations)));
    y += height + PAD;
  }
  if (headerRules.length)
    parts.unshift(
      `<rect class="violated" x="${x - 4}" y="14" width="${COLUMN - 2}" height="${y - 10}" fill="none" stroke="${VIOLATED}" stroke-dasharray="4 3" data-rules="${headerRules.join(' ')}"/>`,
    );
  return { svg: parts.join('\n'), height: y };
}

const systemHeader = (s: SystemRecord): Line => ({
  text: `${s.name} (${s.role}, supplier ${s.supplierOds}${s.mhsTopology ? `, ${s.mhsTopology} MHS` : ''})`,
  ref: { kind: 'system', id: s.id },
});

/** MHS records no AS record claims (same party key and organisation): drawn apart, so a violation on them still shows. */
const unattached = (r: Registry) =>
  r.mhs.filter((m) => !r.as.some((a) => a.partyKey === m.partyKey && a.odsCode === m.odsCode));

export function estateSvg(name: string, registry: Registry, violations: Violation[]): string {
  const orphans = unattached(registry);
  const columns = [
    ...registry.systems.map((s) => ({
      header: systemHeader(s),
      boxes: s.organisations.map((ods) => organisationLines(registry, s, ods)),
    })),
    ...(orphans.length ? [{ header: { text: 'MHS records with no AS record' }, boxes: [mhsLines(orphans)] }] : []),
  ].map((c, n) => column(PAD + n * COLUMN, c.header, c.boxes, violations));
  const top = Math.max(60, ...columns.map((c) => c.height)) + 2 * PAD;
  const summary = violations.length
    ? violations.map((v) => `✗ ${v.rule}: ${v.message}`)
    : ['✓ every static topology rule (T1, T4–T11) passes'];
  const width = Math.max(1, columns.length) * COLUMN + 2 * PAD;
  const height = top + (summary.length + 2) * LINE;
  const listing = summary.map(
    (line, n) =>
      `<text x="${PAD}" y="${top + (n + 2) * LINE}"${violations.length ? ` fill="${VIOLATED}"` : ''}>${escapeXml(line)}</text>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(`GP Connect estate ${name}: ${violations.length} topology rule violation(s)`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...columns.map((c) => c.svg),
    `<text x="${PAD}" y="${top + LINE}" font-weight="bold">${escapeXml(`Estate ${name}: topology rules (facts §8)`)}</text>`,
    ...listing,
    '</svg>',
    '',
  ].join('\n');
}
