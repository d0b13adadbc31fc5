import * as os from 'os';
import * as path from 'path';
import { startServiceInProcess } from '@limye/testing';
import { eligibilityService } from '../eligibility.service-definition';
import { RunningSimulators, startSimulators } from '@limye/simulators/testing';
import { programmeTestEnv } from '../programme/testing/programme-test.helpers';

describe('eligibility start with a bad LOCATIONS_FILE (real bootstrap, Postgres + NATS)', () => {
  let sim: RunningSimulators;
  beforeAll(async () => {
    sim = await startSimulators({ only: ['rwanda'] });
  });
  afterAll(() => sim?.close());

  it('does not start, and the error names LOCATIONS_FILE', async () => {
    const missing = path.join(os.tmpdir(), 'limye-no-such-locations.json');
    await expect(startServiceInProcess(eligibilityService, programmeTestEnv(sim, { LOCATIONS_FILE: missing }))).rejects.toThrow(
      `LOCATIONS_FILE=${missing}: cannot read the file`,
    );
  });
});
