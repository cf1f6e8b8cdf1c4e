import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { AppContext } from '../platform/context.ts'
import type { Executor } from '../platform/db/database.ts'
import { inTransaction } from '../platform/db/database.ts'
import type { AdvisoryNotificationTable, AssetExposureTable, DB } from '../platform/db/schema.ts'
import { forbidden, notFound } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { MIN_OPERATORS } from '../assessments/domain/scores.ts'
import { normaliseKevEntry, type AffectedProduct, type NormalisedRecord } from './domain/affected.ts'
import { buildIndex, describeMatch, matchRecord, type MatchExplanation } from './domain/match.ts'
import { productKey } from './domain/products.ts'
import { compareExposures, daysBetween, exposureScore, type Reachability } from './domain/priority.ts'
import { rulesByRecord } from './store/vulnerabilities-repository.ts'
import {
  deleteExposures, eolRows, exposureDevices, findNotification, insertExposures, insertNotifications, kevEntries, listExposures, listNotifications,
  markNotificationRead, operatorSectors, recordMetrics, storedExposures, updateExposure, type EolRow, type ExposureDevice, type ExposureFilter,
  type KevInfo, type RecordMetrics,
} from './store/exposure-repository.ts'

/**
 * Exposure (issue 6, build items 3, 4 and 7): the stored devices matched against the stored records and KEV.
 *
 * - `recomputeExposure(trx, ctx, operatorId | null)`: every device of the operator (or of all operators) against
 *   every stored record (its normalised rules, `cve_rule`) and every KEV entry without a record
 *   (`normaliseKevEntry`), through the matcher's index (`buildIndex` + `matchRecord`). The rows of `asset_exposure`
 *   are brought to the result: new matches inserted (first_seen now), changed ones updated, every one kept gets
 *   last_seen now, vanished ones deleted. Called at the end of an inventory import, in its transaction;
 *   `recomputeDeviceExposure` does the same for one device created or changed through the API, in its transaction.
 * - `fanOutRecords(trx, ctx, cveIds, importId)`: the same for a few CVEs only, across all operators' devices (one
 *   index, one `matchRecord` per changed record: no full recomputation), plus one advisory notification per
 *   operator and CVE. Called at the end of a CVE or KEV import that added or changed entries, in its transaction.
 * Scores come from domain/priority.ts; an approved, unexpired exception is shown with the exposure and lowers
 * nothing.
 */

interface Inputs {
  metrics: Map<string, RecordMetrics>
  kev: Map<string, KevInfo>
}

/** Stored records (all, or the given CVE ids), with KEV-only CVEs as records of their own. */
export async function loadRecords(db: Executor, kev: Map<string, KevInfo>, cveIds?: readonly string[]): Promise<NormalisedRecord[]> {
  const rules = await rulesByRecord(db, cveIds)
  const out: NormalisedRecord[] = [...rules].map(([cveId, products]) => ({ cveId, products: products as AffectedProduct[] }))
  const wanted = cveIds ? cveIds : [...kev.keys()]
  for (const id of wanted) {
    const k = kev.get(id)
    if (k && !rules.has(id)) out.push(normaliseKevEntry({ cveID: k.cveId, vendorProject: k.vendorProject, product: k.product }))
  }
  return out
}

function score(device: ExposureDevice, cveId: string, status: 'affected' | 'unknown', inputs: Inputs, today: string): number {
  const m = inputs.metrics.get(cveId)
  const k = inputs.kev.get(cveId)
  const reach: Reachability = device.internetReachable === 'yes' || device.internetReachable === 'no' ? device.internetReachable : 'unknown'
  return exposureScore({
    kev: k !== undefined, ransomware: k?.ransomware ?? false, internet: reach, services: device.services, cvss: m?.cvss ?? null,
    exploitation: m?.exploitation ?? null, automatable: m?.automatable ?? null, technicalImpact: m?.technicalImpact ?? null,
    patchAgeDays: daysBetween(device.lastPatched ?? device.installDate, today), status,
  })
}

/** Matches of `records` on `devices` as exposure rows (first_seen/last_seen `now`). */
function compute(devices: readonly ExposureDevice[], records: readonly NormalisedRecord[], inputs: Inputs, now: string): Map<string, AssetExposureTable> {
  const out = new Map<string, AssetExposureTable>()
  if (devices.length === 0) return out
  const index = buildIndex(devices.map((d) => ({ id: d.id, vendor: d.vendor, product: d.product, version: d.version, cpe: d.cpe })))
  const today = now.slice(0, 10)
  for (const record of records) {
    const matches = matchRecord(index, record)
    for (const group of matches.groups) {
      const e: MatchExplanation = group.explanation
      const explanation = JSON.stringify({ ...e, reasonText: describeMatch(e) })
      for (const i of group.devices) {
        const d = devices[i]!
        const key = `${d.id}|${record.cveId}`
        const before = out.get(key)
        if (before && before.status === 'affected') continue
        out.set(key, {
          device_id: d.id, cve_id: record.cveId, operator_id: d.operatorId, status: e.status, kev: inputs.kev.has(record.cveId) ? 1 : 0,
          score: score(d, record.cveId, e.status, inputs, today), explanation, first_seen: now, last_seen: now,
        })
      }
    }
  }
  return out
}

/** Brings `asset_exposure` rows in `stored` to `next` (both keyed device|cve); returns the counts. */
async function persist(trx: Transaction<DB>, stored: Map<string, AssetExposureTable>, next: Map<string, AssetExposureTable>) {
  const insert: AssetExposureTable[] = []
  let updated = 0
  for (const [key, row] of next) {
    const old = stored.get(key)
    if (!old) insert.push(row)
    else {
      row.first_seen = old.first_seen
      if (old.status !== row.status || old.kev !== row.kev || Number(old.score) !== row.score || old.explanation !== row.explanation) updated++
      await updateExposure(trx, row)
    }
  }
  const gone = [...stored.keys()].filter((k) => !next.has(k)).map((k) => ({ deviceId: stored.get(k)!.device_id, cveId: stored.get(k)!.cve_id }))
  await insertExposures(trx, insert)
  await deleteExposures(trx, gone)
  return { added: insert.length, updated, removed: gone.length, total: next.size }
}

export interface RecomputeSummary { added: number; updated: number; removed: number; total: number }

/** Every device of `operatorId` (all operators when null) against every stored record and KEV entry. */
export async function recomputeExposure(trx: Transaction<DB>, ctx: AppContext, operatorId: string | null): Promise<RecomputeSummary> {
  const now = ctx.now().toISOString()
  const kev = await kevEntries(trx)
  const inputs: Inputs = { metrics: await recordMetrics(trx), kev }
  const devices = await exposureDevices(trx, operatorId)
  const records = await loadRecords(trx, kev)
  const next = compute(devices, records, inputs, now)
  return persist(trx, await storedExposures(trx, { operatorId }), next)
}

/** One device (created or changed one at a time) against every stored record and KEV entry. */
export async function recomputeDeviceExposure(trx: Transaction<DB>, ctx: AppContext, deviceId: string): Promise<RecomputeSummary> {
  const now = ctx.now().toISOString()
  const kev = await kevEntries(trx)
  const inputs: Inputs = { metrics: await recordMetrics(trx), kev }
  const devices = await exposureDevices(trx, null, deviceId)
  const next = compute(devices, await loadRecords(trx, kev), inputs, now)
  return persist(trx, await storedExposures(trx, { deviceId }), next)
}

export interface FanOutSummary extends RecomputeSummary {
  /** Notifications written: one per operator and CVE with at least one exposed device. */
  notifications: number
  operators: number
}

/** Advisory fan-out: the given CVEs (new or changed records or KEV entries) against every operator's devices. */
export async function fanOutRecords(trx: Transaction<DB>, ctx: AppContext, cveIds: readonly string[], importId: string | null): Promise<FanOutSummary> {
  const ids = [...new Set(cveIds.filter((id) => /^CVE-/i.test(id)))]
  if (ids.length === 0) return { added: 0, updated: 0, removed: 0, total: 0, notifications: 0, operators: 0 }
  const now = ctx.now().toISOString()
  const kev = await kevEntries(trx)
  const inputs: Inputs = { metrics: await recordMetrics(trx), kev }
  const devices = await exposureDevices(trx, null)
  const records = await loadRecords(trx, kev, ids)
  const next = compute(devices, records, inputs, now)
  const counts = await persist(trx, await storedExposures(trx, { cveIds: ids }), next)
  const per = new Map<string, { operatorId: string; cveId: string; devices: number }>()
  for (const row of next.values()) {
    const key = `${row.operator_id}|${row.cve_id}`
    const p = per.get(key) ?? { operatorId: row.operator_id, cveId: row.cve_id, devices: 0 }
    p.devices++
    per.set(key, p)
  }
  const notes: AdvisoryNotificationTable[] = [...per.values()].map((p) => ({
    id: randomUUID(), operator_id: p.operatorId, cve_id: p.cveId, devices: p.devices, kev: kev.has(p.cveId) ? 1 : 0, import_id: importId,
    created_at: now, read_at: null, read_by: null,
  }))
  await insertNotifications(trx, notes)
  return { ...counts, notifications: notes.length, operators: new Set(notes.map((n) => n.operator_id)).size }
}

// --- Views ---------------------------------------------------------------------------------------------------

export interface ExposureView {
  deviceId: string
  assetId: string
  operatorId: string
  vendor: string
  product: string
  version: string
  cveId: string
  status: 'affected' | 'unknown'
  kev: boolean
  score: number
  reason: string
  explanation: MatchExplanation
  firstSeen: string
  lastSeen: string
  /** An approved exception in force for this device and CVE (or all its CVEs); it lowers nothing. */
  exception: { id: string; expiresOn: string } | null
}

async function activeExceptions(db: Executor, deviceIds: readonly string[], today: string): Promise<Map<string, { id: string; expiresOn: string; cveId: string | null }[]>> {
  const out = new Map<string, { id: string; expiresOn: string; cveId: string | null }[]>()
  for (let i = 0; i < deviceIds.length; i += 500) {
    const rows = await db.selectFrom('asset_exception').select(['id', 'device_id', 'cve_id', 'expires_on'])
      .where('decision', '=', 'approved').where('expires_on', '>=', today).where('device_id', 'in', deviceIds.slice(i, i + 500)).execute()
    for (const r of rows) out.set(r.device_id, [...(out.get(r.device_id) ?? []), { id: r.id, expiresOn: r.expires_on, cveId: r.cve_id }])
  }
  return out
}

export async function exposuresFor(ctx: AppContext, scope: Scope, filter: ExposureFilter): Promise<ExposureView[]> {
  const db = ctx.database.db
  const rows = await listExposures(db, scope, filter)
  const exceptions = await activeExceptions(db, [...new Set(rows.map((r) => r.device_id))], ctx.now().toISOString().slice(0, 10))
  const items = rows.map((r): ExposureView => {
    const e = JSON.parse(r.explanation) as MatchExplanation & { reasonText: string }
    const { reasonText, ...explanation } = e
    const ex = (exceptions.get(r.device_id) ?? []).find((x) => x.cveId === null || x.cveId === r.cve_id)
    return {
      deviceId: r.device_id, assetId: r.asset_id, operatorId: r.operator_id, vendor: r.vendor, product: r.product, version: r.version, cveId: r.cve_id,
      status: r.status === 'affected' ? 'affected' : 'unknown', kev: r.kev === 1, score: Number(r.score), reason: reasonText, explanation,
      firstSeen: r.first_seen, lastSeen: r.last_seen, exception: ex ? { id: ex.id, expiresOn: ex.expiresOn } : null,
    }
  })
  return items.sort(compareExposures)
}

export interface BacklogRow {
  operatorId: string
  devices: number
  exposures: number
  kevExposures: number
  kevDevices: number
  unknown: number
  /** Highest score among the operator's exposures. */
  topScore: number
}

/** Patch backlog per operator visible to the caller: open matches, KEV ones, devices concerned. */
export async function patchBacklog(ctx: AppContext, scope: Scope, operatorId?: string): Promise<BacklogRow[]> {
  const rows = await listExposures(ctx.database.db, scope, { operatorId })
  const per = new Map<string, { row: BacklogRow; devices: Set<string>; kevDevices: Set<string> }>()
  for (const r of rows) {
    let p = per.get(r.operator_id)
    if (!p) per.set(r.operator_id, (p = { row: { operatorId: r.operator_id, devices: 0, exposures: 0, kevExposures: 0, kevDevices: 0, unknown: 0, topScore: 0 }, devices: new Set(), kevDevices: new Set() }))
    p.row.exposures++
    p.devices.add(r.device_id)
    if (r.kev === 1) { p.row.kevExposures++; p.kevDevices.add(r.device_id) }
    if (r.status !== 'affected') p.row.unknown++
    p.row.topScore = Math.max(p.row.topScore, Number(r.score))
  }
  return [...per.values()].map((p) => ({ ...p.row, devices: p.devices.size, kevDevices: p.kevDevices.size }))
    .sort((a, b) => b.kevDevices - a.kevDevices || b.topScore - a.topScore || (a.operatorId < b.operatorId ? -1 : 1))
}

export interface UnpatchedRow {
  deviceId: string
  assetId: string
  operatorId: string
  cveId: string
  kev: boolean
  /** When the vulnerability became known: the record's publication date, else the KEV listing date. */
  knownSince: string
  years: number
  lastPatched: string | null
}

/**
 * "Unpatched for N years": per device, the oldest exploitable vulnerability (in KEV, or SSVC exploitation poc or
 * active) it is still affected by, and how many whole years it has been known; devices at `minYears` or more.
 */
export async function unpatchedFor(ctx: AppContext, scope: Scope, minYears: number, operatorId?: string): Promise<UnpatchedRow[]> {
  const db = ctx.database.db
  const [rows, metrics, kev] = await Promise.all([listExposures(db, scope, { operatorId, status: 'affected' }), recordMetrics(db), kevEntries(db)])
  const today = ctx.now().toISOString().slice(0, 10)
  const oldest = new Map<string, UnpatchedRow>()
  for (const r of rows) {
    const m = metrics.get(r.cve_id)
    const k = kev.get(r.cve_id)
    const exploitable = k !== undefined || ['poc', 'active'].includes((m?.exploitation ?? '').toLowerCase())
    if (!exploitable) continue
    const since = (m?.published ?? k?.dateAdded ?? '').slice(0, 10)
    if (since === '') continue
    const days = daysBetween(since, today) ?? 0
    const row: UnpatchedRow = { deviceId: r.device_id, assetId: r.asset_id, operatorId: r.operator_id, cveId: r.cve_id, kev: k !== undefined, knownSince: since, years: Math.floor(days / 365.25), lastPatched: r.last_patched }
    const before = oldest.get(r.device_id)
    if (!before || since < before.knownSince) oldest.set(r.device_id, row)
  }
  return [...oldest.values()].filter((r) => r.years >= minYears).sort((a, b) => (a.knownSince < b.knownSince ? -1 : a.knownSince > b.knownSince ? 1 : a.assetId < b.assetId ? -1 : 1))
}

const normaliseName = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

/** The EOL list row covering a device, if any (vendor/product by the matcher's key or by normalised names). */
export function eolEntryFor(device: { vendor: string; product: string; version: string }, rows: readonly EolRow[]): EolRow | null {
  const key = productKey(device.vendor, device.product)
  const vendor = normaliseName(device.vendor)
  const product = normaliseName(device.product)
  const version = normaliseName(device.version)
  for (const r of rows) {
    const sameProduct = (key !== '' && r.productKey === key) || (r.vendorKey === vendor && r.productKey === product)
    if (!sameProduct) continue
    const v = normaliseName(r.version)
    if (r.matchKind === 'all' || (r.matchKind === 'prefix' && version.startsWith(v)) || (r.matchKind === 'exact' && version === v)) return r
  }
  return null
}

export interface EolDeviceRow {
  deviceId: string
  assetId: string
  operatorId: string
  vendor: string
  product: string
  version: string
  endOfSupport: string
  /** `device`: the inventory's end-of-support date; `list`: a vendor EOL list entry. */
  basis: 'device' | 'list'
  source: string | null
}

async function visibleDevices(db: Executor, scope: Scope, operatorId?: string): Promise<ExposureDevice[]> {
  const all = await exposureDevices(db, operatorId ?? (scope.organisationKind === 'operator' ? scope.organisationId : null))
  if (scope.organisationKind === 'national_office') return all
  if (scope.organisationKind === 'operator') return all.filter((d) => d.operatorId === scope.organisationId)
  if (scope.organisationKind === 'ministry') {
    const sectors = await operatorSectors(db)
    const mine = new Set(scope.sectorIds)
    return all.filter((d) => d.operatorId === scope.organisationId || (sectors.get(d.operatorId) ?? []).some((s) => mine.has(s)))
  }
  return []
}

/** Devices past their end of support, by the inventory's date or by an EOL list entry (the earlier date wins). */
export async function eolDevices(ctx: AppContext, scope: Scope, operatorId?: string): Promise<EolDeviceRow[]> {
  const db = ctx.database.db
  const today = ctx.now().toISOString().slice(0, 10)
  const [devices, eol] = await Promise.all([visibleDevices(db, scope, operatorId), eolRows(db)])
  return eolOf(devices, eol, today)
}

function eolOf(devices: readonly ExposureDevice[], eol: readonly EolRow[], today: string): EolDeviceRow[] {
  const out: EolDeviceRow[] = []
  for (const d of devices) {
    const entry = eolEntryFor(d, eol)
    const candidates: { date: string; basis: 'device' | 'list'; source: string | null }[] = []
    if (d.endOfSupport && d.endOfSupport <= today) candidates.push({ date: d.endOfSupport, basis: 'device', source: null })
    if (entry && entry.endOfSupport.slice(0, 10) <= today) candidates.push({ date: entry.endOfSupport.slice(0, 10), basis: 'list', source: entry.source })
    if (candidates.length === 0) continue
    candidates.sort((a, b) => (a.date < b.date ? -1 : 1))
    const c = candidates[0]!
    out.push({ deviceId: d.id, assetId: d.assetId, operatorId: d.operatorId, vendor: d.vendor, product: d.product, version: d.version, endOfSupport: c.date, basis: c.basis, source: c.source })
  }
  return out.sort((a, b) => (a.endOfSupport < b.endOfSupport ? -1 : a.endOfSupport > b.endOfSupport ? 1 : a.assetId < b.assetId ? -1 : 1))
}

export interface SectorExposureRow {
  sectorId: string
  operatorCount: number
  suppressed: boolean
  /** Null when suppressed. */
  kevExposedDevices: number | null
  eolDevices: number | null
  exposedOperators: number | null
}

/**
 * Per-sector counts for the NCO (every sector) and ministries (their sectors): devices exposed to a KEV-listed
 * CVE, end-of-life devices, operators with an exposure. Sectors with fewer than 5 operators are suppressed for
 * ministries (not for the NCO).
 */
export async function sectorCounts(ctx: AppContext, scope: Scope): Promise<SectorExposureRow[]> {
  if (scope.organisationKind !== 'national_office' && scope.organisationKind !== 'ministry') throw forbidden('Only the NCO and ministries see per-sector counts.')
  const db = ctx.database.db
  const isNco = scope.organisationKind === 'national_office'
  const today = ctx.now().toISOString().slice(0, 10)
  const [sectors, devices, eol, exposures] = await Promise.all([
    operatorSectors(db), exposureDevices(db, null), eolRows(db),
    db.selectFrom('asset_exposure').select(['device_id', 'operator_id', 'kev']).execute(),
  ])
  const wanted = isNco ? null : new Set(scope.sectorIds)
  const bySector = new Map<string, { operators: Set<string>; kevDevices: Set<string>; eol: number; exposed: Set<string> }>()
  const slot = (s: string) => {
    let v = bySector.get(s)
    if (!v) bySector.set(s, (v = { operators: new Set(), kevDevices: new Set(), eol: 0, exposed: new Set() }))
    return v
  }
  for (const [op, list] of sectors) for (const s of list) if (!wanted || wanted.has(s)) slot(s).operators.add(op)
  for (const e of exposures) {
    for (const s of sectors.get(e.operator_id) ?? []) {
      if (wanted && !wanted.has(s)) continue
      slot(s).exposed.add(e.operator_id)
      if (e.kev === 1) slot(s).kevDevices.add(e.device_id)
    }
  }
  for (const d of eolOf(devices, eol, today)) for (const s of sectors.get(d.operatorId) ?? []) if (!wanted || wanted.has(s)) slot(s).eol++
  return [...bySector].map(([sectorId, v]) => {
    const suppressed = !isNco && v.operators.size < MIN_OPERATORS
    return {
      sectorId, operatorCount: v.operators.size, suppressed,
      kevExposedDevices: suppressed ? null : v.kevDevices.size, eolDevices: suppressed ? null : v.eol, exposedOperators: suppressed ? null : v.exposed.size,
    }
  }).sort((a, b) => (a.sectorId < b.sectorId ? -1 : 1))
}

// --- Advisories ----------------------------------------------------------------------------------------------

export interface AdvisoryView { id: string; operatorId: string; cveId: string; devices: number; kev: boolean; createdAt: string; readAt: string | null }

export async function listAdvisories(ctx: AppContext, scope: Scope, filter: { operatorId?: string | undefined; unread?: boolean | undefined }, page: { limit: number; offset: number }) {
  const { total, rows } = await listNotifications(ctx.database.db, scope, filter, page)
  return {
    total, limit: page.limit, offset: page.offset,
    items: rows.map((r): AdvisoryView => ({ id: r.id, operatorId: r.operator_id, cveId: r.cve_id, devices: Number(r.devices), kev: r.kev === 1, createdAt: r.created_at, readAt: r.read_at })),
  }
}

/** The operator marks one of its notifications read (audited). Others' notifications are not found. */
export async function markAdvisoryRead(ctx: AppContext, scope: Scope, id: string): Promise<AdvisoryView> {
  return inTransaction(ctx.database, async (trx) => {
    const n = await findNotification(trx, id)
    if (!n || scope.organisationKind !== 'operator' || n.operator_id !== scope.organisationId) throw notFound('advisory')
    const at = ctx.now().toISOString()
    if (n.read_at === null) {
      await markNotificationRead(trx, id, at, scope.actor)
      await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'vulnerabilities.advisory.read', targetType: 'advisory_notification', targetId: id, before: { readAt: null }, after: { readAt: at } }, ctx.now())
    }
    return { id: n.id, operatorId: n.operator_id, cveId: n.cve_id, devices: Number(n.devices), kev: n.kev === 1, createdAt: n.created_at, readAt: n.read_at ?? at }
  })
}

export interface AdvisorySectorRow { cveId: string; sectorId: string; operatorCount: number; suppressed: boolean; exposedOperators: number | null; devices: number | null }

/** For ministries and the NCO: per CVE of the latest notifications and per sector, operators notified and devices. */
export async function advisorySectors(ctx: AppContext, scope: Scope, cveId?: string): Promise<AdvisorySectorRow[]> {
  if (scope.organisationKind !== 'national_office' && scope.organisationKind !== 'ministry') throw forbidden('Only the NCO and ministries see per-sector counts.')
  const db = ctx.database.db
  const isNco = scope.organisationKind === 'national_office'
  let q = db.selectFrom('advisory_notification').select(['operator_id', 'cve_id', 'devices', 'created_at']).orderBy('created_at', 'desc').limit(5000)
  if (cveId) q = q.where('cve_id', '=', cveId)
  const [rows, sectors] = await Promise.all([q.execute(), operatorSectors(db)])
  const sectorOperators = new Map<string, number>()
  for (const list of sectors.values()) for (const s of list) sectorOperators.set(s, (sectorOperators.get(s) ?? 0) + 1)
  const wanted = isNco ? null : new Set(scope.sectorIds)
  // Latest notification per operator and CVE.
  const latest = new Map<string, { operator: string; cve: string; devices: number }>()
  for (const r of rows) if (!latest.has(`${r.operator_id}|${r.cve_id}`)) latest.set(`${r.operator_id}|${r.cve_id}`, { operator: r.operator_id, cve: r.cve_id, devices: Number(r.devices) })
  const agg = new Map<string, { cveId: string; sectorId: string; operators: Set<string>; devices: number }>()
  for (const n of latest.values()) {
    for (const s of sectors.get(n.operator) ?? []) {
      if (wanted && !wanted.has(s)) continue
      const key = `${n.cve}|${s}`
      const a = agg.get(key) ?? { cveId: n.cve, sectorId: s, operators: new Set<string>(), devices: 0 }
      a.operators.add(n.operator)
      a.devices += n.devices
      agg.set(key, a)
    }
  }
  return [...agg.values()].map((a) => {
    const operatorCount = sectorOperators.get(a.sectorId) ?? 0
    const suppressed = !isNco && operatorCount < MIN_OPERATORS
    return { cveId: a.cveId, sectorId: a.sectorId, operatorCount, suppressed, exposedOperators: suppressed ? null : a.operators.size, devices: suppressed ? null : a.devices }
  }).sort((a, b) => (a.cveId !== b.cveId ? (a.cveId < b.cveId ? 1 : -1) : a.sectorId < b.sectorId ? -1 : 1))
}

/** Recompute in its own transaction (the CLI's and tests' entry point). */
export async function recomputeAll(ctx: AppContext, operatorId: string | null): Promise<RecomputeSummary> {
  return inTransaction(ctx.database, (trx) => recomputeExposure(trx, ctx, operatorId))
}
