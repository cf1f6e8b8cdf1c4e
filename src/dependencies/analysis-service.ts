import type { AppContext } from '../platform/context.ts'
import { invalid, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { listServicesForScope } from '../services/store/services-repository.ts'
import type { CiService } from '../services/domain/service.ts'
import { assembleGraph, dependencyClosure, filterGraph, inducedGraph, type GraphFilter, type Provider } from './domain/assemble.ts'
import { simulateCascade, type CascadeResult, type NodeOutage } from './domain/cascade.ts'
import { analyseSinglePointsOfFailure, type SpofEntry } from './domain/spof.ts'
import type { DependencyGraph, DependencyNode } from './domain/model.ts'
import { listEdgesForScope, listProviders } from './store/dependencies-repository.ts'

/**
 * The analyses of issue 5 over the caller's visible graph (contract, "Visibility"): the NCO's is national;
 * a ministry's holds the services of its sectors' operators, an operator's its own services, and both add
 * everything those services depend on (providers, provider → provider edges, and the services they may see).
 * The graph is assembled per request from the store; nothing is cached (a national graph of a few thousand
 * nodes assembles in milliseconds, and the SPOF analysis is linear in what each failure reaches).
 */

export interface VisibleGraph {
  graph: DependencyGraph
  services: CiService[]
  providers: Provider[]
}

export async function visibleGraph(ctx: AppContext, scope: Scope): Promise<VisibleGraph> {
  const db = ctx.database.db
  const [services, providers, edges] = await Promise.all([listServicesForScope(db, scope), listProviders(db), listEdgesForScope(db, scope)])
  const whole = assembleGraph(services, providers, edges)
  if (scope.organisationKind === 'national_office') return { graph: whole, services, providers }
  // Only what the caller's services lean on: the registry's other providers are not part of its picture.
  const graph = inducedGraph(whole, dependencyClosure(whole, services.map((s) => s.id)))
  const kept = new Set(graph.nodes.map((n) => n.id))
  return { graph, services, providers: providers.filter((p) => kept.has(p.id)) }
}

/** A graph node as exported: the analysis node plus its English name (the web app's second language). */
export type ExportedNode = DependencyNode & { nameEn: string }

export async function graphFor(ctx: AppContext, scope: Scope, filter: GraphFilter): Promise<{ nodes: ExportedNode[]; edges: DependencyGraph['edges'] }> {
  const { graph, services, providers } = await visibleGraph(ctx, scope)
  const english = new Map<string, string>([...services.map((s) => [s.id, s.name.en] as const), ...providers.map((p) => [p.id, p.name.en] as const)])
  const view = filterGraph(graph, filter)
  return { nodes: view.nodes.map((n) => ({ ...n, nameEn: english.get(n.id) || n.name })), edges: view.edges }
}

export async function spofFor(ctx: AppContext, scope: Scope, hours: number): Promise<SpofEntry[]> {
  return analyseSinglePointsOfFailure((await visibleGraph(ctx, scope)).graph, { hours })
}

export interface ScenarioInput {
  nodes: string[]
  prefectures: string[]
}

/** Scenario nodes must be in the caller's graph; an unknown and an invisible id get the same answer. */
export function checkScenario(graph: DependencyGraph, input: ScenarioInput & { outages?: readonly NodeOutage[] }): void {
  const known = new Set(graph.nodes.map((n) => n.id))
  const errors: FieldError[] = []
  const unknown = (path: string, id: string) => errors.push({ path, code: 'dependencies.unknown_node', message: `No service or provider ${id} in your dependency graph.`, params: { value: id } })
  input.nodes.forEach((id, i) => { if (!known.has(id)) unknown(`body.nodes.${i}`, id) })
  ;(input.outages ?? []).forEach((o, i) => { if (!known.has(o.node)) unknown(`body.outages.${i}.node`, o.node) })
  if (input.nodes.length + input.prefectures.length + (input.outages?.length ?? 0) === 0) {
    errors.push({ path: 'body.nodes', code: 'dependencies.scenario_empty', message: 'Name at least one node, prefecture or outage.' })
  }
  if (errors.length > 0) throw invalid('dependencies.invalid_scenario', `Invalid scenario: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
}

export async function simulate(ctx: AppContext, scope: Scope, input: ScenarioInput & { hours: number; outages: NodeOutage[] }): Promise<CascadeResult> {
  const { graph } = await visibleGraph(ctx, scope)
  checkScenario(graph, input)
  return simulateCascade(graph, { nodes: input.nodes, prefectures: input.prefectures, hours: input.hours, outages: input.outages })
}

/**
 * Systemic-dependency scores for designation (S15): the share of the national population affected when one
 * service fails alone (its SPOF entry's people past their MTPD, over `nationalPopulation`); an operator's
 * score is its highest service's. Services whose failure pushes no other service past its MTPD score 0.
 */
export function systemicScores(graph: DependencyGraph, entries: readonly SpofEntry[], nationalPopulation: number): { operators: Record<string, number>; services: Record<string, number> } {
  const services: Record<string, number> = {}
  const operators: Record<string, number> = {}
  const byId = new Map(entries.map((e) => [e.id, e]))
  for (const node of graph.nodes) {
    if (node.kind !== 'service') continue
    const entry = byId.get(node.id)
    const score = entry && nationalPopulation > 0 ? entry.peopleAffected / nationalPopulation : 0
    services[node.id] = score
    operators[node.operatorId] = Math.max(operators[node.operatorId] ?? 0, score)
  }
  return { operators, services }
}

/** The scores over the caller's visible graph, for the designation candidates page. */
export async function systemicScoresFor(ctx: AppContext, scope: Scope, nationalPopulation: number, hours = 72) {
  const { graph } = await visibleGraph(ctx, scope)
  return systemicScores(graph, analyseSinglePointsOfFailure(graph, { hours }), nationalPopulation)
}
