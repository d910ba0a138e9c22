// Cucumber profiles. `gpc-assure run` loads the default profile and then sets worldParameters and the
// reports formatter's options itself (and GPC_REPORTS_DIR, GPC_QUIET); running `npx cucumber-js` directly
// builds the same run from these documented variables:
//   default:        the embedded simulators, started by the World's BeforeAll (GPC_FAULTS=id,id switches faults on)
//   -p target:      a target file named by GPC_TARGET (real or simulated services)
//   GPC_REPORTS_DIR where the reports go (default reports/); GPC_QUIET=1 progress dots; GPC_ALLURE=0 no Allure
// Both write the same report files: summary.json, evidence/, index.html and manifest.json come from the
// gpc-assure formatter plugin (support/reports/cucumber-formatter.ts), beside Cucumber's own.
import { UnsyncedAllureWriter } from './support/reports/allure-writer.cjs';

/**
 * The profiles, built afresh on every load: Cucumber calls a default function each time it loads this file,
 * while the module itself is imported once per process. A process that runs Cucumber more than once (the
 * meta-test's long-lived workers) must see each run's GPC_REPORTS_DIR, GPC_QUIET and GPC_ALLURE.
 */
export default function profiles() {
  const reports = process.env.GPC_REPORTS_DIR || 'reports';
  const quiet = process.env.GPC_QUIET === '1';
  // GPC_ALLURE=0 leaves Allure's results out: they cost about 1.5 s a run, which runs that only read
  // summary.json (the fault-mode meta-tests, 30-odd runs) need not pay.
  const allure = process.env.GPC_ALLURE !== '0';
  const faults = (process.env.GPC_FAULTS ?? '').split(',').filter(Boolean);

  const shared = {
    // tsx/cjs was measured to work serially and with --parallel (each worker loads it again).
    requireModule: ['tsx/cjs'],
    require: ['support/world/**/*.ts', 'steps/**/*.ts'],
    paths: ['features/**/*.feature'],
    // [formatter, file] pairs rather than "name:path" strings, so an absolute or Windows path needs no quoting.
    format: [
      // Progress keeps a quiet run (meta-test, CI logs) short; it still prints each failure once.
      quiet ? 'progress' : '@cucumber/pretty-formatter',
      ['html', `${reports}/cucumber.html`],
      ['junit', `${reports}/junit.xml`],
      ['message', `${reports}/messages.ndjson`],
      // Allure results (one file per scenario and attachment) for `npm run report:allure`. It writes to its
      // own folder, not to the stream Cucumber would give it, so its "file" is a placeholder under reports.
      ...(allure ? [['allure-cucumberjs/reporter', `${reports}/allure-results/.stream`]] : []),
      // Last, so its manifest.json is registered after every other report.
      ['./support/reports/cucumber-formatter.cjs', `${reports}/summary.json`],
    ],
    formatOptions: {
      junit: { suiteName: 'gpc-assure' },
      resultsDir: `${reports}/allure-results`,
      // Written once per file, without Allure's fsync per file (support/reports/allure-writer.cjs says why).
      ...(allure ? { writer: new UnsyncedAllureWriter({ resultsDir: `${reports}/allure-results` }) } : {}),
      gpcReports: { faults },
    },
    // What the World runs against (support/config/run-parameters.ts).
    worldParameters: { faults },
    // @estate-file scenarios read what only an estate file holds (T4's central services); without one
    // (GPC_ESTATE_FILE, set by `gpc-assure topology --registry`) they are left out, not passed over nothing.
    // Cucumber joins these tags with any --tags given, by "and".
    ...(process.env.GPC_ESTATE_FILE ? {} : { tags: 'not @estate-file' }),
  };

  const target = {
    ...shared,
    get worldParameters() {
      return { targetFile: targetFile(), faults: [] };
    },
    get formatOptions() {
      return { ...shared.formatOptions, gpcReports: { targetFile: targetFile(), faults: [] } };
    },
  };
  return { default: shared, target };
}

/** Without GPC_TARGET the World would quietly start the embedded simulators, so a run meant for real
 * services would test the simulators instead. Cucumber reads these only when the target profile is chosen. */
function targetFile() {
  if (!process.env.GPC_TARGET) {
    const problem = 'profile "target" needs GPC_TARGET=path/to/target.yaml (or run: gpc-assure run --target FILE)';
    // Cucumber reports an error thrown here as a failed schema check, reading its `errors` list.
    throw Object.assign(new Error(problem), { errors: [problem] });
  }
  return process.env.GPC_TARGET;
}
