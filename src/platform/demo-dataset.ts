import type { AppContext } from './context.ts'
import { seedDemo, type DemoSeedResult } from '../org/seed/seed.ts'
import { DEMO_ORGANISATIONS } from '../org/seed/demo-data.ts'
import { seedDemoTiersAndFacts, seedStandards } from '../standards/content/seed-standards.ts'

/**
 * The whole demo dataset, module by module: organisations and users, then the sample standards, then the
 * demo operators' tiers and facts. Each step is idempotent, so a restart after a crash finishes the job.
 */
export async function seedDemoDataset(ctx: AppContext, password: string, onProgress?: (done: number, total: number) => void): Promise<DemoSeedResult> {
  const result = await seedDemo(ctx, password, onProgress)
  await seedStandards(ctx)
  await seedDemoTiersAndFacts(ctx, DEMO_ORGANISATIONS)
  return result
}
