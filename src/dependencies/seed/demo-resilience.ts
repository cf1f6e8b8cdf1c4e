import { createHash } from 'node:crypto'
import type { AppContext } from '../../platform/context.ts'
import { inTransaction } from '../../platform/db/database.ts'
import type { FieldError } from '../../platform/errors.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import { appendAudit } from '../../audit/store/audit-repository.ts'
import { getOrganisationUnscoped } from '../../org/store/organisation-repository.ts'
import type { CiService } from '../../services/domain/service.ts'
import { validateCriteria, type CriteriaSet } from '../../services/domain/designation.ts'
import { batchProblems } from '../../services/services-service.ts'
import { insertCriteriaSet, insertServiceRow, serviceIdsByName, writeServiceChildren } from '../../services/store/services-repository.ts'
import { assembleGraph, type Provider, type StoredEdge } from '../domain/assemble.ts'
import { validateGraph } from '../domain/cascade.ts'
import type { Failover } from '../domain/model.ts'
import { checkEdge, checkProvider } from '../dependencies-service.ts'
import { findProvidersByName, insertEdges, insertProviders, type NodeFacts } from '../store/dependencies-repository.ts'
import { DEMO_CRITERIA, DEMO_EDGES, DEMO_PROVIDERS, DEMO_SERVICES } from './demo-resilience-data.ts'

/**
 * Demo step for issue 5: the demo operators' CI services, the provider registry, the dependency edges and the
 * NCO's designation criteria set (data and story in demo-resilience-data.ts).
 *
 * Everything is checked first with the same rules the API applies (services: domain checks, sector of the
 * operator, substitutes, unique names; providers; edges: ends, alternatives, failover; the graph as a whole;
 * the criteria set), then written in ONE transaction with one audit entry per record and a mark in `setting`:
 * a crash leaves nothing half-seeded, and a second run changes nothing. Ids are derived from the keys of the
 * data file (name-based UUIDs), so they are the same in every installation.
 *
 * If an installation already holds a service or provider under one of the demo names (someone recorded it before
 * this step existed), the step is skipped and says why, rather than failing the server's start.
 */

const MARK = 'seed.demo_resilience'
/** The audit actor of seeded records (the demo campaigns use the same label for operators without a user). */
const ACTOR = 'system:demo'

/** A name-based UUID (version 5 layout, SHA-1) for a key of the demo data: stable across installations. */
export function demoResilienceId(key: string): string {
  const h = createHash('sha1').update(`kaname/demo-resilience/${key}`).digest()
  h[6] = (h[6]! & 0x0f) | 0x50
  h[8] = (h[8]! & 0x3f) | 0x80
  const hex = h.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

export interface DemoResiliencePlan {
  services: CiService[]
  providers: Provider[]
  edges: StoredEdge[]
  criteria: CriteriaSet
}

const failoverOf = (f: 'none' | 'automatic' | number): Failover => (typeof f === 'number' ? { kind: 'manual', hours: f } : { kind: f })

/** The records the step writes, stamped `at` (pure: no database). */
export function demoResiliencePlan(at: string): DemoResiliencePlan {
  const keys = new Map<string, 'service' | 'provider'>()
  for (const s of DEMO_SERVICES) keys.set(s.key, 'service')
  for (const p of DEMO_PROVIDERS) keys.set(p.key, 'provider')
  const id = (key: string) => {
    if (!keys.has(key)) throw new Error(`demo resilience data: unknown key ${key}`)
    return demoResilienceId(key)
  }
  const services = DEMO_SERVICES.map((s): CiService => ({
    id: id(s.key), operatorId: s.operator, name: { ja: s.ja, en: s.en }, sector: s.sector, type: s.type,
    peopleServed: s.people, businessesServed: s.businesses,
    prefectures: Object.entries(s.prefectures).map(([prefectureCode, people]) => ({ prefectureCode, people })),
    substitutes: (s.substitutes ?? []).map(([key, takeoverHours]) => ({ serviceId: id(key), takeoverHours })),
    mtpdHours: s.mtpd, rtoHours: s.rto, rpoHours: s.rpo, rlo: s.rlo,
    impact: { afterHour: Math.round(s.people * s.impact[0]), afterDay: Math.round(s.people * s.impact[1]), afterWeek: Math.round(s.people * s.impact[2]) },
  }))
  const providers = DEMO_PROVIDERS.map((p): Provider => ({
    id: id(p.key), name: { ja: p.ja, en: p.en }, providerType: p.providerType, prefectures: [...p.prefectures],
    annualFailureProbability: p.annualFailureProbability ?? null, registeredBy: p.org, createdAt: at, updatedAt: at,
  }))
  const edges = DEMO_EDGES.map((e): StoredEdge => ({
    id: demoResilienceId(`edge:${e.from}->${e.to}`), from: id(e.from), fromKind: keys.get(e.from)!, to: id(e.to), toKind: keys.get(e.to)!, type: e.type,
    criticality: e.criticality ?? 'critical', failover: failoverOf(e.failover), alternatives: (e.alternatives ?? []).map(id), ownerOrg: e.owner,
    createdAt: at, updatedAt: at,
  }))
  const criteria: CriteriaSet = {
    id: demoResilienceId(`criteria:${DEMO_CRITERIA.key}`), definedBy: DEMO_CRITERIA.definedBy, name: { ...DEMO_CRITERIA.name },
    combine: DEMO_CRITERIA.combine, criteria: DEMO_CRITERIA.criteria.map((c) => ({ ...c })),
  }
  return { services, providers, edges, criteria }
}

export interface DemoResilienceResult {
  seeded: boolean
  services: number
  providers: number
  edges: number
  criteriaSetId: string | null
  /** Why the step did not run although it had not run before (demo names already taken). */
  skipped: string[]
  /** Wall-clock time of the step, for the start-up log and for keeping an eye on test set-up cost. */
  elapsedMs: number
}

const NCO_CHECKER: Scope = { actor: ACTOR, userId: null, organisationId: 'nco', organisationKind: 'national_office', role: 'admin', sectorIds: [] }

/**
 * Checks the plan as the API would; returns names already taken in this installation (a reason to skip) and
 * throws on anything else, which can only be a mistake in the demo data.
 */
async function checkPlan(ctx: AppContext, plan: DemoResiliencePlan): Promise<string[]> {
  const db = ctx.database.db
  const taken: string[] = []
  const bugs: string[] = []
  const ids = new Set([...plan.services.map((s) => s.id), ...plan.providers.map((p) => p.id)])
  const label = new Map([...DEMO_SERVICES.map((s) => [demoResilienceId(s.key), s.key] as const), ...DEMO_PROVIDERS.map((p) => [demoResilienceId(p.key), p.key] as const)])
  const report = (what: string, errors: readonly FieldError[]) => bugs.push(...errors.map((e) => `${what}: ${e.path}: ${e.message}`))

  const byOperator = new Map<string, CiService[]>()
  for (const s of plan.services) byOperator.set(s.operatorId, [...(byOperator.get(s.operatorId) ?? []), s])
  for (const [operatorId, services] of byOperator) {
    const operator = await getOrganisationUnscoped(db, operatorId)
    if (!operator || operator.kind !== 'operator') {
      bugs.push(`${operatorId}: not a demo operator`)
      continue
    }
    const stored = await serviceIdsByName(db, operatorId)
    for (const s of services) if (stored.has(s.name.ja)) taken.push(`service ${operatorId} / ${s.name.ja}`)
    const problems = await batchProblems(db, operator, services.map((service) => ({ service, where: (p: string) => p })))
    // Substitutes of other operators are in the plan, not yet in the database; taken names are reported above.
    const real = problems.filter((e) => !(e.code === 'service.substitute_unknown' && ids.has(String(e.params?.value)))
      && !(e.code === 'service.name_duplicate' && stored.has(String(e.params?.value))))
    report(`services of ${operatorId}`, real)
  }

  for (const p of plan.providers) {
    report(`provider ${label.get(p.id)}`, checkProvider(p, (f) => f))
    if (!(await getOrganisationUnscoped(db, p.registeredBy))) bugs.push(`provider ${label.get(p.id)}: no organisation ${p.registeredBy}`)
    for (const name of [p.name.ja, p.name.en]) if ((await findProvidersByName(db, name)).length > 0) taken.push(`provider ${name}`)
  }

  const facts = new Map<string, NodeFacts>([
    ...plan.services.map((s): [string, NodeFacts] => [s.id, { id: s.id, kind: 'service', operatorId: s.operatorId, registeredBy: null, name: s.name }]),
    ...plan.providers.map((p): [string, NodeFacts] => [p.id, { id: p.id, kind: 'provider', operatorId: null, registeredBy: p.registeredBy, name: p.name }]),
  ])
  const pairs = new Set<string>()
  const owners = new Set<string>()
  for (const e of plan.edges) {
    const what = `edge ${label.get(e.from)} -> ${label.get(e.to)}`
    report(what, checkEdge(NCO_CHECKER, e, facts, (f) => f))
    if (pairs.has(`${e.from}>${e.to}`)) bugs.push(`${what}: recorded twice`)
    pairs.add(`${e.from}>${e.to}`)
    owners.add(e.ownerOrg)
  }
  for (const owner of owners) if (!(await getOrganisationUnscoped(db, owner))) bugs.push(`edges: no organisation ${owner}`)
  try {
    validateGraph(assembleGraph(plan.services, plan.providers, plan.edges))
  } catch (error) {
    bugs.push(`graph: ${(error as Error).message}`)
  }
  report('criteria', validateCriteria(plan.criteria))
  if (!(await getOrganisationUnscoped(db, plan.criteria.definedBy))) bugs.push(`criteria: no organisation ${plan.criteria.definedBy}`)

  if (bugs.length > 0) throw new Error(`The demo resilience data is invalid:\n  ${bugs.join('\n  ')}`)
  return taken
}

/** What the audit log keeps of a seeded service (the fields the services module records). */
function serviceAuditView(s: CiService) {
  const { id: _id, operatorId: _operator, ...rest } = s
  return rest
}

/**
 * Seeds the services, providers, dependencies and criteria set unless done before (a mark in `setting`).
 * Needs the demo organisations (seedDemo) first.
 */
export async function seedDemoResilience(ctx: AppContext): Promise<DemoResilienceResult> {
  const db = ctx.database.db
  const none = { seeded: false, services: 0, providers: 0, edges: 0, criteriaSetId: null, skipped: [], elapsedMs: 0 }
  if (await db.selectFrom('setting').select('key').where('key', '=', MARK).executeTakeFirst()) return none
  const started = performance.now()
  const now = ctx.now()
  const at = now.toISOString()
  const plan = demoResiliencePlan(at)
  const taken = await checkPlan(ctx, plan)
  if (taken.length > 0) return { ...none, skipped: taken, elapsedMs: Math.round(performance.now() - started) }

  const seeded = await inTransaction(ctx.database, async (trx) => {
    // Another process may have seeded it meanwhile.
    if (await trx.selectFrom('setting').select('key').where('key', '=', MARK).executeTakeFirst()) return false
    // Rows first, then prefectures and substitutes: substitutes point at services of other operators.
    for (const s of plan.services) await insertServiceRow(trx, s, at, ACTOR)
    for (const s of plan.services) {
      await writeServiceChildren(trx, s)
      await appendAudit(trx, { actor: ACTOR, organisationId: s.operatorId, action: 'services.create', targetType: 'ci_service', targetId: s.id, after: serviceAuditView(s) }, now)
    }
    await insertProviders(trx, plan.providers)
    for (const p of plan.providers) {
      await appendAudit(trx, { actor: ACTOR, organisationId: p.registeredBy, action: 'dependencies.provider_create', targetType: 'dependency_provider', targetId: p.id, after: p }, now)
    }
    await insertEdges(trx, plan.edges)
    for (const e of plan.edges) {
      await appendAudit(trx, { actor: ACTOR, organisationId: e.ownerOrg, action: 'dependencies.edge_create', targetType: 'dependency_edge', targetId: e.id, after: e }, now)
    }
    await insertCriteriaSet(trx, plan.criteria, at, ACTOR)
    await appendAudit(trx, { actor: ACTOR, organisationId: plan.criteria.definedBy, action: 'services.criteria_create', targetType: 'designation_criteria_set', targetId: plan.criteria.id, after: plan.criteria }, now)
    await trx.insertInto('setting').values({ key: MARK, value: at }).execute()
    await appendAudit(trx, {
      actor: ACTOR, organisationId: null, action: 'seed.demo_resilience', targetType: 'setting', targetId: MARK,
      after: { services: plan.services.length, providers: plan.providers.length, edges: plan.edges.length, criteriaSets: 1 },
    }, now)
    return true
  })
  if (!seeded) return none
  return {
    seeded: true, services: plan.services.length, providers: plan.providers.length, edges: plan.edges.length, criteriaSetId: plan.criteria.id,
    skipped: [], elapsedMs: Math.round(performance.now() - started),
  }
}
