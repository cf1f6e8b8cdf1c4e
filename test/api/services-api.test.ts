import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { CENSUS_2020_NATIONAL, CENSUS_2020_POPULATION } from '../../src/services/population.ts'

/**
 * Services and designation through the HTTP API on both engines: who reads and writes which services, the
 * field errors of bad services, and the designation acceptance item of issue 5 — changing a criterion's
 * threshold changes the candidate list as the values imply, and every candidate shows the values that fired.
 */

type Headers = Record<string, string>
interface Evaluation { criterionId: string; criterion: string; threshold: number | null; value: number | boolean | null; fired: boolean; service?: string; prefecture?: string; serviceName?: { ja: string; en: string } }
interface Candidate { operatorId: string; operatorName: string; sectors: string[]; candidate: boolean; firedCount: number; evaluations: Evaluation[] }
interface ServiceOut { id: string; operatorId: string; name: { ja: string; en: string }; sector: string; substitutes: { serviceId: string; takeoverHours: number }[] }

let serial = 0
/** A valid service body; `over` replaces top-level fields. */
function body(over: Record<string, unknown> = {}) {
  serial++
  return {
    name: { ja: `テストサービス${serial}`, en: `Test service ${serial}` }, sector: 'medical', type: 'clinical',
    peopleServed: 10_000, businessesServed: 10, prefectures: [{ prefectureCode: '13', people: 8_000 }], substitutes: [],
    mtpdHours: 72, rtoHours: 24, rpoHours: 4, rlo: 0.5, impact: { afterHour: 100, afterDay: 2_000, afterWeek: 9_000 },
    ...over,
  }
}

describeEachEngine('services and designation API', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Headers, mhlw: Headers, fsa: Headers, clinic: Headers, tsubaki: Headers, claims: Headers, bank: Headers, ceptoar: Headers
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    env.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const count = async (table: 'ci_service' | 'audit_entry' | 'designation_decision') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    env = await openDemoApp(engine)
    const as = async (email: string) => headersFor(await signInAs(env.app, email))
    ;[nco, mhlw, fsa, clinic, tsubaki, claims, bank, ceptoar] = await Promise.all([
      'nco@demo.kaname.jp', 'mhlw@demo.kaname.jp', 'fsa@demo.kaname.jp', 'clinic@demo.kaname.jp', 'clinic-tsubaki@demo.kaname.jp',
      'claims-ciso@demo.kaname.jp', 'bank-ciso@demo.kaname.jp', 'ceptoar-medical@demo.kaname.jp',
    ].map(as)) as [Headers, Headers, Headers, Headers, Headers, Headers, Headers, Headers]
  })
  afterAll(async () => env?.close())

  it('an operator records its services; its ministry and the NCO read them, no one else does', async () => {
    const auditBefore = await count('audit_entry')
    const created = await inject('POST', '/api/v1/services', clinic, body({ name: { ja: 'かえで外来診療', en: 'Kaede outpatient care' } }))
    expect(created.statusCode).toBe(201)
    const service = created.json() as ServiceOut
    expect(service).toMatchObject({ operatorId: 'clinic-kaede', name: { ja: 'かえで外来診療' }, sector: 'medical', prefectures: [{ prefectureCode: '13', people: 8_000 }] })
    expect(await count('audit_entry')).toBe(auditBefore + 1)

    for (const [who, headers, sees] of [['clinic', clinic, true], ['mhlw', mhlw, true], ['nco', nco, true], ['fsa', fsa, false], ['tsubaki', tsubaki, false], ['ceptoar', ceptoar, false]] as const) {
      const one = await inject('GET', `/api/v1/services/${service.id}`, headers)
      expect(one.statusCode, who).toBe(sees ? 200 : 404)
      const list = (await inject('GET', '/api/v1/services', headers)).json() as ServiceOut[]
      expect(list.some((s) => s.id === service.id), who).toBe(sees)
      if (!sees) expect(one.body, who).not.toContain('かえで外来診療')
    }
    const filtered = (await inject('GET', '/api/v1/services?operator=clinic-kaede&sector=medical', nco)).json() as ServiceOut[]
    expect(filtered.map((s) => s.id)).toContain(service.id)
    expect(filtered.every((s) => s.operatorId === 'clinic-kaede')).toBe(true)

    // Only the owner changes it: the ministry is refused by role, another clinic does not even see it.
    const change = body({ name: { ja: 'かえで外来診療', en: 'Kaede outpatient care' }, mtpdHours: 48 })
    expect((await inject('PUT', `/api/v1/services/${service.id}`, mhlw, change)).statusCode).toBe(403)
    expect((await inject('PUT', `/api/v1/services/${service.id}`, tsubaki, change)).statusCode).toBe(404)
    const updated = await inject('PUT', `/api/v1/services/${service.id}`, clinic, change)
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({ id: service.id, mtpdHours: 48 })
    expect((await inject('POST', '/api/v1/services', nco, body())).statusCode).toBe(403)
  })

  it('refuses bad services with errors naming the field and stores nothing', async () => {
    const before = await count('ci_service')
    const cases: [Record<string, unknown>, string, string][] = [
      [{ mtpdHours: 12, rtoHours: 12 }, 'body.rtoHours', 'service.rto_not_below_mtpd'],
      [{ mtpdHours: -5 }, 'body.mtpdHours', 'service.negative_duration'],
      [{ rpoHours: -1 }, 'body.rpoHours', 'service.negative_duration'],
      [{ sector: 'no-such-sector' }, 'body.sector', 'service.sector_unknown'],
      [{ sector: 'finance' }, 'body.sector', 'service.sector_not_operators'],
      [{ substitutes: [{ serviceId: '00000000-0000-4000-8000-000000000000', takeoverHours: 2 }] }, 'body.substitutes.0.serviceId', 'service.substitute_unknown'],
      [{ prefectures: [{ prefectureCode: '48', people: 1 }] }, 'body.prefectures.0.prefectureCode', 'service.prefecture_code_format'],
      [{ impact: { afterHour: 500, afterDay: 100, afterWeek: 9_000 } }, 'body.impact.afterDay', 'service.impact_not_monotone'],
    ]
    for (const [over, path, code] of cases) {
      const res = await inject('POST', '/api/v1/services', clinic, body(over))
      expect(res.statusCode, JSON.stringify(over)).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json().errors, JSON.stringify(over)).toContainEqual(expect.objectContaining({ path, code }))
    }
    const first = await inject('POST', '/api/v1/services', clinic, body({ name: { ja: '重複名', en: 'Duplicate' } }))
    expect(first.statusCode).toBe(201)
    const twice = await inject('POST', '/api/v1/services', clinic, body({ name: { ja: '重複名', en: 'Duplicate again' } }))
    expect(twice.statusCode).toBe(422)
    expect(twice.json().errors).toEqual([expect.objectContaining({ path: 'body.name.ja', code: 'service.name_duplicate' })])
    expect(await count('ci_service')).toBe(before + 1)
    // The same name at another operator is fine.
    expect((await inject('POST', '/api/v1/services', tsubaki, body({ name: { ja: '重複名', en: 'Duplicate' } }))).statusCode).toBe(201)
  })

  it('deleting a service removes it from other services\' substitutes', async () => {
    const a = (await inject('POST', '/api/v1/services', tsubaki, body())).json() as ServiceOut
    const b = (await inject('POST', '/api/v1/services', clinic, body({ substitutes: [{ serviceId: a.id, takeoverHours: 3 }] }))).json() as ServiceOut
    expect(b.substitutes).toEqual([{ serviceId: a.id, takeoverHours: 3 }])
    expect((await inject('DELETE', `/api/v1/services/${a.id}`, clinic)).statusCode).toBe(404)
    expect((await inject('DELETE', `/api/v1/services/${a.id}`, tsubaki)).statusCode).toBe(204)
    expect((await inject('GET', `/api/v1/services/${b.id}`, clinic)).json().substitutes).toEqual([])
    expect((await inject('GET', `/api/v1/services/${a.id}`, tsubaki)).statusCode).toBe(404)
  })

  it('deleting a service detaches it from the dependency graph: its edges go, other edges drop it as an alternative, all audited', async () => {
    const dependencies = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) => inject(method, `/api/v1/dependencies${url}`, headers, payload)
    const gone = (await inject('POST', '/api/v1/services', clinic, body())).json() as ServiceOut
    const stays = (await inject('POST', '/api/v1/services', clinic, body())).json() as ServiceOut
    const other = (await inject('POST', '/api/v1/services', tsubaki, body())).json() as ServiceOut
    const provider = (await dependencies('POST', '/providers', clinic, { name: { ja: `削除テスト回線${serial}`, en: '' }, providerType: 'telecom' })).json() as { id: string }
    const backup = (await dependencies('POST', '/providers', clinic, { name: { ja: `削除テスト予備${serial}`, en: '' }, providerType: 'telecom' })).json() as { id: string }
    const recorded = [
      await dependencies('POST', '/edges', clinic, { from: gone.id, to: provider.id, type: 'network' }),
      // Another operator's service depending on it, recorded by the ministry in charge (S14).
      await dependencies('POST', '/edges', mhlw, { from: other.id, to: gone.id, type: 'it_system' }),
      // It is only the alternative here: this edge stays, without it.
      await dependencies('POST', '/edges', clinic, { from: stays.id, to: provider.id, alternatives: [gone.id, backup.id] }),
    ]
    expect(recorded.map((r) => r.statusCode)).toEqual([201, 201, 201])
    const [toProvider, fromOther, alternative] = recorded.map((r) => r.json() as { id: string })
    const naming = async () => (await env.ctx.database.db.selectFrom('dependency_edge').select('id')
      .where((eb) => eb.or([eb('from_id', '=', gone.id), eb('to_id', '=', gone.id), eb('alternatives', 'like', `%${gone.id}%`)])).execute()).map((r) => r.id).sort()
    expect(await naming()).toEqual([toProvider!.id, fromOther!.id, alternative!.id].sort())

    const lastSeq = Number((await env.ctx.database.db.selectFrom('audit_entry').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq)
    expect((await inject('DELETE', `/api/v1/services/${gone.id}`, clinic)).statusCode).toBe(204)
    expect(await naming()).toEqual([])
    const edges = (await dependencies('GET', '/edges', nco)).json() as { id: string; from: string; to: string; alternatives: string[] }[]
    expect(JSON.stringify(edges)).not.toContain(gone.id)
    expect(edges.map((e) => e.id)).not.toContain(toProvider!.id)
    expect(edges.map((e) => e.id)).not.toContain(fromOther!.id)
    expect(edges.find((e) => e.id === alternative!.id)).toMatchObject({ from: stays.id, to: provider.id, alternatives: [backup.id] })
    // One entry for the service, one per dependency removed or changed.
    const entries = await env.ctx.database.db.selectFrom('audit_entry').select(['action', 'target_id']).where('seq', '>', lastSeq).execute()
    expect(entries.map((e) => [e.action, e.target_id]).sort()).toEqual([
      ['dependencies.edge_delete', toProvider!.id], ['dependencies.edge_delete', fromOther!.id], ['dependencies.edge_update', alternative!.id], ['services.delete', gone.id],
    ].sort())
  })

  it('changing a criterion\'s threshold changes the candidates as the values imply, each showing the values that fired', async () => {
    // Four operators' services, with coverages far enough apart that the thresholds below separate them.
    const claimsService = await inject('POST', '/api/v1/services', claims, body({
      name: { ja: 'オンライン資格確認', en: 'Online eligibility checks' }, peopleServed: 60_000_000,
      prefectures: [{ prefectureCode: '13', people: 5_000_000 }], impact: { afterHour: 1_000_000, afterDay: 20_000_000, afterWeek: 50_000_000 },
    }))
    expect(claimsService.statusCode).toBe(201)
    const bankService = await inject('POST', '/api/v1/services', bank, body({
      name: { ja: '口座振替', en: 'Direct debits' }, sector: 'finance', peopleServed: 10_000_000,
      prefectures: [{ prefectureCode: '13', people: 3_000_000 }], substitutes: [{ serviceId: claimsService.json().id, takeoverHours: 2 }],
      impact: { afterHour: 10_000, afterDay: 1_000_000, afterWeek: 5_000_000 },
    }))
    expect(bankService.statusCode).toBe(201)
    const national = { claims: 60_000_000 / CENSUS_2020_NATIONAL, bank: 10_000_000 / CENSUS_2020_NATIONAL }
    const tokyo = { claims: 5_000_000 / CENSUS_2020_POPULATION['13']!, bank: 3_000_000 / CENSUS_2020_POPULATION['13']! }
    // Thresholds between the values: national 0.3 < claims, bank < 0.3; Tokyo 0.2 < bank < claims.
    expect(national.bank).toBeLessThan(0.3)
    expect(national.claims).toBeGreaterThan(0.3)
    expect(tokyo.bank).toBeGreaterThan(0.2)
    expect(tokyo.bank).toBeLessThan(0.25)

    const criteria = (national: number, prefecture: number) => ({
      name: { ja: '人口カバー率基準', en: 'Population coverage' }, combine: 'any',
      criteria: [{ id: 'national', kind: 'national_coverage', threshold: national }, { id: 'tokyo', kind: 'prefecture_coverage', threshold: prefecture }],
    })
    expect((await inject('POST', '/api/v1/services/designation/criteria', clinic, criteria(0.3, 0.2))).statusCode).toBe(403)
    const bad = await inject('POST', '/api/v1/services/designation/criteria', nco, criteria(1.5, 0.2))
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'body.criteria.0.threshold', code: 'criteria.coverage_out_of_range' })])
    const created = await inject('POST', '/api/v1/services/designation/criteria', nco, criteria(0.3, 0.2))
    expect(created.statusCode).toBe(201)
    const setId = created.json().id as string

    const read = async (headers: Headers = nco) => {
      const res = await inject('GET', `/api/v1/services/designation/candidates?criteriaSet=${setId}`, headers)
      expect(res.statusCode).toBe(200)
      return res.json() as { criteriaSet: { criteria: { id: string; threshold: number }[] }; operators: Candidate[] }
    }
    /** Whatever else the demo data holds: fired follows value and threshold, candidate follows the fired count. */
    const consistent = (result: Awaited<ReturnType<typeof read>>) => {
      const thresholds = new Map(result.criteriaSet.criteria.map((c) => [c.id, c.threshold]))
      let seenNonCandidate = false
      for (const op of result.operators) {
        expect(op.evaluations.map((e) => e.criterionId)).toEqual(['national', 'tokyo'])
        for (const e of op.evaluations) {
          expect(e.threshold).toBe(thresholds.get(e.criterionId))
          expect(e.fired, `${op.operatorId} ${e.criterionId}`).toBe(typeof e.value === 'number' && e.value >= e.threshold!)
          // Every fired value names the service (and, for a prefecture, the prefecture) behind it.
          if (e.fired) {
            expect(typeof e.service).toBe('string')
            expect(e.serviceName?.ja).toBeTruthy()
            if (e.criterion === 'prefecture_coverage') expect(e.prefecture).toMatch(/^\d{2}$/)
          }
        }
        expect(op.firedCount).toBe(op.evaluations.filter((e) => e.fired).length)
        expect(op.candidate).toBe(op.firedCount > 0)
        // Candidates come first.
        if (!op.candidate) seenNonCandidate = true
        else expect(seenNonCandidate).toBe(false)
      }
    }
    const byId = (result: Awaited<ReturnType<typeof read>>) => new Map(result.operators.map((o) => [o.operatorId, o]))

    const first = await read()
    consistent(first)
    let ops = byId(first)
    expect(ops.get('medical-claims')).toMatchObject({ candidate: true, firedCount: 2 })
    expect(ops.get('medical-claims')!.evaluations.map((e) => e.value)).toEqual([national.claims, tokyo.claims])
    expect(ops.get('medical-claims')!.evaluations[1]).toMatchObject({ fired: true, prefecture: '13', service: claimsService.json().id, serviceName: { ja: 'オンライン資格確認' } })
    expect(ops.get('shinonome-bank')).toMatchObject({ candidate: true, firedCount: 1 })
    expect(ops.get('shinonome-bank')!.evaluations.map((e) => [e.value, e.fired])).toEqual([[national.bank, false], [tokyo.bank, true]])
    expect(ops.get('clinic-kaede')).toMatchObject({ candidate: false, firedCount: 0 })
    // An operator with no services is evaluated too, with nothing to measure.
    expect(ops.get('clinic-sumire')!.evaluations.map((e) => [e.value, e.fired])).toEqual([[null, false], [null, false]])

    // Raise both thresholds just past values that fired: the bank drops out, the claims operator keeps one criterion.
    expect((await inject('PUT', `/api/v1/services/designation/criteria/${setId}`, mhlw, criteria(0.5, 0.25))).statusCode).toBe(403)
    const put = await inject('PUT', `/api/v1/services/designation/criteria/${setId}`, nco, criteria(0.5, 0.25))
    expect(put.statusCode).toBe(200)
    const second = await read()
    consistent(second)
    ops = byId(second)
    expect(ops.get('medical-claims')).toMatchObject({ candidate: true, firedCount: 1 })
    expect(ops.get('medical-claims')!.evaluations.map((e) => [e.value, e.fired])).toEqual([[national.claims, false], [tokyo.claims, true]])
    expect(ops.get('shinonome-bank')).toMatchObject({ candidate: false, firedCount: 0 })
    expect(ops.get('shinonome-bank')!.evaluations.map((e) => e.value)).toEqual([national.bank, tokyo.bank])
    const candidates = (r: Awaited<ReturnType<typeof read>>) => r.operators.filter((o) => o.candidate).map((o) => o.operatorId)
    expect(candidates(first)).toContain('shinonome-bank')
    expect(candidates(second)).not.toContain('shinonome-bank')

    // Lower them again: more candidates, never fewer.
    await inject('PUT', `/api/v1/services/designation/criteria/${setId}`, nco, criteria(0.05, 0.2))
    const third = await read()
    consistent(third)
    expect(byId(third).get('shinonome-bank')).toMatchObject({ candidate: true, firedCount: 2 })
    expect(new Set(candidates(third))).toEqual(new Set([...candidates(second), ...candidates(third)]))

    // A ministry sees the operators of its jurisdiction only; an operator sees no candidates at all.
    const medical = await read(mhlw)
    expect(medical.operators.map((o) => o.operatorId)).toContain('medical-claims')
    expect(medical.operators.every((o) => o.sectors.includes('medical'))).toBe(true)
    expect((await read(fsa)).operators.map((o) => o.operatorId)).not.toContain('medical-claims')
    expect((await inject('GET', `/api/v1/services/designation/candidates?criteriaSet=${setId}`, clinic)).statusCode).toBe(403)
    expect((await inject('GET', '/api/v1/services/designation/candidates?criteriaSet=no-such-set', nco)).statusCode).toBe(404)
  })

  it('systemic dependency comes from the SPOF analysis of the dependency graph', async () => {
    const claimsServices = (await inject('GET', '/api/v1/services?operator=medical-claims', nco)).json() as (ServiceOut & { peopleServed: number })[]
    const eligibility = claimsServices.find((s) => s.name.ja === 'オンライン資格確認')!
    const dependent = await inject('POST', '/api/v1/services', tsubaki, body({
      name: { ja: 'つばき処方連携', en: 'Tsubaki prescriptions' }, peopleServed: 3_000, prefectures: [{ prefectureCode: '46', people: 3_000 }],
      mtpdHours: 12, rtoHours: 4, impact: { afterHour: 100, afterDay: 1_000, afterWeek: 3_000 },
    }))
    expect(dependent.statusCode).toBe(201)
    const set = (await inject('POST', '/api/v1/services/designation/criteria', nco, {
      name: { ja: '依存度', en: 'Systemic dependency' }, combine: 'any', criteria: [{ id: 'systemic', kind: 'systemic_dependency', threshold: 0.00001 }],
    })).json() as { id: string }
    const claimsOf = async () => ((await inject('GET', `/api/v1/services/designation/candidates?criteriaSet=${set.id}`, nco)).json() as { operators: Candidate[] })
      .operators.find((o) => o.operatorId === 'medical-claims')!
    // Nothing depends on the claims operator yet: its failure takes no one else past an MTPD.
    expect((await claimsOf()).evaluations[0]).toMatchObject({ fired: false })
    // The NCO records the clinic's dependency on the national eligibility service (S14), with no failover.
    const edge = await inject('POST', '/api/v1/dependencies/edges', nco, { from: dependent.json().id, to: eligibility.id, criticality: 'critical', failover: { kind: 'none' }, alternatives: [] })
    expect(edge.statusCode).toBe(201)
    const after = (await claimsOf()).evaluations[0]!
    expect(after).toMatchObject({ criterion: 'systemic_dependency', fired: true, service: eligibility.id })
    // At least the clinic's people are past their MTPD when the eligibility service fails; at most everyone both serve.
    expect(after.value as number).toBeGreaterThanOrEqual(3_000 / CENSUS_2020_NATIONAL)
    expect(after.value as number).toBeLessThanOrEqual((3_000 + eligibility.peopleServed) / CENSUS_2020_NATIONAL)
  })

  it('a decision to designate records the tier the standards module reads, in its jurisdiction only', async () => {
    const tierOf = async (org: string, sector: string) => (await env.ctx.database.db.selectFrom('operator_tier').select('tier_id')
      .where('organisation_id', '=', org).where('sector_id', '=', sector).executeTakeFirst())?.tier_id ?? null
    expect(await tierOf('clinic-kaede', 'medical')).toBe('medical-small')
    const decisionsBefore = await count('designation_decision')
    const decide = (headers: Headers, over: Record<string, unknown>) =>
      inject('POST', '/api/v1/services/designation/decisions', headers, { operatorId: 'clinic-kaede', sectorId: 'medical', decision: 'designate', tierId: 'medical-national', reason: '在宅医療の中核のため', ...over })

    const refusals: [Headers, Record<string, unknown>, number, string | null][] = [
      [fsa, {}, 422, 'body.operatorId'],
      [mhlw, { tierId: null }, 422, 'body.tierId'],
      [mhlw, { tierId: 'finance-major' }, 422, 'body.tierId'],
      [mhlw, { decision: 'not_designate' }, 422, 'body.tierId'],
      [mhlw, { sectorId: 'finance' }, 422, 'body.sectorId'],
      [mhlw, { criteriaSetId: 'no-such-set' }, 422, 'body.criteriaSetId'],
      [clinic, {}, 403, null],
      [headersFor(await signInAs(env.app, 'mhlw-reviewer@demo.kaname.jp')), {}, 403, null],
    ]
    for (const [headers, over, status, path] of refusals) {
      const res = await decide(headers, over)
      expect(res.statusCode, JSON.stringify(over)).toBe(status)
      if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    expect(await count('designation_decision')).toBe(decisionsBefore)
    expect(await tierOf('clinic-kaede', 'medical')).toBe('medical-small')

    const set = await inject('POST', '/api/v1/services/designation/criteria', mhlw, {
      name: { ja: '代替性', en: 'Substitutability' }, combine: 'all', criteria: [{ id: 'subst', kind: 'low_substitutability', withinHours: 6 }],
    })
    const auditBefore = await count('audit_entry')
    const made = await decide(mhlw, { criteriaSetId: set.json().id })
    expect(made.statusCode).toBe(201)
    expect(made.json()).toMatchObject({ operatorId: 'clinic-kaede', decision: 'designate', tierId: 'medical-national', decidedByOrg: 'mhlw', criteriaSetId: set.json().id })
    expect(made.json().evaluation).toMatchObject({ operatorId: 'clinic-kaede', evaluations: [expect.objectContaining({ criterionId: 'subst' })] })
    expect(await tierOf('clinic-kaede', 'medical')).toBe('medical-national')
    expect(await count('audit_entry')).toBe(auditBefore + 1)

    // The operator reads decisions about itself; another operator does not; the ministry and the NCO do.
    const listed = (headers: Headers) => inject('GET', '/api/v1/services/designation/decisions', headers).then((r) => (r.json() as { id: string }[]).map((d) => d.id))
    expect(await listed(clinic)).toContain(made.json().id)
    expect(await listed(tsubaki)).not.toContain(made.json().id)
    expect(await listed(fsa)).not.toContain(made.json().id)
    expect(await listed(mhlw)).toContain(made.json().id)
    expect(await listed(nco)).toContain(made.json().id)
    // And "what applies to me" now resolves against the new tier.
    const obligations = await inject('GET', '/api/v1/obligations/clinic-kaede', clinic)
    expect(obligations.statusCode).toBe(200)
    expect(obligations.json().operator.tiers).toEqual([expect.objectContaining({ sectorId: 'medical', tierId: 'medical-national' })])

    const notDesignated = await decide(nco, { operatorId: 'clinic-tsubaki', decision: 'not_designate', tierId: undefined, reason: '地域の小規模診療所のため' })
    expect(notDesignated.statusCode).toBe(201)
    expect(await tierOf('clinic-tsubaki', 'medical')).toBe('medical-small')
  })
})
