/**
 * Issue 14 item 4: an estate rebuilt from SDS with nothing of an organisation in it is a gap, not a pass;
 * records are filed under the organisation they name, and another organisation's records are set aside.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { startSimulators } from '../../support/simulators';
import { assessEstate, ESTATE_ODS_ENV } from '../../support/topology/assessment';
import { registryFromSds } from '../../support/topology/from-sds';

test('an ODS code SDS holds nothing of is missing, and assessing it names the gap', async () => {
  const sims = await startSimulators();
  try {
    const { registry, missing } = await registryFromSds(sims.target, ['Y12345']);
    assert.deepEqual([registry.as.length, registry.mhs.length, missing], [0, 0, ['Y12345']]);
    const estate = await assessEstate(sims.target, { [ESTATE_ODS_ENV]: 'T99999,Y12345' });
    assert.match(estate.gap ?? '', /no GP Connect record \(Endpoint or Device\) of Y12345/);
    assert.equal((await assessEstate(sims.target, { [ESTATE_ODS_ENV]: 'T99999' })).gap, undefined);
  } finally {
    await sims.stop();
  }
});

test("another organisation's Endpoint is filed under its own organisation and set aside", async () => {
  const sims = await startSimulators({ faults: ['sds-endpoint-other-organisation'] });
  try {
    const { registry, setAside } = await registryFromSds(sims.target, ['T99999']);
    assert.ok(registry.mhs.every((m) => m.odsCode === 'T99999'));
    assert.ok(
      setAside.some((s) => /^Endpoint .* of A20047, not of T99999$/.test(s)),
      setAside.join('\n'),
    );
  } finally {
    await sims.stop();
  }
});
