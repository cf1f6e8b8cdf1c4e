import type { AppContext } from './context.ts'
import { seedDemo, type DemoSeedResult } from '../org/seed/seed.ts'
import { DEMO_ORGANISATIONS } from '../org/seed/demo-data.ts'
import { seedDemoTiersAndFacts, seedStandards } from '../standards/content/seed-standards.ts'
import { seedDemoCampaigns, type DemoCampaignsResult } from '../assessments/seed/demo-campaigns.ts'
import { seedDemoResilience, type DemoResilienceResult } from '../dependencies/seed/demo-resilience.ts'

export interface DemoDatasetOptions {
  /** Seed the demo assessment campaigns (default true); tests that build their own may leave them out. */
  campaigns?: boolean
  /** Seed the demo services, providers, dependencies and designation criteria (default true); tests that build their own may leave them out. */
  resilience?: boolean
}

/**
 * The whole demo dataset, module by module: organisations and users, then the sample standards, then the
 * demo operators' tiers and facts, then the services, providers, dependencies and designation criteria of
 * issue 5 (one transaction), then the medical and finance assessment campaigns (a closed previous cycle and an
 * open current one). Each step is idempotent, so a restart after a crash finishes the job (except a sector's
 * campaigns cut short midway: they are kept as they are rather than launched twice).
 */
export async function seedDemoDataset(
  ctx: AppContext, password: string, onProgress?: (done: number, total: number) => void, options: DemoDatasetOptions = {},
): Promise<DemoSeedResult & { resilience: DemoResilienceResult | null; campaigns: DemoCampaignsResult | null }> {
  const result = await seedDemo(ctx, password, onProgress)
  await seedStandards(ctx)
  await seedDemoTiersAndFacts(ctx, DEMO_ORGANISATIONS)
  const resilience = options.resilience ?? true ? await seedDemoResilience(ctx) : null
  const campaigns = options.campaigns ?? true ? await seedDemoCampaigns(ctx) : null
  return { ...result, resilience, campaigns }
}
