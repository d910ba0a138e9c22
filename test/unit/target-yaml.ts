/** Target-file text for the config tests: the parts every test target shares, and a TLS-test target. */

/** The consumer and test-data blocks of a valid target; `registered` is the registered patient's flow mapping. */
export function consumerAndTestData(registered = '{ nhsNumber: "9000000009" }'): string {
  return `consumer:
  asid: "200000000115"
  odsCode: C88001
  organizationName: Consumer
  systemUrl: https://consumer.example/
  telecom: "0300"
  practitioner: { id: "1", family: Doe, given: [Jo], sdsUserId: UNK, sdsRoleProfileId: UNK }
  device: { system: "https://consumer.example/Id/device", value: d, model: m, version: "1" }
testData:
  patients:
    registered: ${registered}
`;
}

/** A valid target whose SSP is `ssp`, with an ssp.tls block `tls` and a pds block `pds` (YAML flow text). */
export function targetYaml(ssp: string, tls?: string, pds = '{ baseUrl: "http://127.0.0.1:1/pds" }'): string {
  return `
name: tls-test
pds: ${pds}
sds: { baseUrl: "http://127.0.0.1:2/sds", apiKey: "\${GPC_TEST_SDS_KEY:-sds-key-for-tests}" }
ssp: { baseUrl: "${ssp}"${tls ? `, tls: ${tls}` : ''} }
${consumerAndTestData()}`;
}
