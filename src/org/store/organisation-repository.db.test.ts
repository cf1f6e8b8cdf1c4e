import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import { describeEachEngine, openTestContext } from '../../../test/harness/engines.ts'
import { seedDemo } from '../seed/seed.ts'
import { DEMO_ORGANISATIONS, type DemoOrganisation } from '../seed/demo-data.ts'
import { SECTORS } from '../seed/sectors.ts'
import { ORGANISATION_KINDS, ROLES, type Role } from '../../authz/domain/vocabulary.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import { relationTo } from '../../authz/domain/visibility.ts'
import { findOrganisationForScope, getOrganisationUnscoped, listAllOrganisationsUnscoped, listOrganisations } from './organisation-repository.ts'
import { sectorIdsOf } from './user-repository.ts'

/*
 * The expectations below come from the demo data and the rule as DESIGN.md / visibility.ts document it,
 * written out independently here, so a wrong rule in the code cannot also be the yardstick it is measured by.
 */
const byKey = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o]))
const org = (key: string): DemoOrganisation => {
  const found = byKey.get(key)
  if (!found) throw new Error(`no demo organisation ${key}`)
  return found
}

/** An organisation's sectors: a ministry's are those SECTORS put in its charge, everybody else's its own. */
function sectorsOf(o: DemoOrganisation): string[] {
  return o.kind === 'ministry' ? SECTORS.filter((s) => s.ministryKeys.includes(o.key)).map((s) => s.id) : o.sectorIds
}
const overlap = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x))

/**
 * The documented rule:
 * - NCO: everything.
 * - ministry: itself, the NCO, other ministries, providers, and every organisation in a sector of its jurisdiction.
 * - operator: itself, the NCO, the ministries in charge of its sectors and its sectors' sharing bodies; never other operators.
 * - sharing body: itself, the NCO, the ministries of its sectors and the operators and sharing bodies of its sectors.
 * - provider: itself and the NCO.
 */
function expectedVisible(viewer: DemoOrganisation): Set<string> {
  const mine = sectorsOf(viewer)
  const sees = (t: DemoOrganisation): boolean => {
    if (t.key === viewer.key || t.kind === 'national_office') return true
    switch (viewer.kind) {
      case 'national_office': return true
      case 'ministry': return t.kind === 'ministry' || t.kind === 'provider' || overlap(sectorsOf(t), mine)
      case 'operator': return (t.kind === 'ministry' || t.kind === 'sharing_body') && overlap(sectorsOf(t), mine)
      case 'sharing_body': return t.kind !== 'provider' && overlap(sectorsOf(t), mine)
      case 'provider': return false
    }
  }
  return new Set(DEMO_ORGANISATIONS.filter(sees).map((o) => o.key))
}

const idsOf = (orgs: { id: string }[]) => new Set(orgs.map((o) => o.id))

describeEachEngine('organisation visibility on the demo dataset', (engine) => {
  let ctx: Awaited<ReturnType<typeof openTestContext>>

  beforeAll(async () => {
    ctx = await openTestContext(engine)
    await seedDemo(ctx, 'Visibility-Test-Password-1')
  })
  afterAll(async () => { await ctx?.close() })

  /** A scope as the authorization plugin builds it from a membership. */
  async function scopeFor(id: string, role: Role = 'admin'): Promise<Scope> {
    const found = await getOrganisationUnscoped(ctx.database.db, id)
    if (!found) throw new Error(`no organisation ${id}`)
    return {
      actor: 'user:test', userId: null, organisationId: id, organisationKind: found.kind, role,
      sectorIds: await sectorIdsOf(ctx.database.db, id, found.kind),
    }
  }

  it('stores exactly the demo organisations', async () => {
    const all = await listAllOrganisationsUnscoped(ctx.database.db)
    expect(idsOf(all)).toEqual(new Set(DEMO_ORGANISATIONS.map((o) => o.key)))
  })

  it('the MHLW sees every medical operator and no finance operator', async () => {
    const visible = idsOf(await listOrganisations(ctx.database.db, await scopeFor('mhlw')))
    const medicalOperators = DEMO_ORGANISATIONS.filter((o) => o.kind === 'operator' && o.sectorIds.includes('medical'))
    const financeOperators = DEMO_ORGANISATIONS.filter((o) => o.kind === 'operator' && o.sectorIds.includes('finance'))
    expect(medicalOperators.length).toBeGreaterThan(5)
    expect(financeOperators.length).toBeGreaterThan(5)
    for (const o of medicalOperators) expect(visible, o.key).toContain(o.key)
    for (const o of financeOperators) expect(visible, o.key).not.toContain(o.key)
    expect(visible).toEqual(expectedVisible(org('mhlw')))
  })

  it('the MHLW has jurisdiction over a medical operator, sees other ministries, and gets nothing of a bank', async () => {
    const scope = await scopeFor('mhlw', 'reviewer')
    expect((await findOrganisationForScope(ctx.database.db, scope, 'clinic-kaede'))?.relation).toBe('jurisdiction')
    expect((await findOrganisationForScope(ctx.database.db, scope, 'fsa'))?.relation).toBe('visible')
    expect((await findOrganisationForScope(ctx.database.db, scope, 'sora-cloud'))?.relation).toBe('visible')
    expect((await findOrganisationForScope(ctx.database.db, scope, 'mhlw'))?.relation).toBe('own')
    expect(await findOrganisationForScope(ctx.database.db, scope, 'shinonome-bank')).toEqual({ relation: 'none', organisation: null })
  })

  it('an operator sees itself, the NCO, its ministry and its CEPTOAR, and no other operator', async () => {
    const scope = await scopeFor('clinic-kaede')
    const visible = idsOf(await listOrganisations(ctx.database.db, scope))
    expect(visible).toEqual(new Set(['clinic-kaede', 'nco', 'mhlw', 'ceptoar-medical']))
    expect(visible).toEqual(expectedVisible(org('clinic-kaede')))

    const db = ctx.database.db
    expect(await findOrganisationForScope(db, scope, 'aoba-hospital')).toEqual({ relation: 'none', organisation: null })
    expect(await findOrganisationForScope(db, scope, 'fsa')).toEqual({ relation: 'none', organisation: null })
    expect(await findOrganisationForScope(db, scope, 'sora-cloud')).toEqual({ relation: 'none', organisation: null })
    expect((await findOrganisationForScope(db, scope, 'clinic-kaede'))?.relation).toBe('own')
    const ministry = await findOrganisationForScope(db, scope, 'mhlw')
    expect(ministry?.relation).toBe('visible')
    expect(ministry?.organisation?.name).toBe(org('mhlw').name)
    expect((await findOrganisationForScope(db, scope, 'ceptoar-medical'))?.relation).toBe('visible')
    expect((await findOrganisationForScope(db, scope, 'nco'))?.relation).toBe('visible')
  })

  it('a ministry of another sector has no relation to a medical operator but sees the MHLW', async () => {
    const scope = await scopeFor('fsa')
    const db = ctx.database.db
    expect(await findOrganisationForScope(db, scope, 'clinic-kaede')).toEqual({ relation: 'none', organisation: null })
    expect(await findOrganisationForScope(db, scope, 'ceptoar-medical')).toEqual({ relation: 'none', organisation: null })
    expect((await findOrganisationForScope(db, scope, 'mhlw'))?.relation).toBe('visible')
    expect((await findOrganisationForScope(db, scope, 'shinonome-bank'))?.relation).toBe('jurisdiction')
    const visible = idsOf(await listOrganisations(db, scope))
    expect(visible).not.toContain('clinic-kaede')
    expect(visible).toContain('mhlw')
    expect(visible).toEqual(expectedVisible(org('fsa')))
  })

  it('the NCO sees every organisation, with jurisdiction over each', async () => {
    const scope = await scopeFor('nco', 'viewer')
    expect(idsOf(await listOrganisations(ctx.database.db, scope))).toEqual(new Set(DEMO_ORGANISATIONS.map((o) => o.key)))
    for (const o of DEMO_ORGANISATIONS.filter((x) => x.key !== 'nco')) {
      const found = await findOrganisationForScope(ctx.database.db, scope, o.key)
      expect(found?.relation, o.key).toBe('jurisdiction')
      expect(found?.organisation?.id).toBe(o.key)
    }
  })

  it('a provider sees only itself and the NCO', async () => {
    expect(idsOf(await listOrganisations(ctx.database.db, await scopeFor('sora-cloud', 'viewer')))).toEqual(new Set(['sora-cloud', 'nco']))
  })

  it('an unknown id is absent, not hidden', async () => {
    expect(await findOrganisationForScope(ctx.database.db, await scopeFor('clinic-kaede'), 'no-such-organisation')).toBeUndefined()
  })

  it('every demo organisation, as viewer, lists exactly what the documented rule allows', async () => {
    for (const viewer of DEMO_ORGANISATIONS) {
      const visible = idsOf(await listOrganisations(ctx.database.db, await scopeFor(viewer.key)))
      expect(visible, viewer.key).toEqual(expectedVisible(viewer))
    }
  })

  it('one organisation of each kind: findOrganisationForScope hides exactly what the list hides', async () => {
    const viewers = ORGANISATION_KINDS.map((kind) => DEMO_ORGANISATIONS.find((o) => o.kind === kind && o.key !== 'mhlw')!)
    for (const viewer of [...viewers, org('mhlw'), org('ceptoar-medical')]) {
      const scope = await scopeFor(viewer.key)
      const expected = expectedVisible(viewer)
      for (const target of DEMO_ORGANISATIONS) {
        const found = await findOrganisationForScope(ctx.database.db, scope, target.key)
        const label = `${viewer.key} → ${target.key}`
        expect(found?.relation !== 'none', label).toBe(expected.has(target.key))
        expect(found?.organisation === null, label).toBe(!expected.has(target.key))
      }
    }
  })

  it('property: the SQL filter and the in-memory rule agree for any demo organisation, role and filter', async () => {
    const all = await listAllOrganisationsUnscoped(ctx.database.db)
    const facts = all.map((o) => ({ id: o.id, kind: o.kind, sectorIds: o.sectors, jurisdictionSectorIds: o.kind === 'ministry' ? o.sectors : [] }))
    const sectorIds = SECTORS.map((s) => s.id)
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...all.map((o) => o.id)),
      fc.constantFrom(...ROLES),
      fc.option(fc.constantFrom(...ORGANISATION_KINDS), { nil: undefined }),
      fc.option(fc.constantFrom(...sectorIds), { nil: undefined }),
      async (id, role, kind, sector) => {
        const scope = await scopeFor(id, role)
        const listed = await listOrganisations(ctx.database.db, scope, { kind, sector })
        // The filters narrow by the fields the caller sees on each organisation (`kind`, `sectors`).
        const expected = facts
          .filter((f) => relationTo(scope, f) !== 'none')
          .filter((f) => kind === undefined || f.kind === kind)
          .filter((f) => sector === undefined || f.sectorIds.includes(sector))
          .map((f) => f.id)
        expect(listed.map((o) => o.id).sort()).toEqual(expected.sort())
      },
    ), { numRuns: 60 })
  })
})
