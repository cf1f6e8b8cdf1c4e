import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { invalid, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { listSectors } from '../org/store/organisation-repository.ts'
import { readTable, rowError, rowPath, writeTable, type TabularFormat, type TabularLocale } from '../platform/tabular/tabular.ts'
import type { CiService } from './domain/service.ts'
import { columnOf, parseServiceRow, serviceToRow, SERVICE_COLUMNS, type ParsedServiceRow } from './formats/services-table.ts'
import { batchProblems, ownOperator, storeBatch } from './services-service.ts'
import { existingServiceIds, listServicesForScope, type ServiceFilter } from './store/services-repository.ts'

/**
 * Services in and out as CSV or XLSX (issue 5, build item 8). The export holds the services the caller may
 * read; an operator imports its own. The import is all or nothing: every row is read and checked first (the
 * same checks as the API) and every problem is reported by row and column (`rows[4].rtoHours`, row 4 as the
 * spreadsheet numbers it, the heading being row 1); only a file without problems is stored, in one
 * transaction. Rows with an ID update that service; rows without one update the operator's service of the
 * same Japanese name, or add a new one; rows that change nothing are left alone, so importing the same file
 * twice changes nothing.
 */

export interface ImportSummary {
  received: number
  created: number
  updated: number
  unchanged: number
}

export async function exportServices(ctx: AppContext, scope: Scope, format: TabularFormat, filter: ServiceFilter, locale: TabularLocale): Promise<Buffer> {
  const services = await listServicesForScope(ctx.database.db, scope, filter)
  return writeTable(format, SERVICE_COLUMNS, services.map(serviceToRow), { locale, sheetName: locale === 'ja' ? 'サービス' : 'Services', title: 'Kaname services' })
}

/** Everything about a service that an import can change, in a form that compares equal when nothing changed. */
const comparable = (s: CiService) => JSON.stringify([s.name, s.sector, s.type, s.peopleServed, s.businessesServed, s.prefectures, s.substitutes, s.mtpdHours, s.rtoHours, s.rpoHours, s.rlo, s.impact])

export async function importServices(ctx: AppContext, scope: Scope, bytes: Uint8Array, format: TabularFormat): Promise<ImportSummary> {
  const operator = await ownOperator(ctx, scope)
  const db = ctx.database.db
  const table = await readTable(bytes, format, SERVICE_COLUMNS)
  if (table.rows.length === 0) {
    throw invalid('services.import_empty', 'The file holds no service rows.', [{ path: 'rows', code: 'services.import_empty', message: 'The file holds no service rows.' }])
  }
  const sectorByName = new Map<string, string>()
  for (const s of await listSectors(db)) for (const name of [s.id, s.nameJa, s.nameEn.toLowerCase()]) sectorByName.set(name, s.id)
  const parsed = table.rows.map((row) => parseServiceRow(row, sectorByName))

  const own = await listServicesForScope(db, scope, { operatorId: operator.id })
  const ownById = new Map(own.map((s) => [s.id, s]))
  const ownByName = new Map(own.map((s) => [s.name.ja, s.id]))
  const problems: FieldError[] = parsed.flatMap((p) => p.problems)

  // Which service each row is: its ID (one of the operator's), else its name, else a new one.
  const idOf = new Map<ParsedServiceRow, string>()
  const firstRowOf = new Map<string, number>()
  for (const p of parsed) {
    if (p.operatorId !== null && p.operatorId !== operator.id) {
      problems.push(rowError(p.rowNumber, 'operatorId', 'service.operator_not_own', `the row belongs to operator "${p.operatorId}"; you import only your own services.`, { value: p.operatorId }))
    }
    let id: string
    if (p.id !== null) {
      if (!ownById.has(p.id)) {
        problems.push(rowError(p.rowNumber, 'id', 'service.id_unknown', `no service of yours has ID "${p.id}"; leave the ID blank to add a service.`, { value: p.id }))
      }
      id = p.id
    } else id = ownByName.get(p.service.name.ja) ?? randomUUID()
    const first = firstRowOf.get(id)
    if (first !== undefined) {
      problems.push(rowError(p.rowNumber, p.id !== null ? 'id' : 'nameJa', 'service.row_duplicate', `the same service as row ${first}.`, { firstRow: first }))
    } else firstRowOf.set(id, p.rowNumber)
    idOf.set(p, id)
  }

  // Substitutes by ID (any service) or by the name of one of the operator's services, stored or in this file.
  const nameToId = new Map(ownByName)
  for (const p of parsed) if (p.service.name.ja !== '') nameToId.set(p.service.name.ja, idOf.get(p)!)
  const refs = parsed.flatMap((p) => p.substitutes.map((x) => x.ref))
  const knownIds = await existingServiceIds(db, refs)
  for (const id of idOf.values()) knownIds.add(id)
  const services = parsed.map((p): CiService => ({
    ...p.service, id: idOf.get(p)!, operatorId: operator.id,
    substitutes: p.substitutes.map((x) => ({ serviceId: knownIds.has(x.ref) ? x.ref : nameToId.get(x.ref) ?? x.ref, takeoverHours: x.takeoverHours })),
  }))

  const checked = await batchProblems(db, operator, parsed.map((p, i) => ({
    service: services[i]!, where: (path: string) => rowPath(p.rowNumber, columnOf(path)), label: `Row ${p.rowNumber}: `,
    params: { row: p.rowNumber },
  })))
  // A cell that could not be read is reported once, as unreadable, not again by the domain.
  const unreadable = new Set(parsed.flatMap((p) => [...p.unreadable].map((column) => rowPath(p.rowNumber, column))))
  problems.push(...checked.filter((e) => !unreadable.has(e.path)))
  if (problems.length > 0) {
    const rowOf = (e: FieldError) => Number(/^rows\[(\d+)\]/.exec(e.path)?.[1] ?? 0)
    problems.sort((a, b) => rowOf(a) - rowOf(b))
    const shown = problems.slice(0, 5).map((e) => e.message).join(' ')
    throw invalid('services.import_invalid', `Nothing was imported: ${problems.length} problem(s). ${shown}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`, problems)
  }

  const changes = services.flatMap((service) => {
    const before = ownById.get(service.id) ?? null
    return before && comparable(before) === comparable(service) ? [] : [{ service, before }]
  })
  if (changes.length > 0) await inTransaction(ctx.database, (trx) => storeBatch(trx, scope, changes, ctx.now()))
  const created = changes.filter((c) => c.before === null).length
  return { received: services.length, created, updated: changes.length - created, unchanged: services.length - changes.length }
}
