import type { AppContext } from '../platform/context.ts'
import type { Executor } from '../platform/db/database.ts'
import type { Organisation } from '../org/domain/organisation.ts'
import type { ResolvedNode, TierLevel } from '../standards/domain/model.ts'
import type { Tier } from '../standards/domain/governance.ts'
import { bindingVersions, listMappings, type BindingDocument } from '../standards/store/standards-repository.ts'
import { listFacts, listOperatorTiers, listTiers } from '../standards/store/governance-repository.ts'
import { resolveVersion } from '../standards/standards-service.ts'
import { resolveObligations, type Binding, type Obligation, type OperatorContext } from './domain/resolve-obligations.ts'
import { diffObligations } from '../standards/domain/version-diff.ts'

const LEVEL_RANK: Record<TierLevel, number> = { baseline: 1, standard: 2, enhanced: 3 }

export interface ObligationReport {
  organisationId: string
  operator: { sectors: string[]; tiers: { sectorId: string; tierId: string; level: TierLevel; reason: string }[]; tierLevel: TierLevel | null; flags: OperatorContext['flags']; facts: string[] }
  documents: { documentId: string; kind: string; title: { ja: string; en: string }; versionId: string; versionLabel: string; why: string }[]
  obligations: readonly Obligation[]
}

/**
 * Which documents bind an operator, and why: per sector, the sector standard of its tier (or the Unified
 * Standard itself while no tier is recorded or the sector has none); the sector's guidelines; and every law
 * (whose requirements carry their own designation conditions).
 */
export function chooseBindings(org: Organisation, tiers: Tier[], assigned: { sectorId: string; tierId: string }[], documents: BindingDocument[]): { document: BindingDocument; why: string }[] {
  const chosen = new Map<string, { document: BindingDocument; why: string }>()
  const add = (document: BindingDocument | undefined, why: string) => {
    if (document && !chosen.has(document.versionId)) chosen.set(document.versionId, { document, why })
  }
  const unified = documents.find((d) => d.kind === 'unified_standard')
  for (const sectorId of org.sectors) {
    const tier = tiers.find((t) => t.id === assigned.find((a) => a.sectorId === sectorId)?.tierId)
    const profile = tier?.profileDocumentId ? documents.find((d) => d.documentId === tier.profileDocumentId) : undefined
    if (tier && profile) add(profile, `sector-standard:${sectorId}/tier:${tier.id}`)
    else add(unified, tier ? `unified-standard:sector=${sectorId}/tier:${tier.id}` : `unified-standard:sector=${sectorId}/no-tier`)
    for (const guideline of documents.filter((d) => d.kind === 'guideline' && d.sectorId === sectorId)) add(guideline, `guideline:sector=${sectorId}`)
  }
  if (org.sectors.length === 0) add(unified, 'unified-standard')
  for (const law of documents.filter((d) => d.kind === 'law')) add(law, 'law')
  return [...chosen.values()]
}

/** Resolved content of a version, shared by every operator bound to it until the next change of state. */
async function resolvedCached(ctx: AppContext, db: Executor, epoch: number, versionId: string): Promise<ResolvedNode[]> {
  const key = `resolved:${versionId}`
  const cached = ctx.caches.reads.get(epoch, key) as ResolvedNode[] | undefined
  if (cached) return cached
  const nodes = await resolveVersion(db, versionId)
  ctx.caches.reads.set(epoch, key, nodes)
  return nodes
}

export async function obligationsFor(ctx: AppContext, org: Organisation, epoch = -1, asOf: 'current' | 'previous' = 'current'): Promise<ObligationReport> {
  const db = ctx.database.db
  const [tiers, assigned, facts, versions] = await Promise.all([
    listTiers(db), listOperatorTiers(db, org.id), listFacts(db, org.id), bindingVersions(db),
  ])
  let chosen = chooseBindings(org, tiers, assigned, versions.current)
  if (asOf === 'previous') {
    // The same documents, each at the version that bound before its current one (if it has one).
    chosen = chosen.map(({ document, why }) => ({ document: versions.previous.get(document.documentId) ?? document, why }))
  }
  const bindings: Binding[] = []
  for (const { document, why } of chosen) {
    bindings.push({
      documentId: document.documentId, documentKind: document.kind, documentTitle: document.title, versionId: document.versionId,
      versionLabel: document.versionLabel, why, nodes: await resolvedCached(ctx, db, epoch, document.versionId), originDocuments: versions.documentOfVersion,
    })
  }
  // Crosswalks are written against catalogs; a profile's nodes keep their catalog origin, so ask for both.
  const versionIds = new Set(bindings.flatMap((b) => [b.versionId, ...b.nodes.map((n) => n.origin.versionId)]))
  const mappings = await listMappings(db, [...versionIds])
  const operatorTiers = assigned.flatMap((a) => {
    const tier = tiers.find((t) => t.id === a.tierId)
    return tier ? [{ sectorId: a.sectorId, tierId: a.tierId, level: tier.level, reason: a.reason }] : []
  })
  const tierLevel = operatorTiers.reduce<TierLevel | null>((best, t) => (best === null || LEVEL_RANK[t.level] > LEVEL_RANK[best] ? t.level : best), null)
  const operator: OperatorContext = {
    organisationId: org.id, sectors: org.sectors, tierLevel, tierKey: operatorTiers[0]?.tierId ?? null,
    flags: { esDesignated: org.esDesignated, acdDesignated: org.acdDesignated }, facts,
  }
  return {
    organisationId: org.id,
    operator: { sectors: org.sectors, tiers: operatorTiers, tierLevel, flags: operator.flags, facts },
    documents: chosen.map(({ document, why }) => ({ documentId: document.documentId, kind: document.kind, title: document.title, versionId: document.versionId, versionLabel: document.versionLabel, why })),
    obligations: resolveObligations({ operator, bindings, mappings }),
  }
}

/**
 * "What changed in my obligations since the previous version": the obligations under each binding
 * document's previous version against those under its current one, matched by lineage.
 */
export async function obligationChanges(ctx: AppContext, org: Organisation, epoch = -1) {
  const [before, after] = await Promise.all([obligationsFor(ctx, org, epoch, 'previous'), obligationsFor(ctx, org, epoch, 'current')])
  const documents = after.documents.map((d) => {
    const old = before.documents.find((b) => b.documentId === d.documentId)
    return { documentId: d.documentId, title: d.title, fromVersionId: old?.versionId ?? d.versionId, fromLabel: old?.versionLabel ?? d.versionLabel, toVersionId: d.versionId, toLabel: d.versionLabel }
  })
  const diff = diffObligations(before.obligations, after.obligations)
  return { organisationId: org.id, documents, added: diff.added, removed: diff.removed, changed: diff.changed.map((c) => ({ identity: c.identity, fields: c.fields, before: c.before, after: c.after })) }
}
