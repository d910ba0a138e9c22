/**
 * index.html's style and filter script, inlined: the page is opened from file:// on assessors' machines
 * and in CI artefact viewers, often offline, so it loads nothing from anywhere.
 */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #1d1d1f; }
h1 { margin: 16px 0 4px; } h2 { border-bottom: 2px solid #005eb8; padding-bottom: 2px; margin-top: 32px; }
nav a { margin-right: 12px; } table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid #d8dde0; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th, .hop, .requirement, .badge { white-space: nowrap; } .failure td { overflow-wrap: anywhere; }
th { background: #f0f4f5; } code, pre { font: 12px/1.35 ui-monospace, monospace; word-break: break-all; }
pre { white-space: pre-wrap; background: #f7f7f7; padding: 6px; max-height: 420px; overflow: auto; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; font-weight: 600; color: #fff; background: #d5281b; }
.badge.passed, .badge.pass { background: #007f3b; } .badge.uncovered, .badge.consumer-mode, .badge.skipped, .badge.pending, .badge.not-run, .badge.unknown, .badge.undefined { background: #b35c00; }
.counts .count { margin-right: 10px; font-weight: 600; } .count.passed { color: #007f3b; } .count.failed { color: #d5281b; }
.facts td:first-child { width: 180px; font-weight: 600; } .hop { font-weight: 600; text-transform: uppercase; }
.failure { border-left: 4px solid #d5281b; padding-left: 8px; margin: 10px 0; }
details.scenario { border: 1px solid #d8dde0; margin: 6px 0; padding: 4px 8px; } details.scenario[open] { background: #fcfcfd; }
.tags { color: #4c6272; font-size: 12px; } .exchange { border-top: 1px dashed #d8dde0; margin-top: 8px; }
svg.sequence { display: block; margin: 8px 0; font: 12px system-ui, sans-serif; }
svg .lane { font-weight: 600; } svg .lifeline { stroke: #aeb7bd; stroke-dasharray: 4 3; }
svg .arrow line { stroke-width: 2; } svg .ok line { stroke: #007f3b; } svg .ok polygon { fill: #007f3b; }
svg .bad line { stroke: #d5281b; } svg .bad polygon { fill: #d5281b; } svg .evidence text { font-weight: 700; }
.filters { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #d8dde0; z-index: 1; }
.claims td:first-child, .claims td:last-child { white-space: nowrap; }
.ok { color: #007f3b; font-weight: 600; } .bad { color: #d5281b; font-weight: 600; }
.filters label { margin-right: 14px; } .hidden { display: none; }
`;

/** Shows only the scenarios and failures whose status, hop and tags match the three filters. */
export const REPORT_JS = `
(function () {
  var status = document.getElementById('filter-status');
  var hop = document.getElementById('filter-hop');
  var tag = document.getElementById('filter-tag');
  function apply() {
    var wantTag = tag.value.trim().toLowerCase();
    document.querySelectorAll('.filterable').forEach(function (node) {
      var ok = (!status.value || (status.value === 'not-passed' ? node.dataset.status !== 'passed' : node.dataset.status === status.value))
        && (!hop.value || node.dataset.hop === hop.value)
        && (!wantTag || node.dataset.tags.toLowerCase().split(' ').some(function (t) { return t.indexOf(wantTag) >= 0; }));
      node.classList.toggle('hidden', !ok);
    });
  }
  [status, hop].forEach(function (s) { s.addEventListener('change', apply); });
  tag.addEventListener('input', apply);
})();
`;
