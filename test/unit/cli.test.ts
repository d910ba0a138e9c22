/**
 * The CLI as a user meets it: a bad target file or command line costs exactly one stderr line naming the
 * problem and exit 2, before any report or request exists; `simulate` serves the simulators and writes a
 * target file that loads, and stops cleanly on SIGTERM. The cases that start no Cucumber run call main()
 * in this process (cli-in-process.ts); one of each kind, the runs, --help and simulate go through
 * bin/gpc-assure.cjs in a child process, so the binary itself stays tested.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { loadTargetFile } from '../../support/config/target';
import { cliInProcess } from './cli-in-process';
import { workedExampleRun } from './run-args';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'gpc-assure.cjs');
const work = mkdtempSync(join(tmpdir(), 'gpc-assure-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], onStdout?: (soFar: string, child: ReturnType<typeof spawn>) => void): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => {
      out.stdout += d;
      onStdout?.(out.stdout, child);
    });
    child.stderr.on('data', (d) => (out.stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, ...out }));
  });
}

const VALID_TARGET = `
name: cli-test
pds: { baseUrl: "http://127.0.0.1:9/personal-demographics/FHIR/R4" }
sds: { baseUrl: "http://127.0.0.1:9/spine-directory/FHIR/R4", apiKey: "\${GPC_TEST_SDS_KEY:-not-a-real-key}" }
ssp: { baseUrl: "http://127.0.0.1:9" }
consumer:
  asid: "200000000359"
  odsCode: A11111
  organizationName: CLI test consumer
  telecom: "03001234567"
  systemUrl: https://consumer.example.invalid/gpc
  practitioner: { id: "1", family: Test, given: [Alex], sdsUserId: "111", sdsRoleProfileId: "222" }
  device: { system: "https://consumer.example.invalid/Id/device", value: d1, model: m, version: "1" }
testData:
  patients:
    registered: { nhsNumber: "9000000084" }
`;

/** Each bad target: how it is made from the valid one, and what its one stderr line must say. */
const BAD_TARGETS: { name: string; text: () => string; line: RegExp; mustNotShow?: string; spawn?: true }[] = [
  {
    name: 'malformed YAML',
    text: () => `${VALID_TARGET}\nssp: [unclosed\n`,
    line: /: \(root\): not valid YAML/,
    spawn: true,
  },
  {
    name: 'a missing required key',
    text: () => edit((t) => delete t.ssp),
    line: /: \(root\): must have required property 'ssp'/,
  },
  {
    name: 'a literal secret',
    text: () => edit((t) => (t.sds.apiKey = 'LiteralSecret123')),
    line: /: sds\.apiKey: secrets must be a \$\{ENV_VAR\} or file:PATH reference/,
    mustNotShow: 'LiteralSecret123',
  },
  {
    name: 'a baseUrl with a trailing slash',
    text: () => edit((t) => (t.pds.baseUrl = 'http://127.0.0.1:9/personal-demographics/FHIR/R4/')),
    line: /: pds\.baseUrl: must be an absolute http\(s\) URL with no trailing slash/,
  },
];

type TargetDoc = Record<string, Record<string, unknown>> & {
  sds: Record<string, unknown>;
  pds: Record<string, unknown>;
};

function edit(change: (doc: TargetDoc) => unknown): string {
  const doc = parse(VALID_TARGET) as TargetDoc;
  change(doc);
  return stringify(doc);
}

describe('gpc-assure run --target: a bad target file', { concurrency: 2 }, () => {
  it('the valid base target loads, so each case below fails for its own reason only', () => {
    const file = join(work, 'valid.yaml');
    writeFileSync(file, VALID_TARGET);
    assert.equal(loadTargetFile(file).name, 'cli-test');
  });

  for (const [i, bad] of BAD_TARGETS.entries()) {
    it(`${bad.name}: exit 2, one stderr line naming the key, no reports`, async () => {
      const file = join(work, `bad-${i}.yaml`);
      const reports = join(work, `reports-${i}`);
      writeFileSync(file, bad.text());
      const args = ['run', '--target', file, '--reports', reports];
      const { code, stderr, stdout } = await (bad.spawn ? cli(args) : cliInProcess(args));
      assert.equal(code, 2, stderr);
      const lines = stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `exactly one line, got:\n${stderr}`);
      assert.ok(lines[0].startsWith(`config: ${file}: `), lines[0]);
      assert.match(lines[0], bad.line);
      if (bad.mustNotShow) assert.ok(!(stderr + stdout).includes(bad.mustNotShow), 'the secret was printed');
      assert.equal(existsSync(reports), false, 'nothing may happen before the target is checked');
    });
  }
});

describe('gpc-assure usage', { concurrency: 2 }, () => {
  const USAGE_MISTAKES: { args: string[]; line: RegExp; spawn?: true }[] = [
    { args: ['run', '--bogus'], line: /Unknown option '--bogus'/, spawn: true },
    { args: ['run', '--fault', 'no-such-fault'], line: /unknown fault "no-such-fault"/ },
    { args: ['run', '--parallel', 'two'], line: /--parallel must be a whole number/ },
    {
      args: ['run', '--target', 'no-such-profile'],
      line: /unknown target "no-such-profile": the shipped profiles are embedded, integration, nhs-sandbox/,
    },
    {
      args: ['run', '--target', 'nhs-sandbox', '--fault', 'pds-500'],
      line: /--fault switches faults on in the embedded simulators/,
    },
    { args: ['frobnicate'], line: /unknown command "frobnicate"/ },
  ];
  for (const mistake of USAGE_MISTAKES) {
    it(`${mistake.args.join(' ')}: exit 2 with one line`, async () => {
      const { code, stderr } = await (mistake.spawn ? cli(mistake.args) : cliInProcess(mistake.args));
      assert.equal(code, 2);
      assert.equal(stderr.split('\n').filter(Boolean).length, 1, stderr);
      assert.match(stderr, mistake.line);
    });
  }

  it('--help: exit 0, every command and the exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    for (const text of ['gpc-assure run', 'gpc-assure simulate', 'Exit codes:', '  2  bad configuration or usage'])
      assert.ok(stdout.includes(text), text);
  });

  it('help faults lists the fault modes and the 48 transport faults', async () => {
    const { code, stdout } = await cliInProcess(['help', 'faults']);
    assert.equal(code, 0);
    assert.match(stdout, /pds-500 +pds +PDS answers 500/);
    assert.match(
      stdout,
      /transport-sds-truncated-body +sds +In front of SDS: closes the connection .* \[names: truncated-body\]/,
    );
    assert.equal(stdout.match(/^ {2}transport-/gm)?.length, 48);
  });
});

describe('gpc-assure run --target embedded', () => {
  it(
    'is the embedded run: the simulators start, the summary names the embedded target',
    { timeout: 60_000 },
    async () => {
      const reports = join(work, 'reports-embedded');
      const { code, stderr } = await cli(workedExampleRun('embedded', reports, '@WE-1a'));
      assert.equal(code, 0, stderr);
      const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as {
        target: string;
        targetFile?: string;
        scenarios: { passed: number };
      };
      assert.equal(summary.target, 'embedded');
      assert.equal(summary.targetFile, undefined);
      assert.equal(summary.scenarios.passed, 1);
    },
  );
});

describe('gpc-assure run --target nhs-sandbox, with no network', () => {
  it('fails cleanly naming the hop and dns, writes the reports, exit 1', { timeout: 60_000 }, async () => {
    // The shipped profile with its hosts made unresolvable, so the test says the same with or without internet.
    const file = join(work, 'sandbox-offline.yaml');
    writeFileSync(
      file,
      readFileSync(join(ROOT, 'targets', 'nhs-sandbox.yaml'), 'utf8').replaceAll(
        'sandbox.api.service.nhs.uk',
        'sandbox.gpc-assure.invalid',
      ),
    );
    const reports = join(work, 'reports-offline');
    const { code, stdout, stderr } = await cli(workedExampleRun(file, reports, '@WE-1a or @WE-2a or @WE-3a'));
    assert.equal(code, 1, stderr);
    assert.doesNotMatch(stdout + stderr, /Unhandled|uncaught|\b(TypeError|ReferenceError):/i);
    assert.match(
      stderr,
      /the embedded SSP could not read SDS at https:\/\/sandbox\.gpc-assure\.invalid\/spine-directory\/FHIR\/R4 \(dns: /,
    );
    for (const f of ['summary.json', 'index.html', 'junit.xml', 'manifest.json'])
      assert.ok(existsSync(join(reports, f)), f);
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as {
      errors: string[];
      target: string;
      failures: { hop: string; kind?: string; message: string }[];
    };
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.target, 'nhs-sandbox');
    assert.equal(summary.failures.length, 3, 'each scenario fails at its first hop, PDS');
    for (const f of summary.failures)
      assert.match(f.message, /^\[PDS\] dns .*getaddrinfo \w+ sandbox\.gpc-assure\.invalid/);
  });
});

describe('gpc-assure simulate', () => {
  it(
    'writes a target that loads, with every hop under baseUrl, and stops on SIGTERM with exit 0',
    { timeout: 30_000 },
    async () => {
      const file = join(work, 'simulated.yaml');
      let loaded: ReturnType<typeof loadTargetFile> | undefined;
      const outcome = await cli(['simulate', '--port', '0', '--write-target', file], (stdout, child) => {
        // The last announcement line comes after the file is written: check it once, then stop the server.
        if (loaded || !stdout.includes('SIGTERM stops')) return;
        loaded = loadTargetFile(file);
        child.kill('SIGTERM');
      });
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.ok(loaded, `the target was never announced:\n${outcome.stdout}${outcome.stderr}`);
      for (const hop of ['pds', 'sds', 'ssp'] as const)
        assert.match(loaded[hop].baseUrl, /^http:\/\/127\.0\.0\.1:\d+/, hop);
      assert.equal(outcome.stdout.match(/listening on http/g)?.length, 4, 'one line per service');
      assert.match(outcome.stdout, /stopped on SIGTERM/);
    },
  );
});
