/**
 * `ssp: { embedded: true }` (the nhs-sandbox profile): the embedded SSP agrees with the target's own SDS.
 * Here that SDS is the embedded SDS simulator serving a practice the embedded provider does not host
 * (Y12345 at a host that does not exist, as a real SDS's answer would be): the SSP must accept exactly that
 * root and ASID, refuse a root that differs by one byte, and route the call to the embedded provider, which
 * answers as the stand-in. With the SDS unreachable, the SSP still starts and says why.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTargetText, type Target } from '../../support/config/target';
import { interaction } from '../../support/interactions';
import { Faults } from '../../support/simulators/faults';
import type { RunningServer } from '../../support/simulators/http-kit';
import { providerRecords, type Registry } from '../../support/domain/registry';
import { SDS_BASE_PATH, startSds } from '../../support/simulators/sds';
import { EvidenceLog } from '../../support/spine/http';
import { sendGpc } from '../../support/spine/ssp-client';
import { startEmbeddedSsp, type EmbeddedSsp } from '../../support/simulators/embedded-ssp';

const ROOT = resolve(__dirname, '..', '..');
const FOREIGN = { ods: 'Y12345', asid: '928942012545', partyKey: 'Y12345-0000001' };
const FOREIGN_HOST = 'https://gp-connect.sandbox-supplier.invalid';
const FOREIGN_ROOT = `${FOREIGN_HOST}/Y12345/STU3/1/gpconnect`;

/** A directory that knows only the foreign practice, as the public SDS sandbox knows only its own. */
function foreignRegistry(): Registry {
  const system = {
    id: 'sandbox-supplier',
    name: 'Sandbox supplier',
    role: 'provider' as const,
    supplierOds: 'YES',
    organisations: [FOREIGN.ods],
  };
  const records = providerRecords(system, [FOREIGN], FOREIGN_HOST, ['appointments', 'structured']);
  return { systems: [system], ...records, agreements: [] };
}

/** The nhs-sandbox profile with its SDS pointed at `sdsBase`. */
function sandboxTarget(sdsBase: string): Target {
  const text = readFileSync(join(ROOT, 'targets', 'nhs-sandbox.yaml'), 'utf8').replace(
    'https://sandbox.api.service.nhs.uk/spine-directory/FHIR/R4',
    sdsBase,
  );
  return parseTargetText(text, 'nhs-sandbox.yaml');
}

const metadata = interaction('read metadata');

describe('the embedded SSP behind a real SDS', () => {
  let sds: RunningServer;
  let embedded: EmbeddedSsp;
  before(async () => {
    sds = await startSds({ port: 0, faults: new Faults([]), registry: foreignRegistry });
    embedded = await startEmbeddedSsp(sandboxTarget(`${sds.baseUrl}${SDS_BASE_PATH}`));
  });
  after(async () => {
    await embedded?.stop();
    await sds?.close();
  });

  it('routes every root SDS gave to the embedded provider, and no other', () => {
    assert.equal(embedded.problem, undefined);
    assert.match(embedded.routes.get(FOREIGN_ROOT) ?? '', /^http:\/\/127\.0\.0\.1:\d+\/T99999\/STU3\/1\/gpconnect$/);
    assert.match(embedded.routes.get(`${FOREIGN_ROOT}/structured`) ?? '', /\/T99999\/STU3\/1\/gpconnect\/structured$/);
    assert.equal(embedded.routes.size, 2);
    assert.match(embedded.target.ssp.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("accepts the root and ASID SDS gave, and the provider answers as that practice's stand-in", async () => {
    const result = await sendGpc(new EvidenceLog(), embedded.target, {
      interaction: metadata,
      root: FOREIGN_ROOT,
      providerAsid: FOREIGN.asid,
    });
    assert.equal(result.status, 200, result.text.slice(0, 300));
    assert.equal((JSON.parse(result.text) as { resourceType: string }).resourceType, 'CapabilityStatement');
  });

  it('refuses a root that is not byte-identical to what SDS gave (VARIES_FROM_TARGETURL)', async () => {
    const result = await sendGpc(new EvidenceLog(), embedded.target, {
      interaction: metadata,
      root: FOREIGN_ROOT.replace('https://', 'https://GP-'),
      providerAsid: FOREIGN.asid,
    });
    assert.equal(result.status, 400);
    assert.match(result.text, /VARIES_FROM_TARGETURL/);
  });

  it('refuses a consumer with no data-sharing agreement (FOT_CHECK_FAILED)', async () => {
    const result = await sendGpc(new EvidenceLog(), embedded.target, {
      interaction: metadata,
      root: FOREIGN_ROOT,
      providerAsid: FOREIGN.asid,
      fromAsid: embedded.target.testData.unagreedConsumerAsid,
    });
    assert.equal(result.status, 403);
    assert.match(result.text, /FOT_CHECK_FAILED/);
  });
});

describe('the embedded SSP when the SDS cannot be reached', () => {
  it('gives up reading an SDS that never answers at its deadline, and still starts', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const target = sandboxTarget(`http://127.0.0.1:${(silent.address() as AddressInfo).port}${SDS_BASE_PATH}`);
    const embedded = await startEmbeddedSsp({ ...target, sds: { ...target.sds, timeoutMs: 60_000 } }, 300);
    try {
      assert.match(embedded.problem ?? '', /could not read SDS .* \(no complete answer within 300 ms\)/);
      assert.equal(embedded.routes.size, 0);
    } finally {
      await embedded.stop();
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('starts with the embedded estate only, and names the network fault', async () => {
    const embedded = await startEmbeddedSsp(sandboxTarget('http://sds.gpc-assure.invalid/spine-directory/FHIR/R4'));
    try {
      assert.match(
        embedded.problem ?? '',
        /could not read SDS at http:\/\/sds\.gpc-assure\.invalid\/spine-directory\/FHIR\/R4 \(dns: /,
      );
      assert.equal(embedded.routes.size, 0);
      // It still answers, as an SSP: a receiver no directory it knows registers is refused, not forwarded.
      const result = await sendGpc(new EvidenceLog(), embedded.target, {
        interaction: metadata,
        root: FOREIGN_ROOT,
        providerAsid: FOREIGN.asid,
      });
      assert.equal(result.status, 403);
      assert.match(result.text, /PARTYKEY_INTERACTION_CHECK_FAILED_MESSAGERECEIVER_928942012545/);
    } finally {
      await embedded.stop();
    }
  });
});
