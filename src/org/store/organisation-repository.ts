import { sql, type ExpressionBuilder, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { OrganisationKind } from '../../authz/domain/vocabulary.ts'
import { organisationVisibility, relationTo, type Relation } from '../../authz/domain/visibility.ts'
import type { Organisation, Prefecture, Sector } from '../domain/organisation.ts'

type OrgEB = ExpressionBuilder<DB, 'organisation'>

/**
 * The visibility rule of authz/domain/visibility.ts as a where-clause. Every read of `organisation` goes
 * through it, so no query can return an organisation the caller may not see.
 */
function visibleTo(scope: Scope) {
  const rule = organisationVisibility(scope)
  return (eb: OrgEB) => {
    if (rule.all) return eb.lit(true)
    const sectorIds = rule.sectorIds.length > 0 ? [...rule.sectorIds] : ['\u0000none']
    const inSectors = eb.exists(
      eb.selectFrom('organisation_sector as os').select('os.sector_id')
        .whereRef('os.organisation_id', '=', 'organisation.id').where('os.sector_id', 'in', sectorIds),
    )
    const arms = [eb('organisation.id', '=', rule.ownId)]
    if (rule.kinds.length > 0) arms.push(eb('organisation.kind', 'in', rule.kinds))
    if (rule.kindsInSectors.length > 0) arms.push(eb.and([eb('organisation.kind', 'in', rule.kindsInSectors), inSectors]))
    if (rule.ministriesOfSectors) {
      arms.push(eb('organisation.id', 'in',
        eb.selectFrom('sector_jurisdiction').select('ministry_id').where('sector_id', 'in', sectorIds)))
    }
    return eb.or(arms)
  }
}

export interface OrganisationFilter {
  kind?: OrganisationKind | undefined
  sector?: string | undefined
}

/** SQL: select … from organisation where <visible to scope> [and kind = ?] [and exists sector] order by kind, name */
export async function listOrganisations(db: Executor, scope: Scope, filter: OrganisationFilter = {}): Promise<Organisation[]> {
  let query = db.selectFrom('organisation').selectAll('organisation').where(visibleTo(scope))
  if (filter.kind) query = query.where('organisation.kind', '=', filter.kind)
  if (filter.sector) {
    const sector = filter.sector
    // Matches what `sectors` shows: a ministry's sectors are those in its jurisdiction.
    query = query.where((eb) => eb.or([
      eb.exists(eb.selectFrom('organisation_sector as fs').select('fs.sector_id')
        .whereRef('fs.organisation_id', '=', 'organisation.id').where('fs.sector_id', '=', sector)),
      eb.exists(eb.selectFrom('sector_jurisdiction as fj').select('fj.sector_id')
        .whereRef('fj.ministry_id', '=', 'organisation.id').where('fj.sector_id', '=', sector)),
    ]))
  }
  const rows = await query.orderBy('organisation.kind').orderBy('organisation.name').execute()
  return withSectors(db, rows)
}

/**
 * Finds one organisation and the caller's relation to it. Returns `undefined` only when it does not exist;
 * an existing organisation outside the caller's scope comes back with relation `none` and *no data*.
 */
export async function findOrganisationForScope(db: Executor, scope: Scope, id: string):
  Promise<{ relation: Relation; organisation: Organisation | null } | undefined> {
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const [organisation] = await withSectors(db, [row])
  const jurisdiction = organisation!.kind === 'ministry' ? organisation!.sectors : []
  const relation = relationTo(scope, { id, kind: organisation!.kind, sectorIds: organisation!.sectors, jurisdictionSectorIds: jurisdiction })
  return relation === 'none' ? { relation, organisation: null } : { relation, organisation: organisation! }
}

/** Unscoped lookup for the system itself (sign-in, CLI). Never reachable from a route with a caller's id. */
export async function getOrganisationUnscoped(db: Executor, id: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return (await withSectors(db, [row]))[0]
}

export async function listAllOrganisationsUnscoped(db: Executor): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisation').selectAll().orderBy('kind').orderBy('name').execute()
  return withSectors(db, rows)
}

type OrganisationRow = DB['organisation']

async function withSectors(db: Executor, rows: OrganisationRow[]): Promise<Organisation[]> {
  if (rows.length === 0) return []
  const bySector = new Map<string, string[]>()
  // SQLite allows 32,766 bound parameters; organisation pages stay far below, but chunk anyway.
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = rows.slice(i, i + 1000).map((r) => r.id)
    const links = await db.selectFrom('organisation_sector').select(['organisation_id', 'sector_id'])
      .where('organisation_id', 'in', ids).orderBy('sector_id').execute()
    // Only ministries have jurisdiction rows; most lists (operators, say) hold none, so skip that query.
    const ministryIds = rows.slice(i, i + 1000).filter((r) => r.kind === 'ministry').map((r) => r.id)
    const ministryLinks = ministryIds.length === 0 ? [] : await db.selectFrom('sector_jurisdiction')
      .select(['ministry_id as organisation_id', 'sector_id']).where('ministry_id', 'in', ministryIds).orderBy('sector_id').execute()
    for (const link of [...links, ...ministryLinks]) {
      const list = bySector.get(link.organisation_id) ?? []
      if (!list.includes(link.sector_id)) list.push(link.sector_id)
      bySector.set(link.organisation_id, list)
    }
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind as OrganisationKind,
    sectors: bySector.get(row.id) ?? [],
    prefectureCode: row.prefecture_code,
    esDesignated: Boolean(row.es_designated),
    acdDesignated: Boolean(row.acd_designated),
    profile: row.profile,
    createdAt: row.created_at,
  }))
}

/** What is written for an organisation: everything but the creation time. */
export type OrganisationRecord = Omit<Organisation, 'createdAt'>

/** Writes an organisation and its sector links (jurisdiction links for a ministry). Needs the caller's transaction. */
export async function insertOrganisation(trx: Transaction<DB>, record: OrganisationRecord, now: Date): Promise<void> {
  const at = now.toISOString()
  await trx.insertInto('organisation').values({
    id: record.id, name: record.name, name_en: record.nameEn, kind: record.kind, prefecture_code: record.prefectureCode,
    es_designated: record.esDesignated ? 1 : 0, acd_designated: record.acdDesignated ? 1 : 0, profile: record.profile,
    created_at: at, updated_at: at,
  }).execute()
  await writeSectors(trx, record.id, record.kind, record.sectors)
}

export async function updateOrganisation(trx: Transaction<DB>, record: OrganisationRecord, now: Date): Promise<void> {
  await trx.updateTable('organisation').set({
    name: record.name, name_en: record.nameEn, prefecture_code: record.prefectureCode,
    es_designated: record.esDesignated ? 1 : 0, acd_designated: record.acdDesignated ? 1 : 0, profile: record.profile,
    updated_at: now.toISOString(),
  }).where('id', '=', record.id).execute()
  await trx.deleteFrom('organisation_sector').where('organisation_id', '=', record.id).execute()
  await trx.deleteFrom('sector_jurisdiction').where('ministry_id', '=', record.id).execute()
  await writeSectors(trx, record.id, record.kind, record.sectors)
}

async function writeSectors(trx: Transaction<DB>, id: string, kind: OrganisationKind, sectors: string[]) {
  if (sectors.length === 0) return
  if (kind === 'ministry') {
    await trx.insertInto('sector_jurisdiction').values(sectors.map((s) => ({ sector_id: s, ministry_id: id }))).execute()
  } else {
    await trx.insertInto('organisation_sector').values(sectors.map((s) => ({ organisation_id: id, sector_id: s }))).execute()
  }
}

export async function listSectors(db: Executor): Promise<Sector[]> {
  const sectors = await db.selectFrom('sector').selectAll().orderBy('sort_order').execute()
  const links = await db.selectFrom('sector_jurisdiction').select(['sector_id', 'ministry_id']).execute()
  return sectors.map((s) => ({
    id: s.id, nameJa: s.name_ja, nameEn: s.name_en,
    ministryIds: links.filter((l) => l.sector_id === s.id).map((l) => l.ministry_id),
  }))
}

export async function listPrefectures(db: Executor): Promise<Prefecture[]> {
  const rows = await db.selectFrom('prefecture').selectAll().orderBy('code').execute()
  return rows.map((r) => ({ code: r.code, nameJa: r.name_ja, nameEn: r.name_en }))
}

export async function existingSectorIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('sector').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

export async function prefectureExists(db: Executor, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('prefecture').select('code').where('code', '=', code).executeTakeFirst())
}

export async function countOrganisations(db: Executor): Promise<number> {
  const row = await db.selectFrom('organisation').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface SectorRecord { id: string; nameJa: string; nameEn: string; ministryIds: string[] }

/** Creates or replaces a sector and its jurisdiction links (the list is data: a 16th sector is one call). */
export async function upsertSector(trx: Transaction<DB>, sector: SectorRecord): Promise<'created' | 'updated'> {
  const existing = await trx.selectFrom('sector').select('id').where('id', '=', sector.id).executeTakeFirst()
  if (existing) {
    await trx.updateTable('sector').set({ name_ja: sector.nameJa, name_en: sector.nameEn }).where('id', '=', sector.id).execute()
  } else {
    const last = await trx.selectFrom('sector').select(sql<number>`coalesce(max(sort_order), 0)`.as('n')).executeTakeFirstOrThrow()
    await trx.insertInto('sector').values({ id: sector.id, name_ja: sector.nameJa, name_en: sector.nameEn, sort_order: Number(last.n) + 1 }).execute()
  }
  await trx.deleteFrom('sector_jurisdiction').where('sector_id', '=', sector.id).execute()
  if (sector.ministryIds.length > 0) {
    await trx.insertInto('sector_jurisdiction').values(sector.ministryIds.map((m) => ({ sector_id: sector.id, ministry_id: m }))).execute()
  }
  return existing ? 'updated' : 'created'
}

export async function ministryIdsAmong(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('organisation').select('id').where('id', 'in', ids).where('kind', '=', 'ministry').execute()
  return new Set(rows.map((r) => r.id))
}
