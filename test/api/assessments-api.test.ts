import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { planOf } from '../../src/assessments/assessments-service.ts'
import { scoreAnswers } from '../../src/assessments/domain/scores.ts'

interface Obligation { key: string; lineage: string; sources: { number: string }[] }
interface Answer { obligationKey: string; lineage: string; result: string; maturity: number | null; targetDate: string | null; notApplicableReason: string | null; comment: string; evidenceIds: string[] }

/**
 * The campaign round trip through the API, as the browser test walks it, on both engines: a
 * ministry launches to the medical sector; a clinic answers, cannot submit a gap without a target date,
 * submits; the ministry returns one item; the clinic fixes and resubmits; the ministry accepts; the sector
 * dashboard counts it. Plus the visibility rules: no draft ever reaches the ministry.
 */
describeEachEngine('assessment campaigns', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Record<string, string>
  let mhlw: Record<string, string>
  let fsa: Record<string, string>
  let clinic: Record<string, string>
  let otherClinic: Record<string, string>
  let campaignId: string
  const base = () => `/api/v1/assessments/campaigns/${campaignId}`

  beforeAll(async () => {
    env = await openDemoApp(engine)
    nco = headersFor(await signInAs(env.app, 'nco@demo.kaname.jp'))
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    fsa = headersFor(await signInAs(env.app, 'fsa@demo.kaname.jp'))
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    otherClinic = headersFor(await signInAs(env.app, 'clinic-tsubaki@demo.kaname.jp'))
  })
  afterAll(async () => env?.close())

  const due = () => new Date(env.ctx.now().getTime() + 60 * 86_400_000).toISOString().slice(0, 10)
  const later = () => new Date(env.ctx.now().getTime() + 200 * 86_400_000).toISOString().slice(0, 10)

  it('a ministry launches to its sector, but not to another ministry\'s', async () => {
    const body = {
      title: { ja: '2026年度 医療分野 自己点検', en: 'FY2026 medical self-assessment' }, cycle: '2026-test', scope: { sectors: ['medical'] }, dueDate: due(),
      kpis: [{ id: 'backup', title: { ja: 'バックアップ', en: 'Backups' }, kind: 'mean_score' }],
    }
    const refused = await env.app.inject({ method: 'POST', url: '/api/v1/assessments/campaigns', headers: fsa, payload: body })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors[0]).toMatchObject({ path: 'body.scope.sectors.0', code: 'campaign.sector_outside_jurisdiction' })
    const clinicTry = await env.app.inject({ method: 'POST', url: '/api/v1/assessments/campaigns', headers: clinic, payload: body })
    expect(clinicTry.statusCode).toBe(403)

    const launched = await env.app.inject({ method: 'POST', url: '/api/v1/assessments/campaigns', headers: mhlw, payload: body })
    expect(launched.statusCode).toBe(201)
    campaignId = launched.json().id
    const medicalOperators = (await env.ctx.database.db.selectFrom('organisation').innerJoin('organisation_sector', 'organisation_sector.organisation_id', 'organisation.id')
      .select('organisation.id').where('organisation.kind', '=', 'operator').where('organisation_sector.sector_id', '=', 'medical').execute()).length
    expect(launched.json().targetCount).toBe(medicalOperators)
    const list = (await env.app.inject({ method: 'GET', url: '/api/v1/assessments/campaigns', headers: clinic })).json() as { id: string; ownStatus: string }[]
    expect(list.find((c) => c.id === campaignId)?.ownStatus).toBe('draft')
    const financeView = (await env.app.inject({ method: 'GET', url: '/api/v1/assessments/campaigns', headers: fsa })).json() as { id: string }[]
    expect(financeView.some((c) => c.id === campaignId)).toBe(false)
  })

  it('walks draft → refused submit → submitted → returned → resubmitted → accepted, and the dashboard counts it', async () => {
    const view = (await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-kaede`, headers: clinic })).json() as { obligations: Obligation[]; target: { status: string } }
    expect(view.target.status).toBe('draft')
    expect(view.obligations.length).toBeGreaterThan(0)
    expect(view.obligations.length).toBeLessThanOrEqual(30)
    const [first, ...rest] = view.obligations
    const answers: Answer[] = [
      { obligationKey: first!.key, lineage: first!.lineage, result: 'not_implemented', maturity: 1, targetDate: null, notApplicableReason: null, comment: '', evidenceIds: [] },
      ...rest.map((o) => ({ obligationKey: o.key, lineage: o.lineage, result: 'implemented', maturity: 3, targetDate: null, notApplicableReason: null, comment: '', evidenceIds: [] })),
    ]
    const saved = await env.app.inject({ method: 'PUT', url: `${base()}/operators/clinic-kaede/answers`, headers: clinic, payload: { answers } })
    expect(saved.statusCode).toBe(200)

    const refused = await env.app.inject({ method: 'POST', url: `${base()}/operators/clinic-kaede/submit`, headers: clinic })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('workflow.invalid_answers')
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: expect.stringMatching(/^answers\[\d+\]\.targetDate$/), code: 'answer.target_date_required', params: expect.objectContaining({ obligationKey: first!.key }) })])
    expect((await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-kaede`, headers: clinic })).json().target.status).toBe('draft')

    answers[0]!.targetDate = later()
    expect((await env.app.inject({ method: 'PUT', url: `${base()}/operators/clinic-kaede/answers`, headers: clinic, payload: { answers } })).statusCode).toBe(200)
    const submitted = await env.app.inject({ method: 'POST', url: `${base()}/operators/clinic-kaede/submit`, headers: clinic })
    expect(submitted.statusCode).toBe(200)
    expect(submitted.json().target.status).toBe('submitted')
    expect(submitted.json().snapshot.sequence).toBe(1)
    const plan = (await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-kaede/plan`, headers: clinic })).json() as { lineage: string; status: string; overdue: unknown }[]
    expect(plan.map((p) => p.lineage)).toEqual([first!.lineage])
    expect(plan[0]!.overdue).toBeNull()
    // The day after the target date the item is overdue. The service's clock is the context's; a session would
    // have expired by then, so ask the service directly with the clinic's scope.
    const dayAfter = new Date(Date.parse(`${answers[0]!.targetDate}T00:00:00Z`) + 86_400_000)
    const clinicScope = { actor: 'user:test', userId: null, organisationId: 'clinic-kaede', organisationKind: 'operator' as const, role: 'admin' as const, sectorIds: ['medical'] }
    const late = await planOf({ ...env.ctx, now: () => dayAfter }, clinicScope, campaignId, 'clinic-kaede')
    expect(late[0]!.overdue).toMatchObject({ daysOverdue: 1 })

    const reviewed = (await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-kaede`, headers: mhlw })).json()
    expect(reviewed.answersAre).toBe('snapshot')
    const returned = await env.app.inject({ method: 'POST', url: `${base()}/operators/clinic-kaede/review`, headers: mhlw, payload: { action: 'return', comments: [{ obligationKey: rest[0]!.key, body: '根拠資料を添付してください。' }] } })
    expect(returned.statusCode).toBe(200)
    expect(returned.json().target.status).toBe('returned')
    const back = (await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-kaede`, headers: clinic })).json()
    expect(back.openComments).toEqual([expect.objectContaining({ obligationKey: rest[0]!.key, body: '根拠資料を添付してください。' })])

    answers[1]!.comment = '手順書を更新しました。'
    const fixed = await env.app.inject({ method: 'PUT', url: `${base()}/operators/clinic-kaede/answers`, headers: clinic, payload: { answers } })
    expect(fixed.json().target.status).toBe('draft')
    expect((await env.app.inject({ method: 'POST', url: `${base()}/operators/clinic-kaede/submit`, headers: clinic })).json().snapshot.sequence).toBe(2)
    const accepted = await env.app.inject({ method: 'POST', url: `${base()}/operators/clinic-kaede/review`, headers: mhlw, payload: { action: 'accept' } })
    expect(accepted.json().target.status).toBe('accepted')

    const dashboard = (await env.app.inject({ method: 'GET', url: `${base()}/dashboard`, headers: nco })).json()
    const medical = dashboard.status.find((s: { sectorId: string }) => s.sectorId === 'medical')
    expect(medical.counts.accepted).toBe(1)
    const national = dashboard.scores.find((r: { id: string }) => r.id === 'national')
    expect(national).toMatchObject({ suppressed: false, operatorCount: 1 })
    // One gap of `must`/`should` weight among the answers: the score is below 1 and above 0.
    expect(national.value).toBeGreaterThan(0)
    expect(national.value).toBeLessThan(1)
    // The stored score is the domain's, to the last bit on both engines (PostgreSQL once kept it in 4 bytes).
    const strengths = new Map(view.obligations.map((o) => [o.key, (o as unknown as { strength: 'must' | 'should' | 'may' }).strength]))
    const expected = scoreAnswers(answers.map((a) => ({ strength: strengths.get(a.obligationKey)!, result: a.result as 'implemented' })))
    const stored = await env.ctx.database.db.selectFrom('campaign_target').select('score').where('campaign_id', '=', campaignId).where('operator_id', '=', 'clinic-kaede').executeTakeFirstOrThrow()
    expect(Number(stored.score)).toBe(expected.value)
    // Submitted twice, counted once: the gap's heatmap row has one answering operator, with a gap.
    const row = dashboard.heatmap.find((h: { lineage: string }) => h.lineage === first!.lineage)
    expect(row.cells.find((c: { id: string }) => c.id === 'national')).toMatchObject({ operatorCount: 1, value: 1 })
    const other = dashboard.heatmap.find((h: { lineage: string }) => h.lineage === rest[0]!.lineage)
    expect(other.cells.find((c: { id: string }) => c.id === 'national')).toMatchObject({ operatorCount: 1, value: 0 })
    // One operator is fewer than five: the ministry sees counts but no value.
    const ministryView = (await env.app.inject({ method: 'GET', url: `${base()}/dashboard`, headers: mhlw })).json()
    expect(ministryView.scores.find((r: { id: string }) => r.id === 'national')).toMatchObject({ suppressed: true, operatorCount: 1, reason: 'too_few_operators' })
    expect(ministryView.heatmap.every((h: { cells: { suppressed: boolean }[] }) => h.cells.every((c) => c.suppressed))).toBe(true)
  })

  it('never hands a draft to anyone but its operator', async () => {
    const view = (await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-tsubaki`, headers: otherClinic })).json() as { obligations: Obligation[] }
    const draft = view.obligations.map((o) => ({ obligationKey: o.key, lineage: o.lineage, result: 'implemented', comment: '下書きの秘密メモ' }))
    expect((await env.app.inject({ method: 'PUT', url: `${base()}/operators/clinic-tsubaki/answers`, headers: otherClinic, payload: { answers: draft } })).statusCode).toBe(200)
    for (const who of [mhlw, nco]) {
      const seen = await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-tsubaki`, headers: who })
      expect(seen.statusCode).toBe(200)
      expect(seen.json().answers).toEqual([])
      expect(seen.json().answersAre).toBe('none')
      expect(seen.body).not.toContain('下書きの秘密メモ')
    }
    // Another operator cannot even see the questionnaire; nor can a ministry of another sector.
    expect((await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-tsubaki`, headers: clinic })).statusCode).toBe(403)
    expect((await env.app.inject({ method: 'GET', url: `${base()}/operators/clinic-tsubaki`, headers: fsa })).statusCode).toBe(403)
    // Nobody but the operator writes its answers.
    expect((await env.app.inject({ method: 'PUT', url: `${base()}/operators/clinic-tsubaki/answers`, headers: mhlw, payload: { answers: [] } })).statusCode).toBe(403)
  })

  it('refuses malformed answers naming the field, storing nothing', async () => {
    const before = await env.ctx.database.db.selectFrom('assessment_answer').select('obligation_key').where('operator_id', '=', 'clinic-tsubaki').execute()
    const bad = await env.app.inject({
      method: 'PUT', url: `${base()}/operators/clinic-tsubaki/answers`, headers: otherClinic,
      payload: { answers: [{ obligationKey: 'no-such', lineage: 'x', result: 'implemented', maturity: 9 }] },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['answers[0].obligationKey', 'answers[0].maturity']))
    const after = await env.ctx.database.db.selectFrom('assessment_answer').select('obligation_key').where('operator_id', '=', 'clinic-tsubaki').execute()
    expect(after).toEqual(before)
  })
})
