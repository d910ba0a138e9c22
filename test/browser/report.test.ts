/**
 * index.html as an assessor sees it: a suite run with one fault, the page opened from file:// in headless
 * Chromium with the network off, and the summary, the failure's hop and requirement and a JWT claims table
 * checked visible. Leaves report-screenshot.png in the run's own temporary reports dir (its path is printed)
 * to look at. Skipped, saying why, with no Chromium.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EXTERNAL_REFERENCE } from '../../support/reports/html-kit';

const ROOT = resolve(__dirname, '..', '..');
// Found the way .ci/run finds it (`command -v chromium`), so the test runs wherever CI installed it.
const CHROMIUM = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
const noChromium =
  CHROMIUM && existsSync(CHROMIUM)
    ? false
    : 'no chromium on PATH; install it with: apt-get install -y --no-install-recommends chromium';
if (noChromium) process.stdout.write(`# skipping the browser test: ${noChromium}\n`);

describe('reports/index.html in a browser', { skip: noChromium }, () => {
  const reports = mkdtempSync(join(tmpdir(), 'gpc-report-'));
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    const run = spawnSync(
      process.execPath,
      [
        'bin/gpc-assure.cjs',
        'run',
        '--fault',
        'provider-busy-slot',
        '--reports',
        reports,
        '--quiet',
        'features/worked-example',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(run.status, 1, `the faulty run should fail (exit 1): ${run.stdout}${run.stderr}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
    // Anything the page asks for besides itself would break the offline promise.
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(reports, 'index.html')).href);
  });

  after(async () => {
    await browser?.close();
    // Keep only the screenshot: the rest of the run's reports is not needed afterwards.
    for (const name of readdirSync(reports))
      if (name !== 'report-screenshot.png') rmSync(join(reports, name), { recursive: true, force: true });
  });

  it('loads nothing but itself and names no external URL in markup', () => {
    assert.deepEqual(
      requests.filter((u) => !u.startsWith('file:')),
      [],
    );
    const html = readFileSync(join(reports, 'index.html'), 'utf8');
    assert.doesNotMatch(html, EXTERNAL_REFERENCE);
  });

  it('shows the summary: the outcome and the counts', async () => {
    await assert.doesNotReject(
      page.getByRole('heading', { name: /FAIL against embedded/ }).waitFor({ state: 'visible' }),
    );
    const counts = await page.locator('#counts').innerText();
    assert.match(counts, /(?<!\d)1 failed/);
    // One fault fails one scenario of the feature folder: every other scenario passed.
    const total = Number(/(\d+) total/.exec(counts)?.[1]);
    assert.ok(total > 20, counts);
    assert.match(counts, new RegExp(`(?<!\\d)${total - 1} passed`));
  });

  it("shows the failure's hop and requirement", async () => {
    const failure = page.locator('#failures .failure').first();
    await failure.waitFor({ state: 'visible' });
    assert.equal((await failure.locator('.hop').innerText()).toLowerCase(), 'provider');
    assert.equal(await failure.locator('.requirement').innerText(), 'WE-4b');
  });

  it('shows a JWT claims table judged by the edge rules, and saves a screenshot', async () => {
    const claims = page.locator('details.scenario[open] table.claims').first();
    await claims.scrollIntoViewIfNeeded();
    assert.ok(await claims.isVisible(), 'a claims table in the failing scenario is visible');
    assert.match(await claims.innerText(), /requested_scope[\s\S]*JWT-SCOPE-MATCH/);
    await page.locator('#failures').scrollIntoViewIfNeeded();
    const screenshot = join(reports, 'report-screenshot.png');
    await page.screenshot({ path: screenshot });
    process.stdout.write(`screenshot: ${screenshot}\n`);
  });

  it('filters scenarios by status', async () => {
    await page.selectOption('#filter-status', 'failed');
    assert.equal(await page.locator('details.scenario:not(.hidden)').count(), 1);
    await page.selectOption('#filter-status', '');
  });
});
