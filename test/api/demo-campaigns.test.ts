import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { verifyAuditChain } from '../../src/audit/store/audit-repository.ts'
import { seedDemoCampaigns } from '../../src/assessments/seed/demo-campaigns.ts'

interface Row { id: string; suppressed: boolean; operatorCount: number; value?: number | null }
interface TrendRow { id: string; current: number | null; previous: number | null; delta: number | null }
interface Summary { id: string; launchedBy: string; cycle: string; status: string; previousCampaignId: string | null; dueDate: string; counts: Record<string, number> }
interface Answer { lineage: string; result: string; maturity: number | null; targetDate: string | null; comment: string }

/**
 * The demo campaigns (issue 4, item 11), as the people of the demo meet them on first start: a ministry's
 * dashboard of the current cycle has real, unsuppressed figures and a trend against the closed previous
 * cycle; the statuses are a realistic mix; the demo clinic finds a draft pre-filled from last year.
 */
describeEachEngine('demo campaigns', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let mhlw: Record<string, string>
  let fsa: Record<string, string>
  let clinic: Record<string, string>
  let claims: Record<string, string>
  let medical: { previous: Summary; current: Summary }
  let finance: { previous: Summary; current: Summary }
  const api = '/api/v1/assessments'

  const pair = (list: Summary[], ministry: string) => {
    const own = list.filter((c) => c.launchedBy === ministry)
    const current = own.find((c) => c.status === 'open')!
    return { current, previous: own.find((c) => c.id === current.previousCampaignId)! }
  }

  beforeAll(async () => {
    env = await openDemoApp(engine, { campaigns: true })
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    fsa = headersFor(await signInAs(env.app, 'fsa@demo.kaname.jp'))
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    claims = headersFor(await signInAs(env.app, 'claims-ciso@demo.kaname.jp'))
    medical = pair((await env.app.inject({ method: 'GET', url: `${api}/campaigns`, headers: mhlw })).json(), 'mhlw')
    finance = pair((await env.app.inject({ method: 'GET', url: `${api}/campaigns`, headers: fsa })).json(), 'fsa')
  })
  afterAll(async () => env?.close())

  it('has a closed previous cycle and an open current one per sector, each ministry seeing only its own', async () => {
    const today = env.ctx.now().toISOString().slice(0, 10)
    for (const { previous, current } of [medical, finance]) {
      expect(previous.status).toBe('closed')
      expect(current.status).toBe('open')
      expect(Number(current.cycle)).toBe(Number(previous.cycle) + 1)
      expect(previous.dueDate < today && current.dueDate > today).toBe(true)
    }
    const seenByMhlw = (await env.app.inject({ method: 'GET', url: `${api}/campaigns`, headers: mhlw })).json() as Summary[]
    expect(seenByMhlw.some((c) => c.launchedBy === 'fsa')).toBe(false)
  })

  it('mixes statuses in the current cycle: accepted, awaiting review, returned with a comment, drafts', async () => {
    expect(medical.current.counts).toMatchObject({ accepted: expect.any(Number), returned: 1, under_review: 1 })
    for (const { current } of [medical, finance]) {
      expect(current.counts.accepted).toBeGreaterThanOrEqual(3)
      expect(current.counts.draft).toBeGreaterThanOrEqual(2)
      expect(current.counts.returned).toBeGreaterThanOrEqual(1)
      const submitted = current.counts.submitted! + current.counts.under_review! + current.counts.returned! + current.counts.accepted!
      expect(submitted).toBeGreaterThanOrEqual(5)
    }
    // The previous cycle was closed with most accepted, and some left behind.
    expect(medical.previous.counts.accepted).toBeGreaterThanOrEqual(10)
    expect(medical.previous.counts.draft! + medical.previous.counts.returned!).toBeGreaterThanOrEqual(2)

    const detail = (await env.app.inject({ method: 'GET', url: `${api}/campaigns/${medical.current.id}`, headers: mhlw })).json() as { targets: { operatorId: string; status: string }[] }
    const returned = detail.targets.find((t) => t.status === 'returned')!
    const view = (await env.app.inject({ method: 'GET', url: `${api}/campaigns/${medical.current.id}/operators/${returned.operatorId}`, headers: mhlw })).json()
    expect(view.returns).toHaveLength(1)
    expect(view.returns[0].comments[0].body).toMatch(/復元テスト/)
  })

  it('gives the ministry unsuppressed scores, a trend, KPIs and a heatmap for its sector', async () => {
    for (const [headers, { current, previous }, sector] of [[mhlw, medical, 'medical'], [fsa, finance, 'finance']] as const) {
      const res = await env.app.inject({ method: 'GET', url: `${api}/campaigns/${current.id}/dashboard`, headers })
      expect(res.statusCode).toBe(200)
      const d = res.json() as { scores: Row[]; scoreTrend: TrendRow[]; kpis: { id: string; rows: Row[]; trend: TrendRow[] }[]; heatmap: { cells: Row[] }[]; previousCampaignId: string }
      expect(d.previousCampaignId).toBe(previous.id)
      for (const id of ['national', `sector:${sector}`]) {
        const row = d.scores.find((r) => r.id === id)!
        expect(row, id).toMatchObject({ suppressed: false })
        expect(row.operatorCount).toBeGreaterThanOrEqual(5)
        expect(row.value).toBeGreaterThan(0)
        expect(row.value).toBeLessThan(1)
      }
      const national = d.scoreTrend.find((r) => r.id === 'national')!
      expect(national.delta).toBeCloseTo(national.current! - national.previous!, 10)
      expect(national.delta).not.toBe(0)
      expect(d.kpis.map((k) => k.id)).toEqual([...sector === 'finance' ? ['ciso-appointed-enhanced'] : [], 'ciso-appointed', 'restore-tested', 'protection-maturity', 'overall-score'])
      for (const k of d.kpis) expect(k.rows.find((r) => r.id === 'national')).toMatchObject({ suppressed: false, value: expect.any(Number) })
      expect(d.kpis.find((k) => k.id === 'overall-score')!.trend.find((r) => r.id === 'national')!.delta).toEqual(expect.any(Number))
      expect(d.heatmap.length).toBeGreaterThan(10)
      const shown = d.heatmap.flatMap((h) => h.cells).filter((c) => !c.suppressed)
      expect(shown.length).toBeGreaterThan(0)
      // Somewhere there are gaps, and somewhere none: the heatmap is not uniform.
      expect(shown.some((c) => (c.value ?? 0) > 0) && shown.some((c) => c.value === 0)).toBe(true)
    }
  })

  it('leaves the demo clinic a draft pre-filled from its previous answers', async () => {
    const view = (await env.app.inject({ method: 'GET', url: `${api}/campaigns/${medical.current.id}/operators/clinic-kaede`, headers: clinic })).json()
    expect(view.target.status).toBe('draft')
    expect(view.answersAre).toBe('working')
    expect(view.allowedActions).toContain('submit')
    const last = (await env.app.inject({ method: 'GET', url: `${api}/campaigns/${medical.previous.id}/operators/clinic-kaede`, headers: clinic })).json()
    expect(last.target.status).toBe('accepted')
    const before = new Map((last.answers as Answer[]).map((a) => [a.lineage, a]))
    expect(view.answers.length).toBe(view.obligations.length)
    for (const a of view.answers as Answer[]) {
      expect(before.get(a.lineage), a.lineage).toMatchObject({ result: a.result, maturity: a.maturity, targetDate: a.targetDate, comment: a.comment })
    }
    const results = new Set((view.answers as Answer[]).map((a) => a.result))
    expect(results.has('implemented') && (results.has('partially') || results.has('not_implemented'))).toBe(true)
  })

  it('has support requests from small clinics grouped on the restore-test requirement', async () => {
    const groups = (await env.app.inject({ method: 'GET', url: `${api}/campaigns/${medical.current.id}/support-requests`, headers: mhlw })).json() as { title: { ja: string }; requests: { operatorId: string }[] }[]
    expect(groups[0]!.title.ja).toMatch(/^3\.4\.3\.3 /)
    expect(groups[0]!.requests.length).toBeGreaterThanOrEqual(3)
    expect(groups[0]!.requests.every((r) => r.operatorId.startsWith('clinic-'))).toBe(true)
  })

  it('links restore-test evidence to backup answers, dated for the KPI window', async () => {
    const evidence = (await env.app.inject({ method: 'GET', url: `${api}/evidence`, headers: claims })).json() as { id: string; fileName: string; evidenceDate: string }[]
    // Last year's report (text) and this year's (PDF).
    expect(evidence.map((e) => e.fileName.split('.').pop()).sort()).toEqual(['pdf', 'txt'])
    const pdf = evidence.find((e) => e.fileName.endsWith('.pdf'))!
    const file = await env.app.inject({ method: 'GET', url: `${api}/evidence/${pdf.id}/content`, headers: claims })
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const view = (await env.app.inject({ method: 'GET', url: `${api}/campaigns/${medical.current.id}/operators/medical-claims`, headers: claims })).json()
    const linked = (view.answers as (Answer & { obligationKey: string; evidenceIds: string[] })[]).filter((a) => a.evidenceIds.includes(pdf.id))
    expect(linked.length).toBeGreaterThan(0)
    const numbers = linked.map((a) => view.obligations.find((o: { key: string }) => o.key === a.obligationKey).sources[0].number)
    expect(numbers).toContain('3.4.3.3')
  })

  it('keeps the audit chain intact and seeds only once', async () => {
    const verdict = await verifyAuditChain(env.ctx.database.db)
    expect(verdict.ok).toBe(true)
    const launches = await env.ctx.database.db.selectFrom('audit_entry').select('seq').where('action', '=', 'assessments.campaign_launch').execute()
    expect(launches).toHaveLength(4)
    expect((await seedDemoCampaigns(env.ctx)).seeded).toBe(false)
    expect(await env.ctx.database.db.selectFrom('campaign').select('id').execute()).toHaveLength(4)
  })
})
