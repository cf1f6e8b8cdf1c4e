import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine, openTestContext } from '../../../test/harness/engines.ts'
import { inTransaction } from '../../platform/db/database.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { OrganisationKind } from '../../authz/domain/vocabulary.ts'
import { seedDemo } from '../../org/seed/seed.ts'
import type { Mapping, RequirementNode, VersionStatus } from '../domain/model.ts'
import {
  currentVersions, findVersionForScope, insertDocument, insertMappings, insertVersion, listDocuments, listMappings, setConsultation, setVersionStatus,
} from './standards-repository.ts'

type TestContext = Awaited<ReturnType<typeof openTestContext>>

const node = (id: string): RequirementNode => ({
  id, parentId: null, number: id, kind: 'requirement', title: { ja: id, en: id }, text: { ja: `${id} 本文`, en: `${id} text` },
  strength: 'must', addressee: 'operator', parameters: [], applicability: { kind: 'always' }, guidance: { ja: '', en: '' }, evidence: [],
})

const scope = (organisationId: string, organisationKind: OrganisationKind, sectorIds: string[]): Scope =>
  ({ actor: `user:${organisationId}`, userId: null, organisationId, organisationKind, role: 'viewer', sectorIds })

/** Callers by who they are to a medical document owned by MHLW (demo organisation ids). */
const CALLERS = {
  owner: scope('mhlw', 'ministry', ['medical']),
  nco: scope('nco', 'national_office', []),
  otherMinistry: scope('fsa', 'ministry', ['finance']),
  medicalOperator: scope('clinic-kaede', 'operator', ['medical']),
  medicalSharingBody: scope('ceptoar-medical', 'sharing_body', ['medical']),
  financeOperator: scope('shinonome-bank', 'operator', ['finance']),
  provider: scope('sora-cloud', 'provider', []),
}
type Who = keyof typeof CALLERS

describeEachEngine('standards repository', (engine) => {
  let ctx: TestContext
  let serial = 0
  let clock = Date.parse('2026-04-01T00:00:00Z')
  const tick = () => new Date((clock += 60_000))

  async function doc(id: string, owner: string, sectorId: string | null) {
    await inTransaction(ctx.database, (trx) => insertDocument(trx, { id, kind: sectorId ? 'sector_standard' : 'unified_standard', ownerOrganisationId: owner, sectorId, title: { ja: id, en: id } }, tick()))
  }
  async function version(documentId: string, status: VersionStatus, nodes: RequirementNode[] = [node('r-1')]): Promise<string> {
    const id = `v-${++serial}`
    await inTransaction(ctx.database, (trx) => insertVersion(trx, {
      id, documentId, label: id, status, effectiveFrom: null, notice: { ja: '', en: '' }, profile: null, source: 'test', contentDigest: `digest-${id}`, nodes,
    }, tick()))
    return id
  }
  async function move(id: string, from: VersionStatus, to: VersionStatus) {
    await inTransaction(ctx.database, async (trx) => { expect(await setVersionStatus(trx, id, from, to, tick())).toBe(true) })
  }

  beforeAll(async () => {
    ctx = await openTestContext(engine)
    await seedDemo(ctx, 'Repository-Test-Passphrase-1')
  }, 120_000)
  afterAll(async () => { await ctx?.close() })

  it('shows a draft to its owner and the NCO; during consultation also to ministries and its sector; published to everyone', async () => {
    await doc('vis-medical', 'mhlw', 'medical')
    await doc('vis-cross', 'nco', null)
    const medicalDraft = await version('vis-medical', 'draft')
    const crossDraft = await version('vis-cross', 'draft')
    const published = await version('vis-medical', 'draft')
    await move(published, 'draft', 'published')

    const seen = async (who: Who, id: string) => {
      const found = await findVersionForScope(ctx.database.db, CALLERS[who], id)
      const listed = (await listDocuments(ctx.database.db, CALLERS[who])).some((d) => d.versions.some((v) => v.id === id))
      // The single read and the list must agree.
      expect(listed, `${who} list vs find for ${id}`).toBe(found !== null && found !== undefined)
      return found === null ? false : found !== undefined
    }
    const everyone = Object.keys(CALLERS) as Who[]
    const visibleTo = async (id: string) => (await Promise.all(everyone.map(async (w) => [w, await seen(w, id)] as const))).filter(([, v]) => v).map(([w]) => w)

    expect(await visibleTo(medicalDraft)).toEqual(['owner', 'nco'])
    expect(await visibleTo(crossDraft)).toEqual(['nco'])
    expect(await visibleTo(published)).toEqual(everyone)

    await inTransaction(ctx.database, async (trx) => {
      await setConsultation(trx, medicalDraft, true, tick())
      await setConsultation(trx, crossDraft, true, tick())
    })
    expect(await visibleTo(medicalDraft)).toEqual(['owner', 'nco', 'otherMinistry', 'medicalOperator', 'medicalSharingBody'])
    expect(await visibleTo(crossDraft)).toEqual(everyone)

    await inTransaction(ctx.database, (trx) => setConsultation(trx, medicalDraft, false, tick()))
    expect(await visibleTo(medicalDraft)).toEqual(['owner', 'nco'])

    // An unknown id is undefined, a hidden one null; a document lists only the versions the caller may see.
    expect(await findVersionForScope(ctx.database.db, CALLERS.provider, 'no-such-version')).toBeUndefined()
    expect(await findVersionForScope(ctx.database.db, CALLERS.provider, medicalDraft)).toBeNull()
    const providerDocs = await listDocuments(ctx.database.db, CALLERS.provider)
    expect(providerDocs.find((d) => d.id === 'vis-medical')?.versions.map((v) => v.id)).toEqual([published])
  })

  it('binds the version in force over a newer published one, else the latest published; drafts never bind', async () => {
    await doc('cur-a', 'mhlw', 'medical')
    const old = await version('cur-a', 'draft')
    await move(old, 'draft', 'published')
    await move(old, 'published', 'in_force')
    const newer = await version('cur-a', 'draft')
    await move(newer, 'draft', 'published')
    await version('cur-a', 'draft')

    await doc('cur-b', 'fsa', 'finance')
    const first = await version('cur-b', 'draft')
    await move(first, 'draft', 'published')
    const second = await version('cur-b', 'draft')
    await move(second, 'draft', 'published')

    await doc('cur-c', 'mhlw', 'medical')
    await version('cur-c', 'draft')

    const current = new Map((await currentVersions(ctx.database.db)).map((d) => [d.documentId, d]))
    expect(current.get('cur-a')).toMatchObject({ versionId: old, status: 'in_force', kind: 'sector_standard', sectorId: 'medical' })
    expect(current.get('cur-b')).toMatchObject({ versionId: second, status: 'published' })
    expect(current.has('cur-c')).toBe(false)

    // Superseding the one in force lets the published one bind once it is in force itself.
    await move(old, 'in_force', 'superseded')
    await move(newer, 'published', 'in_force')
    expect((await currentVersions(ctx.database.db)).find((d) => d.documentId === 'cur-a')).toMatchObject({ versionId: newer, status: 'in_force' })
  })

  it('inserts crosswalk rows idempotently: the same rows again insert nothing', async () => {
    await doc('map-src', 'nco', null)
    await doc('map-dst', 'mhlw', 'medical')
    const src = await version('map-src', 'published', [node('s-1'), node('s-2')])
    const dst = await version('map-dst', 'published', [node('d-1')])
    const rows: (Mapping & { id: string })[] = [
      { id: 'm-1', sourceVersionId: src, sourceNodeId: 's-1', targetVersionId: dst, targetNodeId: 'd-1', relationship: 'equivalent-to', rationale: '同じ' },
      { id: 'm-2', sourceVersionId: src, sourceNodeId: 's-2', targetVersionId: dst, targetNodeId: 'd-1', relationship: 'subset-of', rationale: '一部' },
    ]
    const count = async () => Number((await ctx.database.db.selectFrom('standard_mapping').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    expect(await inTransaction(ctx.database, (trx) => insertMappings(trx, rows, tick()))).toBe(2)
    expect(await count()).toBe(before + 2)
    expect(await inTransaction(ctx.database, (trx) => insertMappings(trx, rows, tick()))).toBe(0)
    // The same crosswalk under another id is the same row (unique on its endpoints and relationship).
    expect(await inTransaction(ctx.database, (trx) => insertMappings(trx, [{ ...rows[0]!, id: 'm-1-again', rationale: '別の説明' }], tick()))).toBe(0)
    expect(await count()).toBe(before + 2)
    const listed = await listMappings(ctx.database.db, [dst])
    expect(listed.map((m) => [m.sourceNodeId, m.relationship, m.rationale])).toEqual([['s-1', 'equivalent-to', '同じ'], ['s-2', 'subset-of', '一部']])
  })
})
