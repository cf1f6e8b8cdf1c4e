import type { AppContext } from '../../platform/context.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { Role } from '../../authz/domain/vocabulary.ts'
import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { listAllOrganisationsUnscoped } from '../../org/store/organisation-repository.ts'
import { addDays } from '../domain/answer-rules.ts'
import type { Answer, AnswerResult, KpiDefinition } from '../domain/model.ts'
import {
  closeCampaign, launchCampaign, planOf, questionnaireView, requestSupport, reviewSubmission, saveAnswers, submitAnswers, updatePlanItem,
} from '../assessments-service.ts'
import { uploadEvidence } from '../exchange-service.ts'
import { seededRandom } from '../../platform/seeded-random.ts'

/**
 * Demo campaigns (issue 4, item 11): for the medical and the finance sector, a closed previous cycle and an
 * open current one, so that every dashboard shows real figures and a trend on first start.
 *
 * Everything goes through the same service functions the API uses, acting as the demo users (or as
 * `system:demo` for operators without one) with a clock set to the day of each step: snapshots, results,
 * heatmap counts, improvement plans and audit entries are therefore exactly what real use would leave.
 * Audit entries of past steps carry their past time but are appended in sequence like any other entry.
 *
 * Dates are anchored on the clock at seeding time: the previous cycle runs through June–November of the
 * previous fiscal year (April–March), the current one was launched 30 days ago and is due in 60 days, so
 * due dates and target dates validate whatever day the demo is started. Answers come from a seeded PRNG:
 * the same data on every start.
 *
 * Operators in each cycle (see MEDICAL and FINANCE below): most previous submissions were accepted, one was
 * left returned and one never came; in the current cycle some are accepted, some await review, one was
 * returned with a comment and several are drafts, among them the small clinic `clinic-kaede` (the demo
 * user clinic@demo.kaname.jp answers it) and `amane-securities` (the English-locale user), left exactly as
 * the carry-forward pre-filled them. Each sector has at least 5 submitted snapshots per cycle, the
 * minimum below which a ministry sees no aggregate.
 */

const MARK = 'seed.demo_campaigns'

type PreviousOutcome = 'accepted' | 'returned' | 'draft' | 'none'
/** `carried`: left untouched as pre-filled by carry-forward; `draft`: partly re-answered and saved. */
type CurrentOutcome = 'accepted' | 'under_review' | 'submitted' | 'returned' | 'draft' | 'carried'

interface DemoOperatorPlan {
  key: string
  /** How mature the operator's security is, 0..1: the chance a requirement is fully implemented. */
  strength: number
  previous: PreviousOutcome
  current: CurrentOutcome
  /** Uploads a restore-test report and links it to its backup answers, in these cycles. */
  evidence?: readonly ('previous' | 'current')[]
  /** Source numbers it asks the ministry for help with in the current cycle (S20). */
  support?: readonly string[]
}

interface DemoSectorPlan {
  sectorId: string
  ministry: string
  /** Demo users (by e-mail) acting for the ministry: launching and closing, and reviewing. */
  officer: string
  reviewer: string
  title: (fiscalYear: number) => { ja: string; en: string }
  operators: readonly DemoOperatorPlan[]
  /** Review comment for returned submissions: on the requirement with this source number. */
  returnComment: { number: string; body: string }
  kpis: readonly KpiDefinition[]
}

const SHARED_KPIS: readonly KpiDefinition[] = [
  {
    id: 'ciso-appointed', kind: 'share_of_operators', title: { ja: 'CISO（又は相当する責任者）を任命している事業者の割合', en: 'Operators with an appointed CISO (or equivalent)' },
    condition: { sourceNumber: '3.1.2.1', result: 'implemented' },
  },
  {
    id: 'restore-tested', kind: 'share_of_operators', title: { ja: '分離バックアップの復元テストを過去12か月以内に実施した事業者の割合', en: 'Operators that tested a restore from isolated backups in the last 12 months' },
    condition: { sourceNumber: '3.4.3.3', result: 'implemented', evidenceWithinMonths: 12 },
  },
  { id: 'protection-maturity', kind: 'mean_maturity', chapter: '3.4', title: { ja: '3.4 防護の成熟度（平均）', en: 'Maturity of chapter 3.4, protection (mean)' } },
  { id: 'overall-score', kind: 'mean_score', title: { ja: '総合スコア（平均）', en: 'Overall score (mean)' } },
]

const reiwa = (fiscalYear: number) => fiscalYear - 2018

const MEDICAL: DemoSectorPlan = {
  sectorId: 'medical', ministry: 'mhlw', officer: 'mhlw@demo.kaname.jp', reviewer: 'mhlw-reviewer@demo.kaname.jp',
  title: (fy) => ({ ja: `令和${reiwa(fy)}年度 医療分野 サイバーセキュリティ自己点検`, en: `FY${fy} medical sector cybersecurity self-assessment` }),
  operators: [
    { key: 'medical-claims', strength: 0.88, previous: 'accepted', current: 'accepted', evidence: ['previous', 'current'] },
    { key: 'harukaze-univ-hospital', strength: 0.78, previous: 'accepted', current: 'accepted', evidence: ['current'] },
    { key: 'komorebi-medical-center', strength: 0.72, previous: 'accepted', current: 'accepted', evidence: ['current'] },
    { key: 'aoba-hospital', strength: 0.66, previous: 'accepted', current: 'accepted' },
    { key: 'shirakaba-hospital', strength: 0.62, previous: 'accepted', current: 'under_review' },
    { key: 'shiosai-hospital', strength: 0.55, previous: 'returned', current: 'submitted' },
    { key: 'tomoe-hospital', strength: 0.58, previous: 'accepted', current: 'returned' },
    { key: 'clinic-icho', strength: 0.45, previous: 'accepted', current: 'submitted' },
    { key: 'clinic-kaede', strength: 0.4, previous: 'accepted', current: 'carried' },
    { key: 'clinic-tsubaki', strength: 0.38, previous: 'accepted', current: 'draft', support: ['3.4.3.3'] },
    { key: 'clinic-momiji', strength: 0.35, previous: 'accepted', current: 'draft', support: ['3.4.3.3', '3.1.2.1'] },
    { key: 'clinic-sumire', strength: 0.33, previous: 'accepted', current: 'draft', support: ['3.4.3.3'] },
    { key: 'clinic-hiiragi', strength: 0.3, previous: 'draft', current: 'draft', support: ['3.4.3.3'] },
  ],
  returnComment: { number: '3.4.3.3', body: '復元テストの実施記録（所要時間を含む）を添付するか、未実施であれば「一部実施」とし目標期日を設定してください。' },
  kpis: SHARED_KPIS,
}

const FINANCE: DemoSectorPlan = {
  sectorId: 'finance', ministry: 'fsa', officer: 'fsa@demo.kaname.jp', reviewer: 'fsa@demo.kaname.jp',
  title: (fy) => ({ ja: `令和${reiwa(fy)}年度 金融分野 サイバーセキュリティ自己点検`, en: `FY${fy} finance sector cybersecurity self-assessment` }),
  operators: [
    // The major-tier profile (shinonome … kazahana) and the regional one (asanagi … kasasagi) give their
    // requirements different lineages: each tier needs 5 submissions for an unsuppressed heatmap cell.
    { key: 'shinonome-bank', strength: 0.86, previous: 'accepted', current: 'accepted', evidence: ['previous', 'current'] },
    { key: 'shirasagi-life', strength: 0.76, previous: 'accepted', current: 'accepted' },
    { key: 'hokuto-mirai-bank', strength: 0.74, previous: 'accepted', current: 'accepted', evidence: ['current'] },
    { key: 'hoshikage-trust', strength: 0.8, previous: 'accepted', current: 'accepted' },
    { key: 'kazahana-securities', strength: 0.7, previous: 'accepted', current: 'submitted' },
    { key: 'amane-securities', strength: 0.8, previous: 'accepted', current: 'carried' },
    { key: 'minatomachi-shinkin', strength: 0.6, previous: 'accepted', current: 'accepted' },
    { key: 'yamanami-bank', strength: 0.64, previous: 'accepted', current: 'accepted' },
    { key: 'asanagi-bank', strength: 0.62, previous: 'accepted', current: 'under_review' },
    { key: 'wakaba-shinkin', strength: 0.55, previous: 'accepted', current: 'submitted', support: ['3.4.3.4'] },
    { key: 'hanamizuki-shinkumi', strength: 0.45, previous: 'returned', current: 'returned', support: ['3.4.3.4', '3.4.3.3'] },
    { key: 'suirei-nonlife', strength: 0.58, previous: 'none', current: 'draft' },
    { key: 'kasasagi-bank', strength: 0.5, previous: 'draft', current: 'draft', support: ['3.4.3.4'] },
  ],
  returnComment: { number: '3.4.3.4', body: 'バックアップ環境の認証情報の分離について、具体的な構成（管理者アカウントの分離状況）を回答欄に記載してください。' },
  // The major banks are the enhanced tier, with enough submissions to show a tier-filtered KPI.
  kpis: [
    {
      id: 'ciso-appointed-enhanced', kind: 'share_of_operators', title: { ja: '強化区分の事業者のうちCISOを任命している割合', en: 'Enhanced-tier operators with an appointed CISO' },
      filter: { tierLevels: ['enhanced'] }, condition: { sourceNumber: '3.1.2.1', result: 'implemented' },
    },
    ...SHARED_KPIS,
  ],
}

export const DEMO_CAMPAIGN_SECTORS: readonly DemoSectorPlan[] = [MEDICAL, FINANCE]

// ---------------------------------------------------------------------------------------------------------
// Deterministic answers
// ---------------------------------------------------------------------------------------------------------

/** A repeatable random source per name (FNV-1a of the name as the seed): varied but repeatable demo answers. */
function prng(seed: string): () => number {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  return seededRandom(h)
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

const COMMENTS: Record<Exclude<AnswerResult, 'not_applicable'>, readonly string[]> = {
  implemented: [
    '規程に基づき運用しており、年1回の内部監査で運用状況を確認している。',
    '手順書を整備し、担当者に周知済み。',
    '委託先と役割分担を契約書で明確にしている。',
    '',
    '',
  ],
  partially: [
    '一部のシステム・拠点で未対応。次期更新時に対応予定。',
    '手順は定めたが、実施記録が十分に残っていない。',
    '予算を確保済みで、段階的に導入中。',
    '本部では実施済み、出先機関は未対応。',
  ],
  not_implemented: [
    '担当者が不足しており未着手。外部の支援を検討している。',
    '具体的な進め方が分からず、所管省庁に相談したい。',
    '次期システム更新に合わせて対応する計画。',
  ],
}

const NOT_APPLICABLE_REASONS = [
  '該当するシステムを保有していないため。',
  '当該業務を外部に委託しており、委託先が契約に基づき対応しているため。',
  '対象となる外部接続がないため。',
]

const IMPROVED_COMMENT = '前年度の改善計画に基づき対応を完了した。'

function freshAnswer(o: Obligation, strength: number, random: () => number, submitDay: string): Answer {
  // `must` items get more attention than recommendations; small operators leave more gaps everywhere.
  const p = Math.min(0.97, o.strength === 'must' ? strength + 0.08 : o.strength === 'should' ? strength - 0.05 : strength - 0.15)
  const r = random()
  let result: AnswerResult
  if (o.strength !== 'must' && random() < 0.06) result = 'not_applicable'
  else if (r < p) result = 'implemented'
  else if (r < p + (1 - p) * 0.55) result = 'partially'
  else result = 'not_implemented'
  return shaped(o, result, strength, random, submitDay, null)
}

/** The answer for `result`: maturity, target date, reason and comment consistent with it. */
function shaped(o: Obligation, result: AnswerResult, strength: number, random: () => number, submitDay: string, comment: string | null): Answer {
  const maturity = result === 'not_applicable' ? null
    : result === 'implemented' ? Math.min(5, between(random, 3, 4) + (random() < strength - 0.3 ? 1 : 0))
      : result === 'partially' ? between(random, 1, 3) : between(random, 0, 1)
  const gap = result === 'partially' || result === 'not_implemented'
  return {
    obligationKey: o.key, lineage: o.lineage, result, maturity,
    targetDate: gap ? addDays(submitDay, between(random, 3, 18) * 30) : null,
    notApplicableReason: result === 'not_applicable' ? pick(random, NOT_APPLICABLE_REASONS) : null,
    comment: comment ?? (result === 'not_applicable' ? '' : pick(random, COMMENTS[result])),
    evidenceIds: [],
  }
}

/**
 * This cycle's answer from last cycle's: most implemented items stay, gaps close with some probability
 * (more often for stronger operators), maturity creeps up. That is what makes the trend.
 */
function evolvedAnswer(o: Obligation, before: Answer, strength: number, random: () => number, submitDay: string): Answer {
  const r = random()
  let result: AnswerResult = before.result
  if (before.result === 'implemented' && r < 0.04) result = 'partially'
  else if (before.result === 'partially' && r < 0.15 + strength * 0.25) result = 'implemented'
  else if (before.result === 'not_implemented') result = r < 0.05 + strength * 0.15 ? 'implemented' : r < 0.5 ? 'partially' : 'not_implemented'
  if (result === before.result && result !== 'not_applicable') {
    // Unchanged result: keep the story, move dates forward, sometimes one maturity level up.
    const gap = result === 'partially' || result === 'not_implemented'
    const maturity = before.maturity === null ? null : Math.min(5, before.maturity + (random() < 0.25 ? 1 : 0))
    return { ...before, obligationKey: o.key, lineage: o.lineage, maturity, targetDate: gap ? addDays(submitDay, between(random, 2, 12) * 30) : null, evidenceIds: [...before.evidenceIds] }
  }
  if (result === 'not_applicable') return { ...before, obligationKey: o.key, lineage: o.lineage, evidenceIds: [...before.evidenceIds] }
  const improved = result === 'implemented' || (result === 'partially' && before.result === 'not_implemented')
  const next = shaped(o, result, strength, random, submitDay, improved && result === 'implemented' ? IMPROVED_COMMENT : null)
  return { ...next, evidenceIds: [...before.evidenceIds] }
}

const hasNumber = (o: Obligation, number: string) => o.sources.some((s) => s.number === number)
const isBackup = (o: Obligation) => o.sources.some((s) => s.number === '3.4.3.1' || s.number === '3.4.3.3')

// ---------------------------------------------------------------------------------------------------------
// Evidence files
// ---------------------------------------------------------------------------------------------------------

/** A one-page PDF (ASCII text, Helvetica), with a correct cross-reference table. */
function tinyPdf(lines: readonly string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`)
  const stream = `BT /F1 12 Tf 56 780 Td 16 TL ${lines.map((l) => `(${escape(l)}) '`).join(' ')} ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(body)
}

async function uploadRestoreReport(ctx: AppContext, scope: Scope, orgNameEn: string, testedOn: string, asPdf: boolean): Promise<string> {
  const minutes = 90 + (testedOn.charCodeAt(9) % 7) * 15
  const bytes = asPdf
    ? tinyPdf([`Restore test report (demo) - ${orgNameEn}`, `Date of test: ${testedOn}`, 'Source: offline backup (isolated segment)', `Restore time: ${minutes} minutes (RTO 240 minutes)`, 'Result: restored and verified'])
    : new TextEncoder().encode(`復元テスト記録（デモ）\n事業者: ${orgNameEn}\n実施日: ${testedOn}\n対象: オフライン保管のバックアップ\n所要時間: ${minutes}分（目標復旧時間 240分）\n結果: 復元・整合性確認とも完了\n`)
  const record = await uploadEvidence(ctx, scope, {
    fileName: asPdf ? `restore-test-${testedOn}.pdf` : `restore-test-${testedOn}.txt`, declaredType: null,
    description: `分離バックアップからの復元テスト記録（${testedOn}）`, evidenceDate: testedOn, validUntil: null, bytes,
  })
  return record.id
}

// ---------------------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------------------

interface Actors {
  ministry: Scope
  reviewer: Scope
  operators: Map<string, Scope & { nameEn: string }>
}

async function actorsFor(ctx: AppContext, plan: DemoSectorPlan): Promise<Actors> {
  const db = ctx.database.db
  const memberships = await db.selectFrom('app_user').innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select(['app_user.id as userId', 'app_user.email as email', 'membership.organisation_id as organisationId', 'membership.role as role']).execute()
  const orgs = new Map((await listAllOrganisationsUnscoped(db)).map((o) => [o.id, o]))
  const ministryScope = (email: string): Scope => {
    const m = memberships.find((x) => x.email === email && x.organisationId === plan.ministry)
    if (!m) throw new Error(`demo user ${email} of ${plan.ministry} is missing`)
    return { actor: `user:${m.userId}`, userId: m.userId, organisationId: plan.ministry, organisationKind: 'ministry', role: m.role as Role, sectorIds: orgs.get(plan.ministry)!.sectors }
  }
  const operators = new Map<string, Scope & { nameEn: string }>()
  for (const op of plan.operators) {
    const org = orgs.get(op.key)
    if (!org) throw new Error(`demo operator ${op.key} is missing`)
    // The operator's own management user signs off when the demo has one; otherwise the seeding system does.
    const m = memberships.find((x) => x.organisationId === op.key && (x.role === 'admin' || x.role === 'ciso'))
    operators.set(op.key, {
      actor: m ? `user:${m.userId}` : 'system:demo', userId: m?.userId ?? null, organisationId: op.key, organisationKind: 'operator',
      role: (m?.role as Role | undefined) ?? 'ciso', sectorIds: org.sectors, nameEn: org.nameEn,
    })
  }
  return { ministry: ministryScope(plan.officer), reviewer: ministryScope(plan.reviewer), operators }
}

/** A copy of the context whose clock reads `day` at `hour`:`minute` UTC. */
function on(ctx: AppContext, day: string, hour: number, minute = 0): AppContext {
  const at = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`)
  return { ...ctx, now: () => at }
}

/** The April–March fiscal year a date falls in. */
export function fiscalYearOf(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1
}

export interface DemoCampaignsResult {
  seeded: boolean
  campaigns: { sectorId: string; cycle: string; id: string; status: 'open' | 'closed' }[]
  /** Wall-clock time the seeding took, for the start-up log and for keeping an eye on test set-up cost. */
  elapsedMs: number
}

/**
 * Seeds both sectors' two cycles unless done before (a mark in `setting`). Each sector is skipped if its
 * campaigns already exist, so a restart after a crash midway does not launch them twice.
 */
export async function seedDemoCampaigns(ctx: AppContext): Promise<DemoCampaignsResult> {
  const db = ctx.database.db
  if (await db.selectFrom('setting').select('key').where('key', '=', MARK).executeTakeFirst()) return { seeded: false, campaigns: [], elapsedMs: 0 }
  const started = performance.now()
  const now = ctx.now()
  const fiscalYear = fiscalYearOf(now)
  // The sectors share no campaign, so they are seeded side by side (halves the time on PostgreSQL). Within a
  // campaign steps stay sequential: each submission updates the campaign's heatmap counts.
  const campaigns = (await Promise.all(DEMO_CAMPAIGN_SECTORS.map(async (plan) => {
    const existing = await db.selectFrom('campaign').select('id').where('launched_by', '=', plan.ministry).where('cycle', 'in', [String(fiscalYear - 1), String(fiscalYear)]).executeTakeFirst()
    return existing ? [] : seedSector(ctx, plan, fiscalYear)
  }))).flat()
  await db.insertInto('setting').values({ key: MARK, value: now.toISOString() }).execute()
  return { seeded: true, campaigns, elapsedMs: Math.round(performance.now() - started) }
}

async function seedSector(ctx: AppContext, plan: DemoSectorPlan, fiscalYear: number): Promise<DemoCampaignsResult['campaigns']> {
  const actors = await actorsFor(ctx, plan)
  const scopeOf = (key: string) => actors.operators.get(key)!
  const previousAnswers = new Map<string, readonly Answer[]>()

  // --- Previous cycle: June to November of the previous fiscal year, then closed. ---
  const py = fiscalYear - 1
  const previous = await launchCampaign(on(ctx, `${py}-06-02`, 0, 30), actors.ministry, {
    title: plan.title(py), cycle: String(py), previousCampaignId: null, scope: { sectors: [plan.sectorId], tierIds: [], operatorIds: [] },
    dueDate: `${py}-09-30`, reminderDays: [14, 3], kpis: [...plan.kpis],
  })
  for (const [i, op] of plan.operators.entries()) {
    if (op.previous === 'none') continue
    const scope = scopeOf(op.key)
    const day = addDays(`${py}-07-01`, i * 6)
    const random = prng(`${op.key}/${py}`)
    const at = on(ctx, day, 1 + (i % 7), 10)
    const evidence = op.evidence?.includes('previous') ? await uploadRestoreReport(on(ctx, day, 0, 5), scope, scope.nameEn, addDays(day, -40), false) : null
    const view = await questionnaireView(at, scope, previous.id, op.key)
    const all = view.obligations.map((o) => {
      const a = freshAnswer(o, op.strength, random, day)
      if (evidence && isBackup(o) && a.result === 'implemented') return { ...a, evidenceIds: [evidence] }
      return a
    })
    // A draft never submitted: about two thirds answered.
    const answers = op.previous === 'draft' ? all.filter((_, j) => j % 3 !== 2) : all
    await saveAnswers(at, scope, previous.id, op.key, answers)
    if (op.previous === 'draft') continue
    const submitted = await submitAnswers(on(ctx, day, 2 + (i % 7), 20), scope, previous.id, op.key)
    previousAnswers.set(op.key, submitted.answers)
    const reviewDay = addDays(`${py}-10-01`, i * 2)
    if (op.previous === 'accepted') await reviewSubmission(on(ctx, reviewDay, 1, 0), actors.reviewer, previous.id, op.key, 'accept', [])
    else await returnWithComment(on(ctx, reviewDay, 1, 0), actors.reviewer, plan, previous.id, op.key, submitted.obligations)
  }
  await closeCampaign(on(ctx, `${py}-11-28`, 6, 0), actors.ministry, previous.id)

  // --- Current cycle: launched 30 days ago, due in 60 days; drafts pre-filled from the previous cycle. ---
  const today = ctx.now().toISOString().slice(0, 10)
  const launchDay = addDays(today, -30)
  const current = await launchCampaign(on(ctx, launchDay, 0, 30), actors.ministry, {
    title: plan.title(fiscalYear), cycle: String(fiscalYear), previousCampaignId: previous.id, scope: { sectors: [plan.sectorId], tierIds: [], operatorIds: [] },
    dueDate: addDays(today, 60), reminderDays: [14, 3], kpis: [...plan.kpis],
  })
  for (const [i, op] of plan.operators.entries()) {
    if (op.current === 'carried') continue
    const scope = scopeOf(op.key)
    // Submissions spread over the month since launch, strongest operators first; all before today.
    const day = addDays(launchDay, 2 + Math.min(24, i * 2))
    const random = prng(`${op.key}/${fiscalYear}`)
    const at = on(ctx, day, 1 + (i % 7), 10)
    const evidence = op.evidence?.includes('current') ? await uploadRestoreReport(on(ctx, day, 0, 5), scope, scope.nameEn, addDays(day, -20), true) : null
    const view = await questionnaireView(at, scope, current.id, op.key)
    const carried = new Map(view.answers.map((a) => [a.obligationKey, a]))
    const before = new Map((previousAnswers.get(op.key) ?? []).map((a) => [a.lineage, a]))
    const all = view.obligations.map((o) => {
      const last = before.get(o.lineage) ?? carried.get(o.key)
      const a = last ? evolvedAnswer(o, last, op.strength, random, day) : freshAnswer(o, op.strength, random, day)
      if (evidence && isBackup(o) && a.result !== 'not_applicable') return { ...a, result: 'implemented' as const, targetDate: null, maturity: Math.max(a.maturity ?? 3, 3), evidenceIds: [...a.evidenceIds, evidence] }
      return a
    })
    if (op.current === 'draft') {
      // Work in progress: the carried-forward answers with the first third reviewed this year.
      const edited = all.slice(0, Math.ceil(all.length / 3))
      const rest = view.answers.filter((a) => !edited.some((e) => e.obligationKey === a.obligationKey))
      await saveAnswers(at, scope, current.id, op.key, [...edited, ...rest])
    } else {
      await saveAnswers(at, scope, current.id, op.key, all)
      const submitted = await submitAnswers(on(ctx, day, 2 + (i % 7), 20), scope, current.id, op.key)
      const reviewAt = on(ctx, addDays(day, 2), 2, 0)
      if (op.current === 'accepted') {
        await reviewSubmission(reviewAt, actors.reviewer, current.id, op.key, 'accept', [])
        // Work on the plan has started where there is one.
        const item = (await planOf(at, scope, current.id, op.key))[0]
        if (item) await updatePlanItem(on(ctx, addDays(day, 3), 3, 0), scope, current.id, op.key, item.id, { status: 'in_progress' })
      } else if (op.current === 'under_review') {
        await reviewSubmission(reviewAt, actors.reviewer, current.id, op.key, 'start', [])
      } else if (op.current === 'returned') {
        await returnWithComment(reviewAt, actors.reviewer, plan, current.id, op.key, submitted.obligations)
      }
    }
    for (const [j, number] of (op.support ?? []).entries()) {
      const o = view.obligations.find((x) => hasNumber(x, number))
      if (o) await requestSupport(on(ctx, day, 4, 15 + j), scope, current.id, op.key, o.key, SUPPORT_REASONS[number] ?? SUPPORT_REASONS.default!)
    }
  }
  return [
    { sectorId: plan.sectorId, cycle: String(py), id: previous.id, status: 'closed' },
    { sectorId: plan.sectorId, cycle: String(fiscalYear), id: current.id, status: 'open' },
  ]
}

const SUPPORT_REASONS: Record<string, string> = {
  '3.4.3.3': '院内にIT担当者がおらず、オフラインバックアップからの復元テストの進め方が分からない。手順の例や相談先を紹介してほしい。',
  '3.4.3.4': 'バックアップ装置が業務用ドメインに参加しており、認証情報を分離する方法と費用感が分からない。',
  '3.1.2.1': '院長が兼務する場合、届出の様式と記載内容を教えてほしい。',
  default: '自組織だけでは対応が難しく、支援を希望する。',
}

async function returnWithComment(ctx: AppContext, reviewer: Scope, plan: DemoSectorPlan, campaignId: string, operatorId: string, obligations: readonly Obligation[]) {
  const o = obligations.find((x) => hasNumber(x, plan.returnComment.number)) ?? obligations[0]!
  await reviewSubmission(ctx, reviewer, campaignId, operatorId, 'return', [{ obligationKey: o.key, body: plan.returnComment.body }])
}
