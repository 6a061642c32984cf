import { seedSimulatedSpace, simulatedRecords, type SimulatedRecords } from '../../fixtures/simulated-space';
import { startHarness, type Harness } from './harness';

/** The harness over a space seeded with the simulator's records (tiny scale), and those records for the assertions. */
export async function startSimulatedHarness(): Promise<{ harness: Harness; records: SimulatedRecords }> {
  const records = await simulatedRecords();
  const harness = await startHarness({ seed: (dir) => seedSimulatedSpace(dir, records) });
  return { harness, records };
}
