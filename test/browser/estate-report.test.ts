/**
 * The root-cause view and the combined estate report as an assessor sees them, in headless Chromium with the
 * network off: a run under --fault pds-no-gp must open with one root cause (pds, WE-1c) and its chart, and an
 * estate of a clean and a faulty target must show the requirement × target matrix with the faulty target's
 * failures; and an estate run over the 20 practices of `simulate --practices 20` must pass, each practice a
 * column of the matrix. Screenshots go to reports/screenshots/ (root-causes.png, estate-report.png,
 * estate-20-practices.png). Skipped with no Chromium.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeEstateReports } from '../../support/reports/estate-report';

const ROOT = resolve(__dirname, '..', '..');
const SHOTS = join(ROOT, 'reports', 'screenshots');
const CHROMIUM = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
const noChromium = CHROMIUM && existsSync(CHROMIUM) ? false : 'no chromium on PATH (apt-get install -y chromium)';
if (noChromium) process.stdout.write(`# skipping the estate browser test: ${noChromium}\n`);

/** One embedded run of the worked example into dir; resolves to its exit code. */
function run(dir: string, faults: string[]): number {
  const r = spawnSync(
    process.execPath,
    ['bin/gpc-assure.cjs', 'run', ...faults, '--reports', dir, '--quiet', 'features/worked-example'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return r.status ?? 1;
}

/**
 * `simulate --practices 20 --write-estate` then `run --estate` over the journey (every hop, one scenario a
 * practice) into dir; resolves to the run's exit code and output.
 */
async function estateOfTwenty(dir: string): Promise<{ code: number | null; output: string }> {
  const estateFile = join(dir, 'estate.yaml');
  const simulator = spawn(
    process.execPath,
    ['bin/gpc-assure.cjs', 'simulate', '--practices', '20', '--write-estate', estateFile],
    { cwd: ROOT, stdio: 'ignore' },
  );
  try {
    for (let i = 0; i < 600 && !existsSync(estateFile); i++) await sleep(50);
    const r = spawnSync(
      process.execPath,
      ['bin/gpc-assure.cjs', 'run', '--estate', estateFile, '--reports', join(dir, 'out'), '--quiet', JOURNEY],
      { cwd: ROOT, encoding: 'utf8' },
    );
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    simulator.kill('SIGTERM');
  }
}
const JOURNEY = 'features/worked-example/07-journey.feature';

describe('root causes and the estate report in a browser', { skip: noChromium }, () => {
  const estate = mkdtempSync(join(tmpdir(), 'gpc-estate-report-'));
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let codes: number[] = [];

  before(async () => {
    codes = [
      run(join(estate, 'targets', 'clean'), []),
      run(join(estate, 'targets', 'no-gp'), ['--fault', 'pds-no-gp']),
    ];
    writeEstateReports(
      estate,
      [
        { name: 'clean', paths: [] },
        { name: 'no-gp', paths: [] },
      ],
      codes,
      0,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
    page.on('request', (r) => requests.push(r.url()));
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    rmSync(estate, { recursive: true, force: true });
  });

  it('a run under pds-no-gp opens with one root cause and the outcome chart', async () => {
    assert.deepEqual(codes, [0, 1]);
    const file = join(estate, 'targets', 'no-gp', 'index.html');
    await page.goto(pathToFileURL(file).href);
    const causes = page.locator('#root-causes table.root-causes tbody tr');
    assert.equal(await causes.count(), 1);
    assert.match(await causes.first().innerText(), /pds\s+WE-1c[\s\S]*\d+ scenarios/);
    assert.ok(await page.locator('#root-causes svg.outcome-chart rect[data-outcome="failed"]').first().isVisible());
    await page.screenshot({ path: join(SHOTS, 'root-causes.png') });
    assert.ok(
      requests.every((u) => u.startsWith('file://')),
      `only the file itself: ${requests.join(', ')}`,
    );
  });

  it('the estate report shows the matrix and the faulty target failures by hop', async () => {
    await page.goto(pathToFileURL(join(estate, 'index.html')).href);
    assert.match(await page.locator('h1').innerText(), /estate: FAIL over 2 targets/);
    const row = page.locator('table.estate-matrix tr', { hasText: 'WE-1c' });
    assert.match(await row.innerText(), /passed\s+failed \(pds\)/);
    assert.equal(await page.locator('#estate-charts svg.outcome-chart').count(), 2);
    assert.match(await page.locator('#estate-failures').innerText(), /no-gp[\s\S]*pds: \d+ failed/);
    await page.screenshot({ path: join(SHOTS, 'estate-report.png'), fullPage: false });
    assert.ok(requests.every((u) => u.startsWith('file://')));
  });

  it('an estate run over 20 embedded practices passes, one matrix column per practice', async () => {
    const twenty = await estateOfTwenty(join(estate, 'twenty'));
    assert.equal(twenty.code, 0, twenty.output.slice(-1500));
    await page.goto(pathToFileURL(join(estate, 'twenty', 'out', 'index.html')).href);
    assert.match(await page.locator('h1').innerText(), /estate: PASS over 20 targets/);
    const header = await page.locator('table.estate-matrix tr').first().innerText();
    for (let n = 1; n <= 20; n++) assert.match(header, new RegExp(`G800${String(n).padStart(2, '0')}`));
    const journey = page.locator('table.estate-matrix tr', { hasText: 'WE-J1' });
    assert.equal((await journey.innerText()).match(/passed/g)?.length, 20);
    await page.screenshot({ path: join(SHOTS, 'estate-20-practices.png'), fullPage: false });
    assert.ok(requests.every((u) => u.startsWith('file://')));
  });
});
