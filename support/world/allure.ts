/**
 * Allure labels for each scenario, read by the allure-cucumberjs formatter in cucumber.mjs
 * (reports/allure-results). They go on in a Before hook because Allure refuses labels in After hooks.
 * The evidence needs nothing here: the formatter turns every Cucumber attachment into an Allure one, so
 * the evidence and failure record hooks.ts attaches are already on each result. (Attaching each exchange
 * again here doubled the run time for the same data.) Labels travel as Cucumber attachments, so this
 * works the same under --parallel.
 */
// Registers Allure's test runtime: without it the calls below fail with "no test runtime is found".
import 'allure-cucumberjs';
import * as allure from 'allure-js-commons';
import { Before } from '@cucumber/cucumber';
import { requirement, requirementTags } from '../domain/catalogue';

/**
 * How much a broken requirement matters, by its family: the worked example and the SSP's routing are the
 * journey itself; the edge rules are what a provider must enforce; topology and answer format follow.
 * A scenario tag `@severity:<level>` overrides this.
 */
const SEVERITY_BY_PREFIX: readonly [string, allure.Severity][] = [
  ['WE-', allure.Severity.CRITICAL],
  ['SSP-', allure.Severity.CRITICAL],
  ['JWT-', allure.Severity.NORMAL],
  ['HDR-', allure.Severity.NORMAL],
  ['FHIR-', allure.Severity.NORMAL],
  ['TOP-', allure.Severity.NORMAL],
  ['FMT-', allure.Severity.MINOR],
];
const SEVERITY_TAG = '@severity:';
const HOP_TAG = '@hop:';

function severityOf(tags: readonly string[], requirements: readonly string[]): string {
  const tagged = tags.find((t) => t.startsWith(SEVERITY_TAG))?.slice(SEVERITY_TAG.length);
  const first = requirements[0] ?? '';
  return tagged ?? SEVERITY_BY_PREFIX.find(([prefix]) => first.startsWith(prefix))?.[1] ?? allure.Severity.NORMAL;
}

// The feature label is not set here: the reporter already labels each result with its Gherkin feature.
Before(async function ({ pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const requirements = requirementTags(tags);
  // The scenario's hop tag wins over the feature's (pickles list feature tags first), as in summary.json.
  const hop =
    tags
      .filter((t) => t.startsWith(HOP_TAG))
      .pop()
      ?.slice(HOP_TAG.length) ??
    requirement(requirements[0] ?? '')?.hop ??
    'unknown';
  await allure.epic(hop);
  for (const id of requirements) await allure.story(id);
  await allure.severity(severityOf(tags, requirements));
});
