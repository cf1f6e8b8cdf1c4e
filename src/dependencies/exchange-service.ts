import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import type { FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { readTable, rowError, rowPath, throwIfProblems, writeTable, type TabularFormat, type TabularLocale } from '../platform/tabular/tabular.ts'
import type { Provider } from './domain/assemble.ts'
import type { Failover } from './domain/model.ts'
import { checkEdge, checkProvider, mayChangeProvider, mayWriteFrom, type EdgeInput } from './dependencies-service.ts'
import {
  EDGE_COLUMNS, PROVIDER_COLUMNS, edgeCells, edgeRow, providerCells, providerRow, type EdgeDraft, type NodeRef, type ProviderDraft,
} from './formats/dependency-table.ts'
import {
  findEdgeUnscoped, insertEdges, insertProviders, listEdgesForScope, listNodesForScope, listProviders, updateEdge, updateProvider,
  type EdgeRecord, type NodeFacts,
} from './store/dependencies-repository.ts'

/**
 * Providers and dependency edges in and out as CSV (UTF-8 with BOM) or XLSX. An import is all or nothing:
 * every row is checked first, against the file's other rows and against what the caller may read and write,
 * and any problem refuses the whole file with every error naming its row and column (`rows[4].to`, the
 * heading being row 1). Rows with an id change that record; rows without one are matched by their natural key
 * (a provider by its Japanese name, an edge by its two ends), so importing the same file twice changes nothing.
 */

export const EXCHANGE_KINDS = ['providers', 'edges'] as const
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number]
/** A national list of a few thousand rows is well under a megabyte; the tabular reader also caps rows. */
export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024

export interface ImportResult {
  kind: ExchangeKind
  rows: number
  created: number
  updated: number
  unchanged: number
}

export async function exportDependencies(ctx: AppContext, scope: Scope, kind: ExchangeKind, format: TabularFormat, locale: TabularLocale): Promise<Buffer> {
  const db = ctx.database.db
  if (kind === 'providers') {
    const rows = (await listProviders(db)).map((p) => providerCells(p, locale))
    return writeTable(format, PROVIDER_COLUMNS, rows, { locale, sheetName: 'providers' })
  }
  const [edges, nodes] = await Promise.all([listEdgesForScope(db, scope), listNodesForScope(db, scope)])
  const names = new Map(nodes.map((n) => [n.id, locale === 'en' && n.name.en ? n.name.en : n.name.ja]))
  return writeTable(format, EDGE_COLUMNS, edges.map((e) => edgeCells(e, names, locale)), { locale, sheetName: 'dependencies' })
}

export async function importDependencies(ctx: AppContext, scope: Scope, kind: ExchangeKind, format: TabularFormat, bytes: Uint8Array): Promise<ImportResult> {
  return kind === 'providers' ? importProviders(ctx, scope, format, bytes) : importEdges(ctx, scope, format, bytes)
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Errors in sheet order (row by row), each row's in the order they were found: how a person fixes a file. */
function byRow(errors: FieldError[]): FieldError[] {
  const row = (e: FieldError) => Number(/^rows\[(\d+)\]/.exec(e.path)?.[1] ?? 0)
  return errors.map((e, i) => ({ e, i })).sort((a, b) => row(a.e) - row(b.e) || a.i - b.i).map(({ e }) => e)
}

// ---------------------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------------------

async function importProviders(ctx: AppContext, scope: Scope, format: TabularFormat, bytes: Uint8Array): Promise<ImportResult> {
  const table = await readTable(bytes, format, PROVIDER_COLUMNS)
  const registry = await listProviders(ctx.database.db)
  const byId = new Map(registry.map((p) => [p.id, p]))
  const errors: FieldError[] = []
  const drafts: ProviderDraft[] = []
  for (const row of table.rows) {
    const parsed = providerRow(row)
    errors.push(...parsed.errors)
    if (parsed.draft) drafts.push(parsed.draft)
  }

  const at = ctx.now().toISOString()
  const creates: Provider[] = []
  const updates: { before: Provider; after: Provider }[] = []
  let unchanged = 0
  const claimed = new Map<string, number>()
  const namesInFile = new Map<string, number>()
  for (const d of drafts) {
    const n = d.rowNumber
    const rowErrors = checkProvider(d, (f) => rowPath(n, f.startsWith('prefectures') ? 'prefectures' : f))
    // The row's record: by id, else by Japanese name (so a re-import of an export without ids matches).
    const existing = d.id !== null ? byId.get(d.id) : registry.find((p) => p.name.ja === d.name.ja)
    for (const [field, name] of [['nameJa', d.name.ja], ['nameEn', d.name.en]] as const) {
      if (name === '') continue
      const other = registry.find((p) => p.id !== existing?.id && (p.name.ja === name || p.name.en === name))
      if (other) rowErrors.push(rowError(n, field, 'dependencies.provider_name_taken', `A provider named ${name} is already registered.`, { value: name }))
      const earlier = namesInFile.get(name)
      if (earlier !== undefined) rowErrors.push(rowError(n, field, 'dependencies.duplicate_row', `Row ${earlier} already names ${name}.`, { value: name, firstRow: earlier }))
      namesInFile.set(name, n)
    }
    if (existing) {
      const first = claimed.get(existing.id)
      if (first !== undefined) rowErrors.push(rowError(n, d.id !== null ? 'id' : 'nameJa', 'dependencies.duplicate_row', `Row ${first} already changes this provider.`, { firstRow: first }))
      claimed.set(existing.id, n)
      if (!mayChangeProvider(scope, existing)) rowErrors.push(rowError(n, d.id !== null ? 'id' : 'nameJa', 'dependencies.provider_not_writable', 'Only the organisation that registered this provider, or the NCO, may change it.'))
    }
    if (rowErrors.length > 0) { errors.push(...rowErrors); continue }
    const fields = { name: d.name, providerType: d.providerType, prefectures: d.prefectures, annualFailureProbability: d.annualFailureProbability }
    if (!existing) {
      creates.push({ id: d.id ?? randomUUID(), ...fields, registeredBy: scope.organisationId, createdAt: at, updatedAt: at })
    } else if (sameJson({ ...existing, ...fields }, existing)) {
      unchanged++
    } else {
      updates.push({ before: existing, after: { ...existing, ...fields, updatedAt: at } })
    }
  }
  throwIfProblems('dependencies.import_invalid', 'The providers cannot be imported', byRow(errors))

  await inTransaction(ctx.database, async (trx) => {
    await insertProviders(trx, creates)
    for (const u of updates) await updateProvider(trx, u.after)
    for (const p of creates) {
      await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.provider_create', targetType: 'dependency_provider', targetId: p.id, after: p }, ctx.now())
    }
    for (const u of updates) {
      await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.provider_update', targetType: 'dependency_provider', targetId: u.after.id, before: u.before, after: u.after }, ctx.now())
    }
  })
  return { kind: 'providers', rows: table.rows.length, created: creates.length, updated: updates.length, unchanged }
}

// ---------------------------------------------------------------------------------------------------------
// Edges
// ---------------------------------------------------------------------------------------------------------

/** Resolves ids and exact names (Japanese or English) against the nodes the caller may read. */
class NodeResolver {
  private readonly byId: Map<string, NodeFacts>
  private readonly byName = new Map<string, NodeFacts[]>()
  constructor(nodes: readonly NodeFacts[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]))
    for (const n of nodes) {
      for (const name of new Set([n.name.ja, n.name.en])) {
        if (name === '') continue
        const list = this.byName.get(name) ?? []
        list.push(n)
        this.byName.set(name, list)
      }
    }
  }
  get nodes(): ReadonlyMap<string, NodeFacts> {
    return this.byId
  }
  /** The node's id, or an error for the cell. */
  resolve(row: number, column: string, value: string, checkName: string | null): string | FieldError {
    const byId = this.byId.get(value) ?? this.byId.get(value.toLowerCase())
    if (byId) {
      if (checkName !== null && byId.name.ja !== checkName && byId.name.en !== checkName) {
        return rowError(row, column.endsWith('Name') ? column : `${column}Name`, 'dependencies.name_mismatch', `${value} is named ${byId.name.ja}, not ${checkName}.`, { value: checkName, expected: byId.name.ja })
      }
      return byId.id
    }
    const named = this.byName.get(value) ?? []
    if (named.length === 1) return named[0]!.id
    if (named.length > 1) return rowError(row, column, 'dependencies.ambiguous_name', `${named.length} nodes are named ${value}; give the id instead.`, { value, count: named.length })
    return rowError(row, column, 'dependencies.unknown_node', `No service or provider ${value} (or not one you may see).`, { value })
  }
}

async function importEdges(ctx: AppContext, scope: Scope, format: TabularFormat, bytes: Uint8Array): Promise<ImportResult> {
  const db = ctx.database.db
  const table = await readTable(bytes, format, EDGE_COLUMNS)
  const [nodes, visible] = await Promise.all([listNodesForScope(db, scope), listEdgesForScope(db, scope)])
  const resolver = new NodeResolver(nodes)
  const visibleById = new Map(visible.map((e) => [e.id, e]))
  const visibleByPair = new Map(visible.map((e) => [`${e.from}\u0000${e.to}`, e]))
  const errors: FieldError[] = []
  const drafts: EdgeDraft[] = []
  for (const row of table.rows) {
    const parsed = edgeRow(row)
    errors.push(...parsed.errors)
    if (parsed.draft) drafts.push(parsed.draft)
  }

  const at = ctx.now().toISOString()
  const creates: EdgeRecord[] = []
  const updates: { before: EdgeRecord; after: EdgeRecord }[] = []
  let unchanged = 0
  const pairs = new Map<string, number>()
  const claimed = new Map<string, number>()
  for (const d of drafts) {
    const n = d.rowNumber
    const rowErrors: FieldError[] = []
    const resolve = (ref: NodeRef): string | null => {
      const r = resolver.resolve(n, ref.column, ref.value, ref.name)
      if (typeof r === 'string') return r
      rowErrors.push(r)
      return null
    }
    const from = resolve(d.from)
    const to = resolve(d.to)
    const alternatives = d.alternatives.values.map((a) => resolve({ value: a, column: d.alternatives.column, name: null }))
    if (rowErrors.length > 0 || from === null || to === null || alternatives.some((a) => a === null)) { errors.push(...rowErrors); continue }

    const failover: Failover = d.failover.kind === 'manual' ? { kind: 'manual', hours: d.failover.hours! } : { kind: d.failover.kind }
    const input: EdgeInput = { from, to, ...(d.type === null ? {} : { type: d.type }), criticality: d.criticality, failover, alternatives: alternatives as string[] }
    const column = (field: string) => {
      if (field === 'from') return d.from.column
      if (field === 'to') return d.to.column
      if (field.startsWith('alternatives')) return d.alternatives.column
      return field === 'failover.hours' ? 'failoverHours' : field
    }
    rowErrors.push(...checkEdge(scope, input, resolver.nodes, (f) => rowPath(n, column(f))))

    const key = `${from}\u0000${to}`
    const earlier = pairs.get(key)
    if (earlier !== undefined) rowErrors.push(rowError(n, d.to.column, 'dependencies.duplicate_row', `Row ${earlier} already records this dependency.`, { firstRow: earlier }))
    pairs.set(key, n)

    // The record the row changes: by id, else the one between the same two nodes.
    let existing: EdgeRecord | undefined
    if (d.id !== null) {
      existing = visibleById.get(d.id)
      if (!existing && (await findEdgeUnscoped(db, d.id))) rowErrors.push(rowError(n, 'id', 'dependencies.unknown_edge', `No dependency ${d.id} (or not one you may see).`, { value: d.id }))
    }
    // Both ends are readable, so an edge between them is one the caller sees: no query needed.
    const between = rowErrors.length === 0 ? visibleByPair.get(key) : undefined
    if (between && existing && between.id !== existing.id) {
      rowErrors.push(rowError(n, d.to.column, 'dependencies.edge_duplicate', 'This dependency is already recorded under another id.', { value: between.id }))
    }
    if (!existing && between) existing = between
    if (existing) {
      const first = claimed.get(existing.id)
      if (first !== undefined) rowErrors.push(rowError(n, d.id !== null ? 'id' : d.to.column, 'dependencies.duplicate_row', `Row ${first} already changes this dependency.`, { firstRow: first }))
      claimed.set(existing.id, n)
      const currentFrom = resolver.nodes.get(existing.from)
      if (!currentFrom || !mayWriteFrom(scope, currentFrom)) {
        rowErrors.push(rowError(n, d.from.column, 'dependencies.from_not_writable', 'You may not change the dependencies of this node.', { value: existing.from }))
      }
    }
    if (rowErrors.length > 0) { errors.push(...rowErrors); continue }

    const fromKind = resolver.nodes.get(from)!.kind
    const toKind = resolver.nodes.get(to)!.kind
    if (!existing) {
      creates.push({ id: d.id ?? randomUUID(), from, fromKind, to, toKind, type: d.type ?? 'other', criticality: input.criticality, failover, alternatives: input.alternatives, ownerOrg: scope.organisationId, createdAt: at, updatedAt: at })
      continue
    }
    // The NCO sees every alternative; others may have some hidden from them, which the stored row keeps.
    const stored = scope.organisationKind === 'national_office' ? existing : (await findEdgeUnscoped(db, existing.id))!
    // Alternatives the caller cannot see stay as they are (as in the API's PUT).
    const hidden = stored.alternatives.filter((a) => !existing.alternatives.includes(a) && a !== from && a !== to && !input.alternatives.includes(a))
    // A blank type cell keeps the recorded type (files from before the column existed change nothing).
    const after: EdgeRecord = { ...stored, from, fromKind, to, toKind, type: d.type ?? stored.type, criticality: input.criticality, failover, alternatives: [...input.alternatives, ...hidden] }
    if (sameJson(after, stored)) unchanged++
    else updates.push({ before: stored, after: { ...after, updatedAt: at } })
  }
  throwIfProblems('dependencies.import_invalid', 'The dependencies cannot be imported', byRow(errors))

  await inTransaction(ctx.database, async (trx) => {
    for (const u of updates) await updateEdge(trx, u.after)
    await insertEdges(trx, creates)
    for (const e of creates) {
      await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.edge_create', targetType: 'dependency_edge', targetId: e.id, after: e }, ctx.now())
    }
    for (const u of updates) {
      await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.edge_update', targetType: 'dependency_edge', targetId: u.after.id, before: u.before, after: u.after }, ctx.now())
    }
  })
  return { kind: 'edges', rows: table.rows.length, created: creates.length, updated: updates.length, unchanged }
}
