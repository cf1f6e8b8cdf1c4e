import { parseArgs } from 'node:util'
import type { Condition, LocalizedText, Mapping, MappingRelationship, Parameter, RequirementNode, ResolvedNode, Strength, TierLevel } from '../src/standards/domain/model.ts'
import { OPERATOR_FACTS } from '../src/standards/domain/governance.ts'
import type { OperatorContext } from '../src/obligations/domain/applicability.ts'
import { prepareBindings, resolveFor, type Binding, type Obligation } from '../src/obligations/domain/resolve-obligations.ts'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { seededRandom } from '../src/platform/seeded-random.ts'

/**
 * Obligations benchmark (issue 3): "what applies to me" for every operator at once, against loading the
 * same inputs in the same run.
 *
 * Synthetic, seeded data (no Math.random): a Unified-Standard-like catalog of `--catalog` nodes, three
 * sector profiles resolved from it (medical small-clinic tier, medical national-systems tier, finance), two
 * sector guidelines and a law as further binding documents, `--mappings` crosswalks (to those documents and
 * to an unbound foreign framework) and `--operators` operators with random sectors, tiers, flags and facts.
 * All inputs are serialised to JSON once, as they would come out of the database.
 *
 * - load = JSON.parse of every input + building the in-memory objects (bindings, operator contexts).
 * - resolution = prepareBindings over every binding + resolveFor for every operator with its own bindings.
 * Both run `--warmup` untimed then `--rounds` timed times, alternating, each resolution on freshly loaded
 * inputs (so no cache survives a round); the medians of the timed rounds are compared. Target: resolution ≤
 * 2 × load.
 */
const { values: opts } = parseArgs({
  options: {
    operators: { type: 'string', default: '10000' },
    catalog: { type: 'string', default: '2000' },
    mappings: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '20260401' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
  },
})
const OPERATORS = Number(opts.operators)
const CATALOG = Number(opts.catalog)
const MAPPINGS = Number(opts.mappings)
const ROUNDS = Number(opts.rounds)
/**
 * Untimed rounds first, the same work as a timed round: the first rounds of both phases run on code V8 has
 * not optimised yet (resolution most, load hardly: it is mostly native JSON.parse), so without them the median
 * measured warm-up rather than either phase. Printed, so the reader can judge.
 */
const WARMUP = Number(opts.warmup)
const TARGET = 2

// ---------------------------------------------------------------------------------------------------------
// Seeded synthetic data
// ---------------------------------------------------------------------------------------------------------

const random = seededRandom(Number(opts.seed))
const chance = (p: number) => random() < p
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))

const JA = ['重要インフラ事業者は', '情報システムの', 'バックアップを定期的に取得し', '復旧手順を文書化し', '脆弱性情報を収集して',
  '責任者を任命し', '委託先の管理状況を確認し', '通信を必要最小限に制限し', '訓練を年一回以上実施し', '経営層に報告すること。']
const EN = ['Operators shall', 'maintain an inventory of', 'network devices and data flows,', 'test restoration from backups,',
  'restrict communication to what is necessary,', 'appoint a responsible officer,', 'assess suppliers and cloud services,',
  'report incidents without delay,', 'and review the measures at least annually.']
const words = (pool: readonly string[], n: number, sep: string) => Array.from({ length: n }, () => pick(pool)).join(sep)
const text = (n: number): LocalizedText => ({ ja: words(JA, n, ''), en: words(EN, n, ' ') })

const FACTS = OPERATOR_FACTS
const SECTORS = ['medical', 'finance', 'electricity', 'gas', 'railway', 'water', 'telecom'] as const
const fact = (f: string): Condition => ({ kind: 'fact', fact: f })
const tier = (...levels: TierLevel[]): Condition => ({ kind: 'tier_level', levels })
/** Applicability as standards write it: mostly unconditional, the rest from a small shared vocabulary. */
const CONDITIONS: Condition[] = [
  ...FACTS.map(fact),
  ...SECTORS.map((s): Condition => ({ kind: 'sector', sectors: [s] })),
  { kind: 'sector', sectors: ['medical', 'finance'] },
  tier('enhanced'), tier('standard', 'enhanced'), tier('baseline'),
  { kind: 'flag', flag: 'esDesignated' }, { kind: 'flag', flag: 'acdDesignated' },
  { kind: 'all', of: [fact('operates_ot'), tier('standard', 'enhanced')] },
  { kind: 'any', of: [fact('uses_cloud'), fact('internet_facing_systems')] },
  { kind: 'not', of: fact('uses_cloud') },
  { kind: 'all', of: [{ kind: 'sector', sectors: ['medical'] }, { kind: 'not', of: tier('baseline') }] },
  { kind: 'any', of: [{ kind: 'flag', flag: 'esDesignated' }, tier('enhanced')] },
]
const applicability = (): Condition => (chance(0.6) ? { kind: 'always' } : pick(CONDITIONS))
const strength = (): Strength => (chance(0.6) ? 'must' : chance(0.7) ? 'should' : 'may')

function requirement(id: string, number: string, parentId: string | null): RequirementNode {
  const parameters: Parameter[] = []
  if (chance(0.2)) parameters.push({ id: `${id}_days`, label: { ja: '間隔', en: 'Interval' }, type: 'integer', value: pick([7, 30, 90, 365]), unit: 'days', stricter: 'lower' })
  if (chance(0.05)) parameters.push({ id: `${id}_offline`, label: { ja: 'オフライン保管', en: 'Offline copy' }, type: 'boolean', value: true, stricter: 'higher' })
  return {
    id, parentId, number, kind: 'requirement', title: text(2), text: text(int(3, 6)), strength: strength(),
    addressee: chance(0.92) ? 'operator' : pick(['ministry', 'government'] as const), parameters,
    applicability: applicability(), guidance: text(int(2, 4)), evidence: Array.from({ length: int(0, 2) }, () => text(2)),
  }
}

function group(id: string, number: string, parentId: string | null): RequirementNode {
  return {
    id, parentId, number, kind: 'group', title: text(2), text: { ja: '', en: '' }, strength: null, addressee: null,
    parameters: [], applicability: { kind: 'always' }, guidance: { ja: '', en: '' }, evidence: [],
  }
}

/** A chapter-3-style catalog: 3.c (chapters) / 3.c.s (sections) / 3.c.s.r (requirements). */
function catalog(size: number): RequirementNode[] {
  const nodes: RequirementNode[] = []
  const chapters = 10
  const sections = 18
  for (let c = 1; c <= chapters; c++) nodes.push(group(`us-3.${c}`, `3.${c}`, null))
  for (let c = 1; c <= chapters; c++) for (let s = 1; s <= sections; s++) nodes.push(group(`us-3.${c}.${s}`, `3.${c}.${s}`, `us-3.${c}`))
  for (let r = 1; nodes.length < size; r++) {
    for (let c = 1; c <= chapters && nodes.length < size; c++) {
      for (let s = 1; s <= sections && nodes.length < size; s++) nodes.push(requirement(`us-3.${c}.${s}.${r}`, `3.${c}.${s}.${r}`, `us-3.${c}.${s}`))
    }
  }
  return nodes
}

function resolved(nodes: RequirementNode[], originVersionId: string): ResolvedNode[] {
  return nodes.map((n) => ({ ...n, origin: { versionId: originVersionId, number: n.number } }))
}

function document(prefix: string, size: number, origin: string, number: (i: number) => string): ResolvedNode[] {
  return resolved(Array.from({ length: size }, (_, i) => requirement(`${prefix}-${i + 1}`, number(i + 1), null)), origin)
}

const US = 'us-v1'
const base = catalog(CATALOG)
const requirements = base.filter((n) => n.kind === 'requirement')

const profileSmall = resolved(
  base.filter((n) => n.kind === 'group' || (n.strength === 'must' && n.applicability.kind === 'always' && chance(0.25))),
  US,
).map((n) => (n.kind === 'requirement' ? { ...n, plain: { ja: `${n.title.ja}ができていますか`, en: '' } } : n))
const profileNational = [
  ...resolved(base, US).map((n) => (n.strength === 'should' && chance(0.3) ? { ...n, strength: 'must' as const } : n)),
  ...document('med-nat', 40, 'med-national-v1', (i) => `M.${i}`),
]
const profileFinance = resolved(base.filter((n) => n.kind === 'group' || n.strength === 'must' || chance(0.6)), US)
const medicalGuideline = document('mgl', 300, 'med-gl-v1', (i) => `${Math.ceil(i / 10)}.${((i - 1) % 10) + 1}`)
const financeGuideline = document('fgl', 300, 'fin-gl-v1', (i) => `${Math.ceil(i / 12)}-${((i - 1) % 12) + 1}`)
const law = document('art', 80, 'csb-law-v1', (i) => `${i}`).map((n) => ({
  ...n, strength: 'must' as const, addressee: 'operator' as const,
  // A law binds designated operators: the flag is the node's condition, so the reason names it.
  applicability: { kind: 'any', of: [{ kind: 'flag', flag: 'esDesignated' }, { kind: 'flag', flag: 'acdDesignated' }] } as Condition,
}))

const RELATIONSHIPS: readonly MappingRelationship[] = ['equivalent-to', 'equivalent-to', 'equivalent-to', 'subset-of', 'subset-of', 'superset-of', 'intersects-with', 'intersects-with', 'intersects-with']
function crosswalk(count: number, sourceVersionId: string, sources: readonly { id: string }[], targetVersionId: string, targets: readonly { id: string }[]): Mapping[] {
  const out: Mapping[] = []
  for (let k = 0; k < count; k++) {
    // Each source maps to a few targets near one anchor, as real crosswalks do (one guideline item ↔ a handful of requirements).
    const i = k % sources.length
    const anchor = Math.floor((i / sources.length) * targets.length)
    const target = targets[Math.min(targets.length - 1, anchor + int(0, 3))]!
    out.push({
      sourceVersionId, sourceNodeId: sources[i]!.id, targetVersionId, targetNodeId: target.id,
      relationship: pick(RELATIONSHIPS), rationale: 'synthetic',
    })
  }
  return out
}
const csf = Array.from({ length: 106 }, (_, i) => ({ id: `csf-${i + 1}` }))
const share = (fraction: number) => Math.round(MAPPINGS * fraction)
const mappings: Mapping[] = [
  ...crosswalk(share(0.48), US, requirements, 'nist-csf-2', csf),
  ...crosswalk(share(0.18), 'med-gl-v1', medicalGuideline, US, requirements),
  ...crosswalk(share(0.18), 'fin-gl-v1', financeGuideline, US, requirements),
  ...crosswalk(share(0.1), 'csb-law-v1', law, US, requirements),
]
mappings.push(...crosswalk(MAPPINGS - mappings.length, 'med-gl-v1', medicalGuideline, 'csb-law-v1', law))

interface OperatorRecord {
  id: string
  sectors: string[]
  tierLevel: TierLevel
  tierKey: string
  esDesignated: boolean
  acdDesignated: boolean
  facts: string[]
}
const operators: OperatorRecord[] = Array.from({ length: OPERATORS }, (_, i) => {
  const primary = chance(0.55) ? 'medical' : 'finance'
  const sectors = chance(0.05) ? ['medical', 'finance'] : [primary]
  const tierLevel: TierLevel = chance(0.5) ? 'baseline' : chance(0.6) ? 'standard' : 'enhanced'
  return {
    id: `op-${i}`, sectors, tierLevel, tierKey: `${primary}-${tierLevel}`,
    esDesignated: chance(0.3), acdDesignated: chance(0.2), facts: FACTS.filter(() => chance(0.4)),
  }
})

interface DocumentRecord {
  documentId: string
  documentKind: Binding['documentKind']
  title: LocalizedText
  versionId: string
  versionLabel: string
  nodes: ResolvedNode[]
}
const doc = (documentId: string, documentKind: Binding['documentKind'], versionId: string, nodes: ResolvedNode[]): DocumentRecord =>
  ({ documentId, documentKind, title: { ja: documentId, en: documentId }, versionId, versionLabel: '2026', nodes })

// As the database would hand them over: one JSON text per table-ish input.
const inputs = {
  // The catalog the profiles were resolved from is loaded as the database would hand it over, though only
  // its profiles bind operators.
  catalog: JSON.stringify(doc('us', 'unified_standard', US, resolved(base, US))),
  documents: JSON.stringify([
    doc('med-small', 'sector_standard', 'med-small-v1', profileSmall),
    doc('med-national', 'sector_standard', 'med-national-v1', profileNational),
    doc('finance', 'sector_standard', 'fin-v1', profileFinance),
    doc('med-gl', 'guideline', 'med-gl-v1', medicalGuideline),
    doc('fin-gl', 'guideline', 'fin-gl-v1', financeGuideline),
    doc('csb-law', 'law', 'csb-law-v1', law),
  ]),
  mappings: JSON.stringify(mappings),
  operators: JSON.stringify(operators),
}
const inputBytes = Object.values(inputs).reduce((n, s) => n + Buffer.byteLength(s), 0)

// ---------------------------------------------------------------------------------------------------------
// Load and resolution
// ---------------------------------------------------------------------------------------------------------

interface Loaded {
  catalog: DocumentRecord
  documents: Map<string, DocumentRecord>
  mappings: Mapping[]
  operators: OperatorContext[]
}

function load(): Loaded {
  const catalog = JSON.parse(inputs.catalog) as DocumentRecord
  const documents = new Map((JSON.parse(inputs.documents) as DocumentRecord[]).map((d) => [d.documentId, d]))
  const mappings = JSON.parse(inputs.mappings) as Mapping[]
  const operators = (JSON.parse(inputs.operators) as OperatorRecord[]).map((o): OperatorContext => ({
    organisationId: o.id, sectors: o.sectors, tierLevel: o.tierLevel, tierKey: o.tierKey,
    flags: { esDesignated: o.esDesignated, acdDesignated: o.acdDesignated }, facts: new Set(o.facts),
  }))
  return { catalog, documents, mappings, operators }
}

/** Every binding any operator may have: each document with the reason it binds (here one reason per document). */
const REASONS: Record<string, string> = {
  'med-small': 'sector-standard:medical/tier:medical-small',
  'med-national': 'sector-standard:medical/tier:medical-national',
  'finance': 'sector-standard:finance',
  'med-gl': 'guideline:sector=medical',
  'fin-gl': 'guideline:sector=finance',
  'csb-law': 'law:cybersecurity-basic-act',
}

function bindingsFrom(documents: Map<string, DocumentRecord>): Map<string, Binding> {
  return new Map([...documents.values()].map((d) => [d.documentId, {
    documentId: d.documentId, documentKind: d.documentKind, documentTitle: d.title, versionId: d.versionId,
    versionLabel: d.versionLabel, why: REASONS[d.documentId]!, nodes: d.nodes,
  }]))
}

/** Which documents bind an operator (the service layer's job; here the demo's rules). */
function bindingsOf(operator: OperatorContext, all: Map<string, Binding>): Binding[] {
  const chosen: Binding[] = []
  if (operator.sectors.includes('medical')) {
    chosen.push(all.get(operator.tierLevel === 'baseline' ? 'med-small' : 'med-national')!, all.get('med-gl')!)
  }
  if (operator.sectors.includes('finance')) chosen.push(all.get('finance')!, all.get('fin-gl')!)
  chosen.push(all.get('csb-law')!)
  return chosen
}

/** Prepares every binding once and resolves every operator with its own; `visit` (untimed runs only) sees each answer. */
function resolveAll(loaded: Loaded, sample: () => void, visit?: (answer: readonly Obligation[]) => void): { obligations: number; sources: number } {
  const all = bindingsFrom(loaded.documents)
  const prepared = prepareBindings([...all.values()], loaded.mappings)
  let obligations = 0
  for (let i = 0; i < loaded.operators.length; i++) {
    const operator = loaded.operators[i]!
    const answer = resolveFor(prepared, operator, bindingsOf(operator, all))
    obligations += answer.length
    visit?.(answer)
    if ((i & 1023) === 0) sample()
  }
  return { obligations, sources: prepared.sourceCount }
}

/**
 * Garbage from one phase used to be collected in whichever phase allocated next (load's young-generation
 * garbage, 30–50 ms, typically landed in resolution). Each phase now ends with a young-generation
 * collection inside its own timing, so each pays for exactly its own garbage; every round starts from a
 * full collection outside the timing.
 */
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor'; execution: 'sync' }) => void
const collectYoung = () => gc({ type: 'minor', execution: 'sync' })
/**
 * A young-generation object is copied on its first scavenge and promoted (copied again) on its second: with a
 * single scavenge at the end of load, the promotion of load's live inputs landed in resolution's scavenge.
 * Two scavenges make load pay for carrying its own objects into the old generation.
 */
const settleYoung = () => { collectYoung(); collectYoung() }

let peakRss = process.memoryUsage().rss
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss) }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const loadTimes: number[] = []
const resolveTimes: number[] = []
let summary = { obligations: 0, sources: 0 }
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  gc({ type: 'major', execution: 'sync' })
  const t0 = performance.now()
  const loaded = load()
  settleYoung()
  const t1 = performance.now()
  sample()
  summary = resolveAll(loaded, sample)
  collectYoung()
  const t2 = performance.now()
  sample()
  if (round < WARMUP) continue
  loadTimes.push(t1 - t0)
  resolveTimes.push(t2 - t1)
}

// Untimed: how much merging the answers contain, and how many distinct answers there were.
let merged = 0
const distinct = new Set<readonly Obligation[]>()
resolveAll(load(), sample, (answer) => {
  distinct.add(answer)
  for (const o of answer) if (o.sources.length > 1) merged++
})

const loadMs = median(loadTimes)
const resolveMs = median(resolveTimes)
const ratio = resolveMs / loadMs
const fmt = (n: number) => n.toFixed(1)
console.log(`obligations benchmark: ${OPERATORS} operators, ${base.length}-node catalog, 3 profiles (${profileSmall.length}/${profileNational.length}/${profileFinance.length} nodes), ` +
  `2 guidelines + 1 law, ${mappings.length} mappings; inputs ${(inputBytes / 1e6).toFixed(1)} MB JSON; seed ${opts.seed}; ${WARMUP} untimed warm-up + ${ROUNDS} timed rounds`)
console.log(`load (JSON.parse + objects):        ${fmt(loadMs)} ms  (rounds: ${loadTimes.map(fmt).join(', ')})`)
console.log(`resolution (prepare + resolve all): ${fmt(resolveMs)} ms  (rounds: ${resolveTimes.map(fmt).join(', ')})`)
console.log(`ratio resolution/load: ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`)
console.log(`obligations total: ${summary.obligations} (${(summary.obligations / OPERATORS).toFixed(1)} per operator, ${merged} merged from several sources); ` +
  `sources prepared: ${summary.sources}; distinct answers: ${distinct.size}`)
console.log(`peak RSS: ${(peakRss / 1048576).toFixed(0)} MiB`)
