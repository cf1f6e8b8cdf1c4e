import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../platform/errors.ts'
import type { Obligation, ObligationSource } from '../../obligations/domain/resolve-obligations.ts'
import type { LocalizedText } from '../../standards/domain/model.ts'
import { KANAME_NS, isToken, serializeOscal } from '../../standards/domain/oscal/kaname-ns.ts'
import { validateOscal } from '../../standards/formats/oscal-validator.ts'
import { TODAY, answer, obligation, obligationsArb, validAnswersArb } from '../domain/arbitraries.test-support.ts'
import { POAM_STATUSES, SUBMISSION_STATUSES, type Answer, type PoamItem, type Snapshot } from '../domain/model.ts'
import { planFromGaps } from '../domain/poam.ts'
import { snapshotDigest } from '../domain/workflow.ts'
import {
  OPERATOR_ID_TYPE,
  OSCAL_ASSESSMENT_EXPORT_ERROR,
  OSCAL_POAM_EMPTY,
  assessmentResultsDocument,
  poamDocument,
  tokenFrom,
  type OscalAssessmentInput,
} from './oscal-assessment.ts'

// ---------------------------------------------------------------------------------------------------------------
// A small clinic's first submission in the 2026 medical-sector campaign

const GUIDELINE: LocalizedText = { ja: '医療情報システムの安全管理に関するガイドライン 第6.0版', en: 'Guidelines for the Security of Medical Information Systems, 6.0' }
const UNIFIED: LocalizedText = { ja: '重要インフラのサイバーセキュリティに係る安全基準等策定指針', en: 'Guidelines for Establishing Safety Principles for Critical Infrastructure Cybersecurity' }

function src(documentId: string, documentTitle: LocalizedText, nodeId: string, number: string): ObligationSource {
  return { documentId, documentKind: 'sector_standard', documentTitle, versionId: `${documentId}-2023`, versionLabel: '2023', nodeId, number, strength: 'must' }
}

function ob(nodeId: string, number: string, title: LocalizedText, text: LocalizedText, more: ObligationSource[] = []): Obligation {
  const primary = src('mhlw-guideline', GUIDELINE, nodeId, number)
  return {
    key: `${primary.versionId}#${nodeId}`, lineage: `${primary.documentId}#${nodeId}`, title, text, strength: 'must',
    parameters: [], sources: [primary, ...more], reasons: [], mergedBy: [], related: [],
  }
}

const OBLIGATIONS: Obligation[] = [
  ob('ms-2.1', '2.1', { ja: '情報セキュリティ責任者の設置', en: 'Appoint a person responsible for information security' },
    { ja: '医療機関等の管理者は、医療情報システムの安全管理に関する責任者を定めること。', en: 'The manager shall designate a person responsible for security.' },
    [src('unified', UNIFIED, 'u-3.1.1', '3.1.1')]),
  ob('sys-11.1', '11.1', { ja: 'バックアップの取得と復元テスト', en: 'Backups and restore tests' },
    { ja: '電子カルテのバックアップを取得し、定期的に復元手順を確認すること。', en: 'Back up the electronic health records and test restoring them regularly.' }),
  ob('sys-14.2', '14.2', { ja: '多要素認証の導入', en: 'Multi-factor authentication' },
    { ja: '外部から医療情報システムへアクセスする場合は多要素認証を用いること。', en: 'Use multi-factor authentication for remote access.' }),
  ob('sys-13.4', '13.4', { ja: '制御系ネットワークの分離', en: 'Separate control networks' },
    { ja: '医療機器の制御系ネットワークを業務ネットワークから分離すること。', en: 'Separate medical-device control networks from office networks.' }),
]
const [CISO, BACKUP, MFA, OT] = OBLIGATIONS as [Obligation, Obligation, Obligation, Obligation]

const ANSWERS: Answer[] = [
  answer(CISO, 'implemented', { maturity: 3, comment: '院長を責任者に任命済み（2025年4月の理事会議事録）。', evidenceIds: ['ev-minutes-2025-04'] }),
  answer(BACKUP, 'partially', { maturity: 2, targetDate: '2026-09-30', comment: 'バックアップは毎日取得。\n復元テストは未実施。' }),
  answer(MFA, 'not_implemented', { maturity: 0, targetDate: '2026-12-31' }),
  answer(OT, 'not_applicable', { notApplicableReason: '制御系ネットワークを持つ医療機器を保有していない。' }),
].sort((a, b) => (a.obligationKey < b.obligationKey ? -1 : 1))

function snapshotOf(answers: readonly Answer[], over: Partial<Snapshot> = {}): Snapshot {
  const body = {
    campaignId: 'medical-2026', operatorId: 'clinic-sakura', sequence: 1, answers,
    signedOffBy: 'user-director', signedOffRole: 'ciso', signedOffAt: '2026-03-20T01:30:00.000Z', ...over,
  }
  return { ...body, digest: snapshotDigest(body) }
}

const PLAN: PoamItem[] = planFromGaps({ answers: ANSWERS, obligations: OBLIGATIONS, owner: 'user-office-manager', today: TODAY, idFor: (a) => `poam-${a.lineage}` })

function clinicInput(over: Partial<OscalAssessmentInput> = {}): OscalAssessmentInput {
  return {
    campaign: { id: 'medical-2026', title: { ja: '2026年度 医療分野 自己点検', en: 'Medical sector self-assessment 2026' }, cycle: '2026', dueDate: '2026-03-31' },
    operator: { id: 'clinic-sakura', name: { ja: '医療法人さくら会 さくら内科クリニック', en: 'Sakura Internal Medicine Clinic' } },
    reported: { kind: 'snapshot', snapshot: snapshotOf(ANSWERS) },
    obligations: OBLIGATIONS,
    poamItems: PLAN,
    reviewStatus: 'submitted',
    now: '2026-04-02T00:00:00.000Z',
    ...over,
  }
}

const ar = (input: OscalAssessmentInput) => assessmentResultsDocument(input)['assessment-results'] as any
const poam = (input: OscalAssessmentInput) => poamDocument(input)['plan-of-action-and-milestones'] as any
/** The values of the Kaname props `name`, JSON-encoded ones decoded. */
const kprop = (props: any[] | undefined, name: string): string[] =>
  (props ?? []).filter((p) => p.ns === KANAME_NS && p.name === name).map((p) => (p.class === 'json' ? JSON.parse(p.value) : p.value))

function thrown(f: () => unknown): DomainError {
  try {
    f()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('a clinic snapshot as OSCAL', () => {
  it('gives schema-valid assessment results and POA&M', () => {
    expect(validateOscal('assessment-results', assessmentResultsDocument(clinicInput()))).toEqual([])
    expect(validateOscal('poam', poamDocument(clinicInput()))).toEqual([])
  })

  it('makes a not_implemented answer a not-satisfied finding naming its target date', () => {
    const f = ar(clinicInput()).results[0].findings.find((x: any) => x.title === '14.2 多要素認証の導入')
    expect(f.target).toMatchObject({
      type: 'objective-id', 'target-id': 'mhlw-guideline_23_sys-14.2_obj',
      status: { state: 'not-satisfied', reason: 'fail' }, 'implementation-status': { state: 'planned' },
    })
    expect(kprop(f.props, 'result')).toEqual(['not_implemented'])
    expect(kprop(f.props, 'target-date')).toEqual(['2026-12-31'])
    expect(kprop(f.props, 'maturity')).toEqual(['0'])
    expect(f.links).toEqual([{ href: 'kaname:version/mhlw-guideline-2023#sys-14.2', rel: 'source', text: `${GUIDELINE.ja} 14.2` }])
  })

  it('maps each result honestly', () => {
    const findings = ar(clinicInput()).results[0].findings as any[]
    const byResult = new Map(findings.map((f) => [kprop(f.props, 'result')[0], f]))
    expect(byResult.get('implemented').target.status).toEqual({ state: 'satisfied', reason: 'pass' })
    expect(byResult.get('implemented').target['implementation-status']).toEqual({ state: 'implemented' })
    expect(kprop(byResult.get('implemented').props, 'evidence-id')).toEqual(['ev-minutes-2025-04'])
    // Both sources of the merged obligation are named, with document and official number.
    expect(byResult.get('implemented').links.map((l: any) => l.text)).toEqual([`${GUIDELINE.ja} 2.1`, `${UNIFIED.ja} 3.1.1`])
    expect(byResult.get('partially').target.status).toEqual({ state: 'not-satisfied', reason: 'fail' })
    expect(byResult.get('partially').target['implementation-status']).toEqual({ state: 'partial' })
    expect(byResult.get('partially').description).toBe('バックアップは毎日取得。\n復元テストは未実施。')
    const na = byResult.get('not_applicable')
    expect(na.target.status).toEqual({ state: 'satisfied', reason: 'other', remarks: '制御系ネットワークを持つ医療機器を保有していない。' })
    expect(na.target['implementation-status']).toEqual({ state: 'not-applicable', remarks: '制御系ネットワークを持つ医療機器を保有していない。' })
    expect(kprop(na.props, 'target-date')).toEqual([])
  })

  it('reports the snapshot: campaign as the imported plan, sign-off as attestation, digest and sequence', () => {
    const input = clinicInput()
    const doc = ar(input)
    const resource = doc['back-matter'].resources[0]
    expect(doc['import-ap']).toEqual({ href: `#${resource.uuid}` })
    expect(resource.title).toBe('2026年度 医療分野 自己点検')
    expect(resource.rlinks).toEqual([{ href: 'campaigns/medical-2026' }])
    expect(doc.metadata.title).toBe('2026年度 医療分野 自己点検 — 医療法人さくら会 さくら内科クリニック')
    const result = doc.results[0]
    expect(result.start).toBe('2026-03-20T01:30:00.000Z')
    expect(result.end).toBe('2026-03-20T01:30:00.000Z')
    const snapshot = (input.reported as { snapshot: Snapshot }).snapshot
    expect(kprop(result.props, 'snapshot-digest')).toEqual([snapshot.digest])
    expect(kprop(result.props, 'snapshot-sequence')).toEqual(['1'])
    expect(kprop(doc.metadata.props, 'review-status')).toEqual(['submitted'])
    const signer = doc.metadata.parties.find((p: any) => p.type === 'person')
    expect(kprop(signer.props, 'user-id')).toEqual(['user-director'])
    expect(result.attestations[0]['responsible-parties']).toEqual([{ 'role-id': 'ciso', 'party-uuids': [signer.uuid] }])
    expect(doc.metadata.roles).toEqual([{ id: 'ciso', title: 'ciso' }])
  })

  it('declares every finding target as a reviewed objective of a reviewed control', () => {
    const doc = ar(clinicInput())
    const objectives = new Set(doc['local-definitions']['objectives-and-methods'].map((o: any) => o.parts[0].id))
    const selected = new Set(doc.results[0]['reviewed-controls']['control-objective-selections'][0]['include-objectives'].map((o: any) => o['objective-id']))
    const controls = doc.results[0]['reviewed-controls']['control-selections'][0]['include-controls'].map((c: any) => c['control-id'])
    expect(controls).toEqual(OBLIGATIONS.map((o) => tokenFrom(o.lineage)))
    for (const f of doc.results[0].findings) {
      expect(objectives.has(f.target['target-id'])).toBe(true)
      expect(selected.has(f.target['target-id'])).toBe(true)
    }
  })

  it('turns each plan item into a poam-item with a risk whose remediation holds the milestones', () => {
    const input = clinicInput()
    const doc = poam(input)
    const findings = new Map((ar(input).results[0].findings as any[]).map((f) => [f.uuid, f]))
    expect(doc['system-id']).toEqual({ 'identifier-type': OPERATOR_ID_TYPE, id: 'clinic-sakura' })
    expect(doc.metadata.parties.map((p: any) => p.type)).toEqual(['organization'])
    expect(doc['poam-items']).toHaveLength(2)
    for (const [i, item] of [...PLAN].sort((a, b) => (a.id < b.id ? -1 : 1)).entries()) {
      const p = doc['poam-items'][i]
      expect(p.title).toBe(item.title.ja)
      expect(kprop(p.props, 'owner')).toEqual(['user-office-manager'])
      expect(kprop(p.props, 'due-date')).toEqual([item.dueDate])
      expect(kprop(p.props, 'poam-status')).toEqual(['open'])
      const risk = doc.risks.find((r: any) => r.uuid === p['related-risks'][0]['risk-uuid'])
      expect(risk.status).toBe('open')
      expect(risk.deadline).toBe(`${item.dueDate}T23:59:59+09:00`)
      const tasks = risk.remediations[0].tasks
      expect(risk.remediations[0].lifecycle).toBe('planned')
      expect(tasks.map((t: any) => [t.type, t.title, t.timing['on-date'].date, kprop(t.props, 'done')[0]])).toEqual(
        item.milestones.map((m) => ['milestone', m.title.ja, `${m.dueDate}T23:59:59+09:00`, 'false']))
      // The POA&M carries the same finding the assessment results report.
      const findingUuid = p['related-findings'][0]['finding-uuid']
      expect(doc.findings.find((f: any) => f.uuid === findingUuid)).toEqual(findings.get(findingUuid))
    }
  })

  it('maps item statuses to risk statuses and remediation lifecycles', () => {
    const [a, b] = PLAN as [PoamItem, PoamItem]
    const items: PoamItem[] = [
      { ...a, id: 'p1', status: 'in_progress' },
      { ...a, id: 'p2', status: 'done', milestones: a.milestones.map((m) => ({ ...m, done: true })) },
      { ...b, id: 'p3', status: 'cancelled' },
    ]
    const doc = poam(clinicInput({ poamItems: items }))
    expect(validateOscal('poam', { 'plan-of-action-and-milestones': doc })).toEqual([])
    expect(doc.risks.map((r: any) => [r.status, r.remediations[0].lifecycle, kprop(r.props, 'poam-status')[0]])).toEqual([
      ['remediating', 'planned', 'in_progress'], ['closed', 'completed', 'done'], ['open', 'cancelled', 'cancelled'],
    ])
  })

  it('exports a working copy with start = now and no sign-off', () => {
    const answers = ANSWERS.map((x) => (x.result === 'not_implemented' ? { ...x, targetDate: null } : x))
    const input = clinicInput({ reported: { kind: 'working_copy', answers }, reviewStatus: 'draft' })
    const doc = assessmentResultsDocument(input)
    expect(validateOscal('assessment-results', doc)).toEqual([])
    const result = (doc['assessment-results'] as any).results[0]
    expect(result.start).toBe('2026-04-02T00:00:00.000Z')
    expect(result.end).toBeUndefined()
    expect(result.attestations).toBeUndefined()
    const mfa = result.findings.find((f: any) => f.title === '14.2 多要素認証の導入')
    expect(mfa.target.status.state).toBe('not-satisfied')
    expect(mfa.target['implementation-status']).toBeUndefined()
    expect((doc['assessment-results'] as any).metadata.version).toBe('working-copy')
  })

  it('is deterministic: same input, same bytes; only last-modified follows now; input order does not matter', () => {
    const a = serializeOscal(assessmentResultsDocument(clinicInput()))
    expect(serializeOscal(assessmentResultsDocument(clinicInput()))).toBe(a)
    const later = clinicInput({ now: '2027-01-01T00:00:00.000Z', poamItems: [...PLAN].reverse() })
    expect(serializeOscal(assessmentResultsDocument(later))).toBe(a.replace('"last-modified": "2026-04-02T00:00:00.000Z"', '"last-modified": "2027-01-01T00:00:00.000Z"'))
    const p = serializeOscal(poamDocument(clinicInput()))
    expect(serializeOscal(poamDocument(later))).toBe(p.replace('"last-modified": "2026-04-02T00:00:00.000Z"', '"last-modified": "2027-01-01T00:00:00.000Z"'))
  })

  it('gives a new document uuid when the content changes, but keeps finding and item uuids', () => {
    const first = ar(clinicInput())
    const resubmitted = snapshotOf(ANSWERS.map((x) => (x.lineage === MFA.lineage ? { ...x, result: 'implemented' as const, targetDate: null, maturity: 3 } : x)), { sequence: 2 })
    const second = ar(clinicInput({ reported: { kind: 'snapshot', snapshot: resubmitted } }))
    expect(second.uuid).not.toBe(first.uuid)
    expect(second.results[0].uuid).not.toBe(first.results[0].uuid)
    expect(second.results[0].findings.map((f: any) => f.uuid)).toEqual(first.results[0].findings.map((f: any) => f.uuid))
  })

  it('refuses what OSCAL cannot express, naming the field', () => {
    expect(thrown(() => assessmentResultsDocument(clinicInput({ now: '2026-04-02' })))).toMatchObject({
      kind: 'invalid', code: OSCAL_ASSESSMENT_EXPORT_ERROR, fieldErrors: [{ path: 'now' }],
    })
    const other = snapshotOf(ANSWERS, { operatorId: 'another-clinic' })
    expect(thrown(() => poamDocument(clinicInput({ reported: { kind: 'snapshot', snapshot: other } }))).fieldErrors).toEqual([
      { path: 'reported.snapshot.operatorId', message: 'is not operator "clinic-sakura"' },
    ])
    const badDate = [{ ...PLAN[0]!, dueDate: '2026-02-30' }]
    expect(thrown(() => poamDocument(clinicInput({ poamItems: badDate }))).fieldErrors[0]!.path).toBe('poamItems[0].dueDate')
    expect(thrown(() => poamDocument(clinicInput({ poamItems: [] })))).toMatchObject({ kind: 'invalid', code: OSCAL_POAM_EMPTY })
  })

  it("follows OSCAL's own date-time pattern: a 1996 leap day is refused, a 2028 one is written", () => {
    // Unsorted on purpose: the error names the caller's index.
    const answers = [...ANSWERS].reverse()
    const at = answers.findIndex((x) => x.lineage === MFA.lineage)
    const leap = (targetDate: string) => clinicInput({ reported: { kind: 'working_copy', answers: answers.map((x, i) => (i === at ? { ...x, targetDate } : x)) } })
    expect(thrown(() => assessmentResultsDocument(leap('1996-02-29'))).fieldErrors.map((e) => e.path)).toEqual([`reported.answers[${at}].targetDate`])
    expect(validateOscal('assessment-results', assessmentResultsDocument(leap('2028-02-29')))).toEqual([])
  })

  it('writes instants in UTC', () => {
    const snapshot = snapshotOf(ANSWERS, { signedOffAt: '2026-03-20T10:30:00+09:00' })
    expect(ar(clinicInput({ reported: { kind: 'snapshot', snapshot }, now: '2026-04-02T09:00:00+09:00' }))).toMatchObject({
      metadata: { 'last-modified': '2026-04-02T00:00:00.000Z' },
      results: [{ start: '2026-03-20T01:30:00.000Z' }],
    })
  })
})

describe('tokenFrom', () => {
  it('keeps readable lineages readable', () => {
    expect(tokenFrom('us#us-3.1.2')).toBe('us_23_us-3.1.2')
    expect(tokenFrom('医療GL#第3章')).toBe('医療GL_23_第3章')
    expect(tokenFrom('3.1')).toBe('_33_.1')
    expect(tokenFrom('a_b')).toBe('a__b')
    expect(tokenFrom('')).toBe('_')
  })

  it('always gives an OSCAL token, and different texts give different tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(isToken(tokenFrom(a))).toBe(true)
        if (a !== b) expect(tokenFrom(a)).not.toBe(tokenFrom(b))
      }),
      { numRuns: 500 },
    )
    // Shapes a random pair rarely hits: the old "replace with _" mapping sent all of these to one id.
    const near = ['us#a', 'us_a', 'us a', 'us__a', 'us_23_a', 'us#_a']
    expect(new Set(near.map(tokenFrom)).size).toBe(near.length)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Random inputs

const textArb = fc.oneof(fc.string(), fc.constantFrom('', ' ', '改行\nあり', ' 前後に空白 ', 'CISOの任命', '"引用"'))
const idArb = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('clinic-001', 'op #1', '医療法人 A', '1abc', '_x', 'a/b?c'))
const localizedArb: fc.Arbitrary<LocalizedText> = fc.record({ ja: textArb, en: textArb })
// From 2000: OSCAL's date-time pattern has no leap days before then (tested separately above).
const dateArb = fc.integer({ min: 0, max: 40_000 }).map((d) => new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10))
const instantArb = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms).toISOString())

/** Obligations with the resolver's naming plus, sometimes, one with an awkward lineage and key. */
const obligationListArb: fc.Arbitrary<Obligation[]> = fc.tuple(obligationsArb, fc.option(fc.tuple(idArb, localizedArb), { nil: null })).map(([os, extra]) =>
  extra === null ? os : [...os, { ...obligation('9.9.9'), key: `k:${extra[0]}`, lineage: extra[0], title: extra[1] }])

const inputArb: fc.Arbitrary<OscalAssessmentInput> = fc
  .record({
    obligations: obligationListArb,
    campaign: fc.record({ id: idArb, title: localizedArb, cycle: textArb, dueDate: dateArb }),
    operator: fc.record({ id: idArb, name: localizedArb }),
    snapshot: fc.option(fc.record({ sequence: fc.integer({ min: 1, max: 30 }), signedOffBy: idArb, signedOffRole: fc.constantFrom('ciso', 'admin', '役員 1'), signedOffAt: instantArb }), { nil: null }),
    reviewStatus: fc.constantFrom(...SUBMISSION_STATUSES),
    now: instantArb,
    today: dateArb,
    owner: idArb,
    forget: fc.nat({ max: 3 }),
  })
  .chain((base) =>
    validAnswersArb(base.obligations).chain((answers) =>
      fc.tuple(
        fc.tuple(...answers.map((a) => fc.record({
          comment: textArb,
          evidenceIds: fc.array(idArb, { maxLength: 2 }),
          targetDate: a.targetDate === null ? fc.constant(null) : dateArb,
        }).map((more) => ({ ...a, ...more })))),
        fc.array(fc.record({ status: fc.constantFrom(...POAM_STATUSES), done: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), title: localizedArb }), { minLength: answers.length, maxLength: answers.length }),
      ).map(([answers, itemState]): OscalAssessmentInput => {
        const items = planFromGaps({ answers, obligations: base.obligations, owner: base.owner, today: base.today, idFor: (a) => `item-${a.obligationKey}` })
          .map((item, i) => ({ ...item, title: i % 2 === 0 ? itemState[i]!.title : item.title, status: itemState[i]!.status, milestones: item.milestones.map((m, k) => ({ ...m, done: itemState[i]!.done[k]! })) }))
        const s = base.snapshot
        return {
          campaign: base.campaign,
          operator: base.operator,
          reported: s
            ? { kind: 'snapshot', snapshot: snapshotOf(answers, { ...s, campaignId: base.campaign.id, operatorId: base.operator.id }) }
            : { kind: 'working_copy', answers },
          // An obligation that no longer applies can still have an answer and a plan item.
          obligations: base.obligations.slice(base.forget > 0 ? 0 : 1),
          poamItems: items,
          reviewStatus: base.reviewStatus,
          now: base.now,
        }
      }),
    ),
  )

describe('random assessments as OSCAL', () => {
  it('always give schema-valid assessment results and POA&M (or refuse an empty plan)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(validateOscal('assessment-results', assessmentResultsDocument(input))).toEqual([])
        if (input.poamItems.length === 0) {
          expect(thrown(() => poamDocument(input)).code).toBe(OSCAL_POAM_EMPTY)
        } else {
          expect(validateOscal('poam', poamDocument(input))).toEqual([])
        }
      }),
      { numRuns: 150 },
    )
  })

  it('give one finding per answer, with the state its result implies, and one poam-item per plan item', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const answers = input.reported.kind === 'snapshot' ? input.reported.snapshot.answers : input.reported.answers
        const findings = (ar(input).results[0].findings ?? []) as any[]
        expect(findings).toHaveLength(answers.length)
        for (const a of answers) {
          const f = findings.find((x) => kprop(x.props, 'obligation-key')[0] === a.obligationKey)
          expect(f).toBeDefined()
          expect(kprop(f.props, 'result')).toEqual([a.result])
          expect(f.target.status.state).toBe(a.result === 'partially' || a.result === 'not_implemented' ? 'not-satisfied' : 'satisfied')
          expect(kprop(f.props, 'target-date')).toEqual(a.targetDate === null ? [] : [a.targetDate])
          expect(f.target['target-id']).toBe(`${tokenFrom(a.lineage)}_obj`)
        }
        if (input.poamItems.length > 0) expect(poam(input)['poam-items']).toHaveLength(input.poamItems.length)
      }),
      { numRuns: 100 },
    )
  })

  it('are the same for the same input, whatever the order of answers and items', () => {
    fc.assert(
      fc.property(inputArb, instantArb, (input, later) => {
        const shuffled: OscalAssessmentInput = {
          ...input,
          reported: input.reported.kind === 'working_copy' ? { kind: 'working_copy', answers: [...input.reported.answers].reverse() } : input.reported,
          poamItems: [...input.poamItems].reverse(),
          now: later,
        }
        const withoutClock = (doc: any) => {
          const root = Object.values(doc)[0] as any
          const copy = JSON.parse(JSON.stringify(root))
          delete copy.metadata['last-modified']
          // A working copy's result starts now: nothing was frozen.
          if (input.reported.kind === 'working_copy') delete copy.results?.[0]?.start
          return copy
        }
        expect(assessmentResultsDocument(input)).toStrictEqual(assessmentResultsDocument(input))
        expect(withoutClock(assessmentResultsDocument(shuffled))).toEqual(withoutClock(assessmentResultsDocument(input)))
        if (input.poamItems.length > 0) {
          expect(serializeOscal(poamDocument(input))).toBe(serializeOscal(poamDocument(input)))
          expect(withoutClock(poamDocument(shuffled))).toEqual(withoutClock(poamDocument(input)))
        }
      }),
      { numRuns: 100 },
    )
  })
})
