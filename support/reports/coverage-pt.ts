/**
 * The provider-suite coverage table (support/domain/provider-suite-map.ts) as Markdown: per group, the
 * gpc-assure requirements that cover it or why not, and the Y/P/N counts per capability.
 */
import { PROVIDER_SUITE_GROUPS, type SuiteCapability, type SuiteGroup } from '../domain/provider-suite-map';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function coverageCounts(groups: readonly SuiteGroup[] = PROVIDER_SUITE_GROUPS) {
  const counts = {} as Record<SuiteCapability, { Y: number; P: number; N: number }>;
  for (const g of groups) {
    counts[g.capability] ??= { Y: 0, P: 0, N: 0 };
    counts[g.capability][g.coverage] += 1;
  }
  return counts;
}

export function coveragePtMarkdown(groups: readonly SuiteGroup[] = PROVIDER_SUITE_GROUPS): string {
  const counts = coverageCounts(groups);
  const lines = [
    '# NHS provider suite groups against gpc-assure',
    '',
    ...Object.entries(counts).map(([cap, c]) => `- ${cap}: ${c.Y} Y / ${c.P} P / ${c.N} N`),
    '',
    '| capability | PT feature | group | gpc-assure | requirements | why not fully covered |',
    '| --- | --- | --- | --- | --- | --- |',
    ...groups.map((g) =>
      [g.capability, g.feature, g.group, g.coverage, g.covers.join(', '), g.reason ?? '']
        .map(cell)
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
  ];
  return lines.join('\n') + '\n';
}
