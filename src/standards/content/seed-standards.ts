import { readFileSync } from 'node:fs'
import type { AppContext } from '../../platform/context.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { appendAudit } from '../../audit/store/audit-repository.ts'
import { SYSTEM_ACTOR } from '../../authz/domain/scope.ts'
import type { Mapping, ProfileSpec } from '../domain/model.ts'
import { importCatalog } from '../domain/oscal/catalog.ts'
import { checkProfile, storeVersion } from '../standards-service.ts'
import { insertMappings, setVersionStatus } from '../store/standards-repository.ts'
import { upsertTier } from '../store/governance-repository.ts'
import { UNIFIED_STANDARD_SAMPLE } from './unified-standard-sample.ts'
import { SECTOR_PROFILES, UNIFIED_STANDARD_KEY } from './sector-profiles.ts'
import { GUIDELINES_AND_LAWS } from './guidelines-and-laws.ts'
import { CROSSWALKS } from './crosswalks.ts'
import { uuidV5 } from '../domain/oscal/kaname-ns.ts'

const MARK = 'seed.standards'
export const CSF_DOCUMENT_ID = 'nist-csf-2.0'
export const CSF_FILE = new URL('./nist/NIST_CSF_v2.0_catalog.json', import.meta.url)

/** Sector profile documents are one per tier: `<sector standard key>-<tier key>` would repeat the sector; the tier key is unique. */
export const profileDocumentId = (tierKey: string) => `${tierKey}-standard`

/**
 * The sample standards (clearly labelled samples, not official texts): the Unified Standard, NIST CSF 2.0,
 * the sector guideline and laws, the medical and finance sector standards as profiles per tier, and the
 * crosswalks. Every profile is checked like a ministry's: it must not drop or weaken a `must` unexcused.
 * Idempotent (a mark in `setting`); each document goes in its own transaction through the same service the API uses.
 */
export async function seedStandards(ctx: AppContext): Promise<boolean> {
  const db = ctx.database.db
  if (await db.selectFrom('setting').select('key').where('key', '=', MARK).executeTakeFirst()) return false
  const versionOf = new Map<string, string>()
  const us = UNIFIED_STANDARD_SAMPLE
  const unified = await storeVersion(ctx, SYSTEM_ACTOR, 'nco', {
    document: { id: us.document.key, kind: 'unified_standard', ownerOrganisationId: 'nco', sectorId: null, title: us.document.title },
    label: us.document.versionLabel, status: 'draft', effectiveFrom: us.document.effectiveFrom, notice: us.document.notice,
    nodes: us.nodes, profile: null, source: 'sample',
  })
  versionOf.set(UNIFIED_STANDARD_KEY, unified.id)

  const csf = importCatalog(JSON.parse(readFileSync(CSF_FILE, 'utf8')))
  const csfVersion = await storeVersion(ctx, SYSTEM_ACTOR, 'nco', {
    document: { id: CSF_DOCUMENT_ID, kind: 'foreign_framework', ownerOrganisationId: 'nco', sectorId: null, title: { ja: 'NIST サイバーセキュリティフレームワーク 2.0', en: csf.metadata.title } },
    label: csf.metadata.version, status: 'published', effectiveFrom: null, nodes: csf.nodes, profile: null, source: 'oscal',
  })
  versionOf.set(CSF_DOCUMENT_ID, csfVersion.id)

  for (const doc of GUIDELINES_AND_LAWS) {
    const stored = await storeVersion(ctx, SYSTEM_ACTOR, doc.ownerKey, {
      document: { id: doc.key, kind: doc.kind, ownerOrganisationId: doc.ownerKey, sectorId: doc.sectorId, title: doc.title },
      label: doc.versionLabel, status: 'draft', effectiveFrom: doc.effectiveFrom, notice: doc.notice, nodes: doc.nodes, profile: null, source: 'sample',
    })
    versionOf.set(doc.key, stored.id)
  }

  const profileVersionIds: string[] = []
  for (const sector of SECTOR_PROFILES) {
    for (const profile of sector.profiles) {
      const tier = sector.tiers.find((t) => t.key === profile.tierKey)!
      const spec: ProfileSpec = { ...profile.spec, imports: profile.spec.imports.map((i) => ({ ...i, versionId: versionOf.get(i.versionId) ?? i.versionId })) }
      const documentId = profileDocumentId(tier.key)
      const stored = await storeVersion(ctx, SYSTEM_ACTOR, sector.ownerKey, {
        document: { id: documentId, kind: 'sector_standard', ownerOrganisationId: sector.ownerKey, sectorId: sector.sectorId, title: { ja: `${sector.title.ja}（${tier.name.ja}）`, en: `${sector.title.en} (${tier.name.en})` } },
        label: sector.versionLabel, status: 'draft', effectiveFrom: null, notice: sector.notice, nodes: profile.nodes, profile: spec, source: 'sample',
      })
      await inTransaction(ctx.database, async (trx) => {
        await upsertTier(trx, { id: tier.key, sectorId: sector.sectorId, level: tier.level, name: tier.name, criteria: tier.criteria, profileDocumentId: documentId }, ctx.now())
        await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: sector.ownerKey, action: 'standards.tier_define', targetType: 'sector_tier', targetId: tier.key, after: tier }, ctx.now())
      })
      profileVersionIds.push(stored.id)
    }
  }

  // Publish: the Unified Standard and the documents first, then each profile only if it weakens no `must`.
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    for (const id of [unified.id, ...GUIDELINES_AND_LAWS.map((d) => versionOf.get(d.key)!)]) {
      await setVersionStatus(trx, id, 'draft', 'published', now)
      await setVersionStatus(trx, id, 'published', 'in_force', now)
      await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: null, action: 'standards.in_force', targetType: 'standard_version', targetId: id }, now)
    }
  })
  for (const profileVersionId of profileVersionIds) {
    const blocking = (await checkProfile(ctx, profileVersionId)).flatMap((c) => c.blocking)
    if (blocking.length > 0) throw new Error(`sample profile ${profileVersionId} weakens the Unified Standard: ${blocking.map((d) => `${d.number} ${d.kind}`).join(', ')}`)
    await inTransaction(ctx.database, async (trx) => {
      await setVersionStatus(trx, profileVersionId, 'draft', 'published', now)
      await setVersionStatus(trx, profileVersionId, 'published', 'in_force', now)
      await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: null, action: 'standards.in_force', targetType: 'standard_version', targetId: profileVersionId }, now)
    })
  }

  const mappings: (Mapping & { id: string })[] = CROSSWALKS.map((m) => {
    const mapped = { ...m, sourceVersionId: versionOf.get(m.sourceVersionId) ?? m.sourceVersionId, targetVersionId: versionOf.get(m.targetVersionId) ?? m.targetVersionId }
    return { ...mapped, id: uuidV5(`${mapped.sourceVersionId}#${mapped.sourceNodeId}>${mapped.relationship}>${mapped.targetVersionId}#${mapped.targetNodeId}`) }
  })
  await inTransaction(ctx.database, async (trx) => {
    const inserted = await insertMappings(trx, mappings, now)
    await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: 'nco', action: 'standards.mappings_import', targetType: 'standard_mapping', targetId: 'sample-crosswalks', after: { count: inserted } }, now)
    await trx.insertInto('setting').values({ key: MARK, value: now.toISOString() }).execute()
  })
  return true
}

const DEMO_TIERS_MARK = 'seed.demo_tiers'

/**
 * Demo operators' tiers (recorded as the ministry's decisions, with reasons) and declared facts, so that
 * "what applies to me" differs visibly between a small clinic and the national claims operator.
 */
export async function seedDemoTiersAndFacts(ctx: AppContext, organisations: readonly { key: string; kind: string; sectorIds: string[]; esDesignated: boolean; profile?: string }[]): Promise<boolean> {
  const db = ctx.database.db
  if (await db.selectFrom('setting').select('key').where('key', '=', DEMO_TIERS_MARK).executeTakeFirst()) return false
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    for (const org of organisations.filter((o) => o.kind === 'operator')) {
      const decisions: { sectorId: string; tierId: string; reason: string; by: string }[] = []
      if (org.sectorIds.includes('medical') && org.profile === 'small-clinic') decisions.push({ sectorId: 'medical', tierId: 'medical-small', reason: '無床または19床以下の診療所であり、国の医療システムを運営していないため（デモ）', by: 'mhlw' })
      if (org.sectorIds.includes('medical') && org.profile === 'national-medical-system') decisions.push({ sectorId: 'medical', tierId: 'medical-national', reason: 'オンライン資格確認・電子処方箋を全国に提供する国家医療システムの運営者であるため（デモ）', by: 'mhlw' })
      if (org.sectorIds.includes('finance')) decisions.push(org.esDesignated
        ? { sectorId: 'finance', tierId: 'finance-major', reason: '特定社会基盤事業者に指定された主要金融機関であるため（デモ）', by: 'fsa' }
        : { sectorId: 'finance', tierId: 'finance-regional', reason: '地域金融機関であるため（デモ）', by: 'fsa' })
      for (const d of decisions) {
        await trx.insertInto('operator_tier').values({ organisation_id: org.key, sector_id: d.sectorId, tier_id: d.tierId, reason: d.reason, decided_by: `org:${d.by}`, decided_at: now.toISOString() }).execute()
        await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: d.by, action: 'standards.tier_assign', targetType: 'organisation', targetId: org.key, after: d }, now)
      }
      const facts = demoFacts(org)
      if (facts.length > 0) {
        await trx.insertInto('organisation_fact').values(facts.map((fact) => ({ organisation_id: org.key, fact, updated_at: now.toISOString() }))).execute()
        await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: org.key, action: 'org.facts_set', targetType: 'organisation', targetId: org.key, after: { facts } }, now)
      }
    }
    await trx.insertInto('setting').values({ key: DEMO_TIERS_MARK, value: now.toISOString() }).execute()
  })
  return true
}

function demoFacts(org: { sectorIds: string[]; profile?: string }): string[] {
  if (org.profile === 'small-clinic') return ['handles_personal_data']
  if (org.profile === 'national-medical-system') return ['handles_personal_data', 'internet_facing_systems', 'uses_cloud']
  const s = new Set(org.sectorIds)
  if (s.has('medical') || s.has('finance') || s.has('credit') || s.has('government')) return ['handles_personal_data', 'internet_facing_systems', 'uses_cloud']
  if (['electricity', 'gas', 'water', 'railway', 'chemical', 'petroleum', 'port', 'airport'].some((x) => s.has(x))) return ['internet_facing_systems', 'operates_ot']
  return ['internet_facing_systems', 'uses_cloud']
}
