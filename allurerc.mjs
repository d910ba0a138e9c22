// `npm run report:allure`: renders reports/allure-results (written by allure-cucumberjs during a run) as
// one self-contained reports/allure-report/index.html. The default output is several files that render
// blank from file://; singleFile inlines them so the report opens offline and travels as one artefact.
export default {
  name: 'gpc-assure',
  output: './reports/allure-report',
  plugins: {
    // The tree follows the labels support/world/allure.ts sets: hop (epic), feature, requirement (story).
    awesome: { options: { singleFile: true, reportName: 'gpc-assure', groupBy: ['epic', 'feature', 'story'] } },
  },
};
