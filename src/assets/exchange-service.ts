import { createHash, randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { invalid, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { readTable, rowError, rowPath, writeTable, type TabularFormat, type TabularLocale } from '../platform/tabular/tabular.ts'
import { normaliseIdentifier, prepareDevice, sameDevice, type NetworkDevice } from './domain/device.ts'
import { columnOf, DEVICE_COLUMNS, DEVICE_READ_COLUMNS, deviceToRow, parseDeviceRow } from './formats/device-table.ts'
import { auditView, ownOperator, today, writeOrConflict } from './devices-service.ts'
import { insertDevices, listDevicesForScope, listDevicesUnscoped, operatorServices, updateDevices, type DeviceFilter } from './store/devices-repository.ts'
import { recomputeExposure } from '../vulnerabilities/exposure-service.ts'

/**
 * Network devices in and out as CSV or XLSX (issue 6, build item 1). The export holds the devices the caller
 * may read; an operator imports its own.
 *
 * The import is all or nothing: every row is read and checked first (the same checks as the API) and every
 * problem is reported by row and column (`rows[4].version`, row 4 as the spreadsheet numbers it); only a
 * file without problems is stored, in one transaction. Rows are matched to stored devices by `asset_id`;
 * rows that change nothing are left alone, so importing the same file twice changes nothing (and writes no
 * audit entry). Devices missing from the file are kept: an import adds and updates, it never deletes.
 *
 * Warnings do not stop an import: a vendor the vulnerability data does not cover is recorded but flagged
 * "not matchable" (no record names it, so the matcher cannot say anything about the device), and a known
 * vendor's product the CPE mapping does not know gets no CPE.
 *
 * Memory is bounded by the file: files over `IMPORT_LIMITS.maxBytes` are refused before anything is parsed
 * (the API refuses larger bodies before reading them), and at most `maxRows` rows are read.
 */

export const IMPORT_LIMITS = { maxBytes: 32 * 1024 * 1024, maxRows: 200_000, maxCellLength: 2_000 } as const
/** Problems and warnings listed in a result; the count says how many there were. */
const LISTED = 1_000

export interface ImportWarning {
  row: number
  path: string
  code: 'asset.vendor_not_matchable' | 'asset.cpe_not_derived'
  message: string
  params: Record<string, string | number>
}

export interface ImportSummary {
  received: number
  created: number
  updated: number
  unchanged: number
  /** Rows whose vendor the vulnerability data does not cover. */
  notMatchable: number
  /** Rows of a covered vendor for which no CPE could be derived (and none was given). */
  withoutCpe: number
  /** The first warnings, row by row. */
  warnings: ImportWarning[]
  warningCount: number
}

const AUDIT_COLUMNS = Object.keys(auditView({} as NetworkDevice))
/** A device as one row of the import's audit entry, in the order of AUDIT_COLUMNS. */
const auditRow = (d: NetworkDevice) => Object.values(auditView(d))

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)

/** Refuses a file over the limit before anything reads it (the CLI calls it with the size on disk). */
export function refuseOversized(size: number): void {
  if (size > IMPORT_LIMITS.maxBytes) {
    const message = `The file is ${mb(size)} MB; at most ${mb(IMPORT_LIMITS.maxBytes)} MB (${IMPORT_LIMITS.maxRows} devices) are imported at once. Split it into several files.`
    throw invalid('assets.file_too_large', message, [{ path: 'file', code: 'assets.file_too_large', message, params: { size, max: IMPORT_LIMITS.maxBytes } }])
  }
}

export async function exportDevices(ctx: AppContext, scope: Scope, format: TabularFormat, filter: DeviceFilter, locale: TabularLocale): Promise<Buffer> {
  const devices = await listDevicesForScope(ctx.database.db, scope, filter)
  return writeTable(format, DEVICE_COLUMNS, devices.map((d) => deviceToRow(d, locale)), { locale, sheetName: locale === 'ja' ? 'ネットワーク機器' : 'Network devices', title: 'Kaname network devices' })
}

export async function importDevices(ctx: AppContext, scope: Scope, bytes: Uint8Array, format: TabularFormat): Promise<ImportSummary> {
  const operator = await ownOperator(ctx, scope)
  refuseOversized(bytes.length)
  const db = ctx.database.db
  const table = await readTable(bytes, format, DEVICE_READ_COLUMNS, IMPORT_LIMITS)
  if (table.rows.length === 0) {
    throw invalid('assets.import_empty', 'The file holds no device rows.', [{ path: 'rows', code: 'assets.import_empty', message: 'The file holds no device rows.' }])
  }
  const parsed = table.rows.map(parseDeviceRow)

  // Supported services by id, Japanese name or English name; a name two services share must be given by id.
  const services = await operatorServices(db, operator.id)
  const serviceByRef = new Map<string, string | null>()
  for (const s of services) serviceByRef.set(s.id, s.id)
  for (const s of services) for (const name of [s.nameJa, s.nameEn]) {
    if (serviceByRef.has(name) && serviceByRef.get(name) !== s.id) serviceByRef.set(name, null)
    else serviceByRef.set(name, s.id)
  }

  const stored = new Map((await listDevicesUnscoped(db, { operatorId: operator.id })).map((d) => [d.assetId, d]))
  const day = today(ctx)
  const problems: FieldError[] = []
  const warnings: ImportWarning[] = []
  let notMatchable = 0
  let withoutCpe = 0
  const firstRowOf = new Map<string, number>()
  const devices: NetworkDevice[] = []

  for (const p of parsed) {
    const row = p.rowNumber
    problems.push(...p.problems)
    if (p.operatorId !== null && p.operatorId !== operator.id) {
      problems.push(rowError(row, 'operator_id', 'asset.operator_not_own', `the row belongs to operator "${p.operatorId}"; you import only your own devices.`, { value: p.operatorId }))
    }
    const serviceIds: string[] = []
    for (const ref of p.serviceRefs) {
      const id = serviceByRef.get(ref) ?? serviceByRef.get(normaliseIdentifier(ref))
      if (id === null) {
        problems.push(rowError(row, 'services', 'asset.service_ambiguous', `more than one of your services is named "${ref}"; give its id.`, { value: ref }))
      } else if (id === undefined) {
        // Another operator's service is refused like one that does not exist: nothing about it is revealed.
        problems.push(rowError(row, 'services', 'asset.service_unknown', `no service of yours has the id or name "${ref}".`, { value: ref }))
      } else serviceIds.push(id)
    }
    const prepared = prepareDevice({ ...p.input, serviceIds }, day)
    for (const e of prepared.errors) {
      const column = columnOf(e.path)
      if (p.unreadable.has(column)) continue
      problems.push({ ...e, path: rowPath(row, column), message: `Row ${row}, ${column}: ${e.message}`, params: { ...e.params, row, field: column } })
    }
    const assetId = prepared.fields.assetId
    if (assetId !== '') {
      const first = firstRowOf.get(assetId)
      if (first !== undefined) problems.push(rowError(row, 'asset_id', 'asset.row_duplicate', `asset id "${assetId}" is also on row ${first}.`, { value: assetId, firstRow: first }))
      else firstRowOf.set(assetId, row)
    }
    if (!prepared.matchable && prepared.fields.vendor !== '') {
      notMatchable++
      if (warnings.length < LISTED) {
        warnings.push({
          row, path: rowPath(row, 'vendor'), code: 'asset.vendor_not_matchable', params: { row, value: prepared.fields.vendor },
          message: `Row ${row}: no vulnerability record covers vendor "${prepared.fields.vendor}"; the device is recorded but cannot be matched.`,
        })
      }
    } else if (prepared.matchable && prepared.fields.cpe === null && prepared.fields.product !== '') {
      withoutCpe++
      if (warnings.length < LISTED) {
        warnings.push({
          row, path: rowPath(row, 'cpe'), code: 'asset.cpe_not_derived', params: { row, vendor: prepared.fields.vendor, product: prepared.fields.product },
          message: `Row ${row}: no CPE is known for ${prepared.fields.vendor} ${prepared.fields.product}; matching uses the vendor and product names.`,
        })
      }
    }
    devices.push({ ...prepared.fields, id: stored.get(assetId)?.id ?? randomUUID(), operatorId: operator.id })
  }

  if (problems.length > 0) {
    const rowOf = (e: FieldError) => Number(/^rows\[(\d+)\]/.exec(e.path)?.[1] ?? 0)
    problems.sort((a, b) => rowOf(a) - rowOf(b))
    const shown = problems.slice(0, 5).map((e) => e.message).join(' ')
    const more = problems.length > LISTED ? ` Only the first ${LISTED} are listed.` : ''
    throw invalid('assets.import_invalid', `Nothing was imported: ${problems.length} problem(s). ${shown}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}${more}`, problems.slice(0, LISTED))
  }

  const created: NetworkDevice[] = []
  const updated: { before: NetworkDevice; after: NetworkDevice }[] = []
  for (const d of devices) {
    const before = stored.get(d.assetId)
    if (!before) created.push(d)
    else if (!sameDevice(before, d)) updated.push({ before, after: d })
  }
  if (created.length + updated.length > 0) {
    const at = ctx.now()
    const iso = at.toISOString()
    await writeOrConflict(() => inTransaction(ctx.database, async (trx) => {
      await insertDevices(trx, created, iso, scope.actor)
      await updateDevices(trx, updated.map((u) => u.after), iso, scope.actor)
      // One entry for the whole file (a large inventory would otherwise flood the chain). It keeps the counts
      // and the SHA-256 of every device created or changed, before and after, as rows under named columns
      // (JSON of arrays is canonical as it stands; canonicalising 100,000 objects took seconds).
      const digest = (rows: unknown[][]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex')
      await appendAudit(trx, {
        actor: scope.actor, organisationId: scope.organisationId, action: 'assets.import', targetType: 'asset_import',
        targetId: createHash('sha256').update(bytes).digest('hex'),
        before: { columns: AUDIT_COLUMNS, updated: updated.length, updatedDigest: digest(updated.map((u) => auditRow(u.before))) },
        after: {
          format, columns: AUDIT_COLUMNS, created: created.length, updated: updated.length,
          createdDigest: digest(created.map(auditRow)), updatedDigest: digest(updated.map((u) => auditRow(u.after))),
        },
      }, at)
      // The operator's exposures follow its inventory, in the same transaction (derived data: no audit entry of its own).
      await recomputeExposure(trx, ctx, scope.organisationId)
    }))
  }
  return {
    received: devices.length, created: created.length, updated: updated.length, unchanged: devices.length - created.length - updated.length,
    notMatchable, withoutCpe, warnings, warningCount: notMatchable + withoutCpe,
  }
}
