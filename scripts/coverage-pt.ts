/** `npm run coverage:pt`: prints the provider-suite coverage table and writes reports/coverage-pt.md. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { coveragePtMarkdown } from '../support/reports/coverage-pt';

const markdown = coveragePtMarkdown();
mkdirSync('reports', { recursive: true });
writeFileSync('reports/coverage-pt.md', markdown);
process.stdout.write(markdown);
