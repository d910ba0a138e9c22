/**
 * The top of index.html: a visual summary (requirements by hop and outcome, as an inline SVG bar chart, so
 * the page stays one offline file) and the root causes, each failing check once with the scenarios it
 * stopped, so a broken prerequisite reads as one line and not as two hundred failures.
 */
import type { RequirementCoverage, RootCause, Summary } from './summary-types';
import { el, esc, Html, section, table } from './html-kit';

const OUTCOMES = ['passed', 'failed', 'not-supported-by-provider', 'not-applicable', 'not-run', 'uncovered'] as const;
const COLOURS: Record<(typeof OUTCOMES)[number], string> = {
  passed: '#2e7d32',
  failed: '#c62828',
  'not-supported-by-provider': '#ef6c00',
  'not-applicable': '#1565c0',
  'not-run': '#6d4c41',
  uncovered: '#9e9e9e',
};

/** Requirements per hop per outcome; consumer rules are judged elsewhere and left out. */
export function requirementsByHop(summary: Summary): Record<string, Record<(typeof OUTCOMES)[number], number>> {
  const byHop: Record<string, Record<(typeof OUTCOMES)[number], number>> = {};
  for (const coverage of Object.values(summary.requirements.byId) as RequirementCoverage[]) {
    if (coverage.status === 'consumer-mode') continue;
    const row = (byHop[coverage.hop] ??= {
      passed: 0,
      failed: 0,
      'not-supported-by-provider': 0,
      'not-applicable': 0,
      'not-run': 0,
      uncovered: 0,
    });
    row[coverage.status] += 1;
  }
  return byHop;
}

/** One stacked bar per hop; widths are shares of that hop's requirements. */
export function outcomeChart(summary: Summary, label = 'requirements by hop and outcome'): Html {
  const rows = Object.entries(requirementsByHop(summary)).sort(([a], [b]) => a.localeCompare(b));
  const [left, width, bar, gap] = [90, 360, 18, 6];
  const height = rows.length * (bar + gap) + 24;
  const parts: string[] = [];
  rows.forEach(([hop, counts], i) => {
    const y = i * (bar + gap);
    const total = OUTCOMES.reduce((n, o) => n + counts[o], 0) || 1;
    let x = left;
    parts.push(`<text x="0" y="${y + 13}" font-size="12">${esc(hop)}</text>`);
    for (const outcome of OUTCOMES) {
      const w = (counts[outcome] / total) * width;
      if (counts[outcome] > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${COLOURS[outcome]}" data-outcome="${outcome}"><title>${esc(`${hop}: ${counts[outcome]} ${outcome}`)}</title></rect>`,
        );
      x += w;
    }
    // Only the outcomes the hop has, so the line fits beside the bar.
    const counted = OUTCOMES.filter((o) => counts[o] > 0).map((o) => `${counts[o]} ${o}`);
    parts.push(`<text x="${left + width + 6}" y="${y + 13}" font-size="12">${esc(counted.join(' · '))}</text>`);
  });
  const legendY = rows.length * (bar + gap) + 12;
  // Each legend entry as wide as its label (about 7 px a character at 12 px), so none overlaps the next.
  let legendX = left;
  for (const o of OUTCOMES) {
    parts.push(`<rect x="${legendX}" y="${legendY}" width="10" height="10" fill="${COLOURS[o]}"></rect><text x="${legendX + 14}" y="${legendY + 10}" font-size="12">${o}</text>`);
    legendX += 14 + o.length * 7 + 16;
  }
  const svgWidth = Math.max(left + width + 300, legendX);
  return new Html(
    `<svg class="outcome-chart" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${height}" viewBox="0 0 ${svgWidth} ${height}">${parts.join('')}</svg>`,
  );
}

function causeRow(cause: RootCause): Html[] {
  const stopped = el(
    'details',
    {},
    el('summary', {}, `${cause.count} scenario${cause.count === 1 ? '' : 's'}`),
    el('ul', {}, cause.scenarios.map((s) => el('li', {}, `${s.scenario} (${s.uri})`))),
  );
  return [el('span', {}, cause.hop), el('span', {}, cause.requirement), el('span', {}, cause.message), stopped];
}

export function rootCausesSection(summary: Summary): Html {
  const causes = summary.rootCauses ?? [];
  return section(
    'root-causes',
    `Outcome at a glance and root causes (${causes.length})`,
    outcomeChart(summary),
    causes.length
      ? table(['hop', 'requirement', 'first failing check', 'scenarios it stopped'], causes.map(causeRow), { class: 'root-causes' })
      : el('p', {}, 'No failures.'),
  );
}
