/**
 * One operator's assessment in one campaign → OSCAL 1.1.2 assessment-results (AR) and plan-of-action-and-milestones
 * (POA&M) JSON documents. Pure: time comes in as `now`, and every UUID is name-based.
 *
 * Identity: every UUID is a version-5 UUID (`uuidV5`, SHA-1 over the Kaname namespace) of a stable name, chosen
 * over a random UUID source passed in. Exporting the same snapshot with the same plan twice therefore gives the
 * same document apart from `metadata.last-modified`, and a finding, risk or POA&M item keeps its UUID across
 * revisions, as OSCAL asks ("assigned per-subject"). The document UUID is derived from the document's own content
 * without the export time, so it changes exactly when the content does, as OSCAL asks of document UUIDs.
 *
 * What the campaign is in OSCAL terms: Kaname has no assessment plan or system security plan document. The
 * campaign plays the plan's part: it is a back-matter resource (title, cycle, due date, a relative link
 * `campaigns/<id>`), and the AR's `import-ap.href` is `#<that resource's uuid>`. The POA&M names the system by
 * `system-id` (the operator's id, identifier-type `https://kaname.go.jp/ns/oscal/operator`) instead of importing an
 * SSP.
 *
 * Controls: each obligation is a control whose id is derived one-to-one from its lineage, which survives new
 * document versions (`tokenFrom`: `us#us-3.1.2` → `us_23_us-3.1.2`). The obligation's sources (document,
 * version, node, official number) are links `kaname:version/<versionId>#<nodeId>` whose text is
 * "<document title> <number>". Each control has one local assessment objective `<control-id>_obj` (AR
 * `local-definitions`), which every finding targets (type objective-id). Answers and plan items whose obligation
 * is no longer among `obligations` are still exported, titled by their lineage.
 *
 * Answers → findings (AR: one result per report, one finding per answer):
 * - implemented: satisfied, reason pass, implementation-status implemented.
 * - partially: not-satisfied, reason fail, implementation-status partial.
 * - not_implemented: not-satisfied, reason fail, implementation-status planned when a target date is set.
 * - not_applicable: OSCAL's objective status has only satisfied / not-satisfied. Nothing is unmet, so it is
 *   satisfied with reason `other` (not `pass`: nothing was checked), implementation-status not-applicable with
 *   the operator's reason as remarks, and the Kaname prop `result=not_applicable` says exactly what was answered.
 * The exact result, maturity level, target date, obligation key, lineage and evidence ids are Kaname props.
 *
 * POA&M items → poam-items + risks: OSCAL puts "how and when it gets fixed" on a risk's `remediations`, so each
 * item becomes a poam-item linked to one risk (status open / remediating / closed; deadline = the item's due date)
 * whose single remediation (lifecycle planned / completed, or the token `cancelled`) holds one task of type
 * `milestone` per milestone (its date as `timing.on-date`, done-ness as a Kaname prop). The item's exact status,
 * owner and due date are Kaname props on the poam-item. When the reported answers include the item's requirement,
 * the POA&M also carries that answer's finding (same UUID as in the AR) and the item names it in
 * `related-findings`. OSCAL requires at least one poam-item, so a plan without items cannot be exported.
 *
 * Dates: OSCAL has only date-times with a zone. A Kaname calendar date (due date, target date) is a Japanese date,
 * so `2026-09-30` is written as `2026-09-30T23:59:59+09:00` (the end of that day in Japan); the plain date also
 * travels as a Kaname prop. Instants (`now`, sign-off) are written in UTC (`toISOString`). Dates and instants
 * OSCAL's date-time pattern rejects (years outside 1900–2999, February 29 before 2000) are refused.
 *
 * Text: Japanese first. Titles and prose take the Japanese text, or the English when there is none; an English
 * title that differs travels as the Kaname prop `title-en`. The documents add no words of their own (titles are
 * the campaign's, the operator's and the requirements'; a finding's description is the operator's comment, else
 * the not-applicable reason, else the requirement's title), so there is nothing to translate. Prop values that are not valid OSCAL strings (empty,
 * multi-line, padded) are JSON-encoded and marked `class: json`.
 */
import { invalid, type FieldError } from '../../platform/errors.ts'
import type { Obligation, ObligationSource } from '../../obligations/domain/resolve-obligations.ts'
import type { LocalizedText } from '../../standards/domain/model.ts'
import {
  KANAME_NS,
  OSCAL_EXPORT_VERSION,
  encodeJsonValue,
  isOscalString,
  isToken,
  kanameProp,
  nonEmpty,
  uuidV5,
  versionHref,
  type JsonObject,
  type OscalProp,
} from '../../standards/domain/oscal/kaname-ns.ts'
import { isIsoDate } from '../domain/answer-rules.ts'
import type { Answer, AnswerResult, Campaign, Milestone, PoamItem, PoamStatus, Snapshot, SubmissionStatus } from '../domain/model.ts'

export const OSCAL_ASSESSMENT_EXPORT_ERROR = 'assessments.oscal.export_invalid'
export const OSCAL_POAM_EMPTY = 'assessments.oscal.poam_empty'

/** `system-id` identifier type: the id is a Kaname operator (organisation) id. */
export const OPERATOR_ID_TYPE = `${KANAME_NS}/operator`

/** What is reported: a frozen submission, or the current working copy (a draft, not yet signed off). */
export type ReportedAnswers =
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'working_copy'; answers: readonly Answer[] }

export interface OscalAssessmentInput {
  campaign: Pick<Campaign, 'id' | 'title' | 'cycle' | 'dueDate'>
  operator: { id: string; name: LocalizedText }
  reported: ReportedAnswers
  /** The operator's obligations: they name each answer's requirement and sources. */
  obligations: readonly Obligation[]
  /** The operator's improvement plan items for this campaign (only the POA&M uses them). */
  poamItems: readonly PoamItem[]
  reviewStatus: SubmissionStatus
  /** ISO instant of the export: only metadata.last-modified depends on it (and a working copy's result start). */
  now: string
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const mainText = (t: LocalizedText): string => (t.ja !== '' ? t.ja : t.en)

/** A Kaname prop whose value may be any text: values OSCAL's StringDatatype rejects are JSON-encoded. */
function textProp(name: string, value: string): OscalProp {
  return isOscalString(value) ? kanameProp(name, value) : { name, ns: KANAME_NS, value: encodeJsonValue(value), class: 'json' }
}

function englishTitleProp(t: LocalizedText): OscalProp[] {
  return t.ja !== '' && t.en !== '' && t.en !== t.ja ? [textProp('title-en', t.en)] : []
}

/** Collision-free names for uuidV5: the parts are JSON-encoded, so no separator inside an id can fake another name. */
const uuidOf = (...parts: (string | number)[]): string => uuidV5(JSON.stringify(parts))

/** The end of a Japanese calendar day. */
const endOfDayJst = (date: string): string => `${date}T23:59:59+09:00`

/**
 * OSCAL 1.1.2's DateTimeWithTimezoneDatatype pattern, verbatim. Besides limiting years to 1900–2999 and the zone
 * offsets to real ones, its leap-day branch reads `(19|2[0-9](…))`, so no February 29 before 2000 passes: such
 * dates are refused here rather than written into an invalid document.
 */
const OSCAL_DATE_TIME = new RegExp(String.raw`^(((2000|2400|2800|(19|2[0-9](0[48]|[2468][048]|[13579][26])))-02-29)|(((19|2[0-9])[0-9]{2})-02-(0[1-9]|1[0-9]|2[0-8]))|(((19|2[0-9])[0-9]{2})-(0[13578]|10|12)-(0[1-9]|[12][0-9]|3[01]))|(((19|2[0-9])[0-9]{2})-(0[469]|11)-(0[1-9]|[12][0-9]|30)))T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|(-((0[0-9]|1[0-2]):00|0[39]:30)|\+((0[0-9]|1[0-4]):00|(0[34569]|10):30|(0[58]|12):45)))$`, 'u')
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

class Checks {
  readonly errors: FieldError[] = []
  date(path: string, value: string): string {
    if (!isIsoDate(value) || !OSCAL_DATE_TIME.test(endOfDayJst(value)))
      this.errors.push({ path, message: `"${value}" is not a calendar date OSCAL can express (YYYY-MM-DD, 1900–2999)` })
    return value
  }
  instant(path: string, value: string): string {
    const ms = INSTANT.test(value) && isIsoDate(value.slice(0, 10)) ? Date.parse(value) : Number.NaN
    const iso = Number.isFinite(ms) ? new Date(ms).toISOString() : ''
    if (!OSCAL_DATE_TIME.test(iso)) {
      this.errors.push({ path, message: `"${value}" is not an ISO instant with a zone that OSCAL can express (1900–2999)` })
      return value
    }
    return iso
  }
  throwIfAny(): void {
    if (this.errors.length === 0) return
    const first = this.errors[0]!
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : ''
    throw invalid(OSCAL_ASSESSMENT_EXPORT_ERROR, `Cannot export as OSCAL: ${first.path}: ${first.message}${more}`, this.errors)
  }
}

/**
 * A token from any text, one-to-one: letters, digits, `.` and `-` stay; `_` becomes `__`; any other character
 * (and a first character a token may not start with) becomes `_<hex code point>_`. So `us#us-3.1.2` →
 * `us_23_us-3.1.2`. Not lowercased, and not a plain "replace with `_`": either would let two lineages share a
 * control id, and the id of one lineage would then depend on what else is exported.
 */
export function tokenFrom(text: string): string {
  let out = ''
  for (const ch of text) {
    const allowed = out === '' ? /^\p{L}$/u.test(ch) : /^[\p{L}\p{N}.-]$/u.test(ch)
    out += ch === '_' ? '__' : allowed ? ch : `_${ch.codePointAt(0)!.toString(16)}_`
  }
  return out === '' ? '_' : out
}

const objectiveId = (controlId: string): string => `${controlId}_obj`

function sourceLink(s: ObligationSource): JsonObject {
  return {
    href: `${versionHref(s.versionId)}#${encodeURIComponent(s.nodeId)}`,
    rel: 'source',
    text: [mainText(s.documentTitle), s.number].filter((x) => x !== '').join(' '),
  }
}

/** `3.1.2 CISOの任命`: the official number and the title; the lineage when the obligation is unknown. */
function requirementTitle(o: Obligation | undefined, lineage: string): string {
  if (!o) return lineage
  const number = o.sources[0]?.number ?? ''
  return [number, mainText(o.title)].filter((x) => x !== '').join(' ')
}

interface Context {
  input: OscalAssessmentInput
  checks: Checks
  now: string
  answers: Answer[]
  byKey: Map<string, Obligation>
  byLineage: Map<string, Obligation>
  operatorParty: string
  campaignResource: string
  snapshot: Snapshot | null
  /** The snapshot's sign-off instant in UTC. */
  signedOffAt: string | undefined
  /** `snapshot-2` or `working-copy`. */
  version: string
}

function context(input: OscalAssessmentInput): Context {
  const checks = new Checks()
  const now = checks.instant('now', input.now)
  checks.date('campaign.dueDate', input.campaign.dueDate)
  const snapshot = input.reported.kind === 'snapshot' ? input.reported.snapshot : null
  if (snapshot) {
    if (snapshot.campaignId !== input.campaign.id) checks.errors.push({ path: 'reported.snapshot.campaignId', message: `is not campaign "${input.campaign.id}"` })
    if (snapshot.operatorId !== input.operator.id) checks.errors.push({ path: 'reported.snapshot.operatorId', message: `is not operator "${input.operator.id}"` })
    if (!Number.isInteger(snapshot.sequence) || snapshot.sequence < 1) checks.errors.push({ path: 'reported.snapshot.sequence', message: 'must be a whole number from 1' })
  }
  const signedOffAt = snapshot ? checks.instant('reported.snapshot.signedOffAt', snapshot.signedOffAt) : undefined
  const reported = snapshot ? snapshot.answers : input.reported.kind === 'working_copy' ? input.reported.answers : []
  // Sorted so that the store's row order does not change the document.
  const answers = [...reported].sort((a, b) => (a.obligationKey < b.obligationKey ? -1 : a.obligationKey > b.obligationKey ? 1 : 0))
  const at = snapshot ? 'reported.snapshot.answers' : 'reported.answers'
  const keys = new Set<string>()
  reported.forEach((a, i) => {
    if (keys.has(a.obligationKey)) checks.errors.push({ path: `${at}[${i}].obligationKey`, message: `"${a.obligationKey}" is answered twice` })
    keys.add(a.obligationKey)
    if (a.targetDate !== null) checks.date(`${at}[${i}].targetDate`, a.targetDate)
  })
  input.poamItems.forEach((item, i) => {
    checks.date(`poamItems[${i}].dueDate`, item.dueDate)
    item.milestones.forEach((m, k) => checks.date(`poamItems[${i}].milestones[${k}].dueDate`, m.dueDate))
  })
  return {
    input,
    checks,
    now,
    answers,
    byKey: new Map(input.obligations.map((o) => [o.key, o])),
    byLineage: new Map(input.obligations.map((o) => [o.lineage, o])),
    operatorParty: uuidOf('party', 'operator', input.operator.id),
    campaignResource: uuidOf('campaign', input.campaign.id),
    snapshot,
    signedOffAt,
    version: snapshot ? `snapshot-${snapshot.sequence}` : 'working-copy',
  }
}

const obligationOf = (ctx: Context, key: string, lineage: string): Obligation | undefined => ctx.byKey.get(key) ?? ctx.byLineage.get(lineage)

/** `withSigner`: the sign-off's role and person, which only the assessment results refer to. */
function metadata(ctx: Context, withSigner: boolean): JsonObject {
  const { campaign, operator } = ctx.input
  const s = withSigner ? ctx.snapshot : null
  const parties: JsonObject[] = [
    {
      uuid: ctx.operatorParty,
      type: 'organization',
      name: isOscalString(mainText(operator.name)) ? mainText(operator.name) : undefined,
      props: [textProp('operator-id', operator.id), ...(operator.name.ja !== '' && operator.name.en !== '' ? [textProp('name-en', operator.name.en)] : [])],
    },
  ]
  if (s) parties.push({ uuid: signerParty(ctx, s), type: 'person', props: [textProp('user-id', s.signedOffBy)] })
  return {
    title: [mainText(campaign.title), mainText(operator.name)].filter((x) => x !== '').join(' — '),
    'last-modified': ctx.now,
    version: ctx.version,
    'oscal-version': OSCAL_EXPORT_VERSION,
    props: [kanameProp('lang', 'ja'), textProp('campaign-id', campaign.id), textProp('review-status', ctx.input.reviewStatus)],
    roles: s ? [{ id: tokenFrom(s.signedOffRole), title: s.signedOffRole }] : undefined,
    parties,
  }
}

const signerParty = (ctx: Context, s: Snapshot): string => uuidOf('party', 'user', ctx.input.operator.id, s.signedOffBy)

function backMatter(ctx: Context): JsonObject {
  const { campaign } = ctx.input
  return {
    resources: [
      {
        uuid: ctx.campaignResource,
        title: mainText(campaign.title),
        props: [
          kanameProp('kind', 'campaign'),
          textProp('campaign-id', campaign.id),
          textProp('cycle', campaign.cycle),
          kanameProp('due-date', campaign.dueDate),
          ...englishTitleProp(campaign.title),
        ],
        rlinks: [{ href: `campaigns/${encodeURIComponent(campaign.id)}` }],
      },
    ],
  }
}

const operatorOrigin = (ctx: Context): JsonObject[] => [{ actors: [{ type: 'party', 'actor-uuid': ctx.operatorParty }] }]

interface FindingStatus {
  state: 'satisfied' | 'not-satisfied'
  reason: 'pass' | 'fail' | 'other'
  implementation: string | undefined
}

/** See the module comment for why not_applicable is satisfied with reason `other`. */
export function findingStatus(result: AnswerResult, targetDate: string | null): FindingStatus {
  switch (result) {
    case 'implemented':
      return { state: 'satisfied', reason: 'pass', implementation: 'implemented' }
    case 'partially':
      return { state: 'not-satisfied', reason: 'fail', implementation: 'partial' }
    case 'not_implemented':
      return { state: 'not-satisfied', reason: 'fail', implementation: targetDate !== null ? 'planned' : undefined }
    case 'not_applicable':
      return { state: 'satisfied', reason: 'other', implementation: 'not-applicable' }
  }
}

const findingUuid = (ctx: Context, a: Answer): string => uuidOf('finding', ctx.input.campaign.id, ctx.input.operator.id, a.obligationKey)

function finding(ctx: Context, a: Answer): JsonObject {
  const o = obligationOf(ctx, a.obligationKey, a.lineage)
  const controlId = tokenFrom(a.lineage)
  const status = findingStatus(a.result, a.targetDate)
  const title = requirementTitle(o, a.lineage)
  const naReason = a.result === 'not_applicable' && a.notApplicableReason !== null && a.notApplicableReason !== '' ? a.notApplicableReason : undefined
  const props: OscalProp[] = [kanameProp('result', a.result)]
  if (a.maturity !== null) props.push(kanameProp('maturity', String(a.maturity)))
  if (a.targetDate !== null) props.push(kanameProp('target-date', a.targetDate))
  props.push(textProp('obligation-key', a.obligationKey), textProp('lineage', a.lineage))
  for (const e of a.evidenceIds) props.push(textProp('evidence-id', e))
  const number = o?.sources[0]?.number
  return {
    uuid: findingUuid(ctx, a),
    title,
    description: a.comment.trim() !== '' ? a.comment : (naReason ?? title),
    props,
    links: nonEmpty((o?.sources ?? []).map(sourceLink)),
    origins: operatorOrigin(ctx),
    target: {
      type: 'objective-id',
      'target-id': objectiveId(controlId),
      title,
      props: number !== undefined && isOscalString(number) ? [{ name: 'label', value: number }] : undefined,
      status: { state: status.state, reason: status.reason, remarks: naReason },
      'implementation-status': status.implementation ? { state: status.implementation, remarks: naReason } : undefined,
    },
  }
}

/** Every obligation, then any answered or planned requirement that is no longer among them. */
function reviewedLineages(ctx: Context): string[] {
  const out = new Set(ctx.input.obligations.map((o) => o.lineage))
  for (const a of ctx.answers) out.add(a.lineage)
  return [...out]
}

function localObjective(ctx: Context, lineage: string): JsonObject {
  const o = ctx.byLineage.get(lineage)
  const controlId = tokenFrom(lineage)
  const text = o ? mainText(o.text) : ''
  return {
    'control-id': controlId,
    description: requirementTitle(o, lineage),
    props: [textProp('lineage', lineage)],
    parts: [{ id: objectiveId(controlId), name: 'assessment-objective', prose: text !== '' ? text : undefined }],
  }
}

/**
 * The document UUID is a hash of the content without the export time (`clockFree`: the body with the fields that
 * follow `now` left out), so it changes exactly when the content does.
 */
function withContentUuid(root: string, body: JsonObject, clockFree: JsonObject = body): JsonObject {
  const { 'last-modified': _ignored, ...metadata } = clockFree.metadata as JsonObject
  const uuid = uuidOf('document', root, JSON.stringify({ ...clockFree, metadata }))
  return { [root]: { uuid, ...body } }
}

// ---------------------------------------------------------------------------------------------------------------
// Assessment results

/**
 * The reported answers as an OSCAL assessment-results document (a plain object; `serializeOscal` gives the bytes).
 * One result: the snapshot (start = end = the sign-off, with the sign-off as an attestation and the digest as a
 * prop) or the working copy (start = now, no end: still being answered). Throws an `invalid` DomainError naming
 * the fields that cannot be expressed (dates, instants, a snapshot of another campaign or operator).
 */
export function assessmentResultsDocument(input: OscalAssessmentInput): JsonObject {
  const ctx = context(input)
  ctx.checks.throwIfAny()
  const { campaign, operator } = input
  const s = ctx.snapshot
  const lineages = reviewedLineages(ctx)
  const controlIdsReviewed = lineages.map(tokenFrom)
  const resultProps: OscalProp[] = [textProp('campaign-id', campaign.id), textProp('cycle', campaign.cycle)]
  if (s) resultProps.push(kanameProp('snapshot-sequence', String(s.sequence)), textProp('snapshot-digest', s.digest))
  const signedOffAt = ctx.signedOffAt
  const result: JsonObject = {
    uuid: uuidOf('result', campaign.id, operator.id, ctx.version),
    title: [mainText(campaign.title), ctx.version].filter((x) => x !== '').join(' '),
    description: [mainText(operator.name), campaign.cycle].filter((x) => x.trim() !== '').join(' '),
    start: signedOffAt ?? ctx.now,
    end: signedOffAt,
    props: resultProps,
    'reviewed-controls': {
      'control-selections': [controlIdsReviewed.length > 0 ? { 'include-controls': controlIdsReviewed.map((id) => ({ 'control-id': id })) } : {}],
      'control-objective-selections': nonEmpty(
        controlIdsReviewed.length > 0 ? [{ 'include-objectives': controlIdsReviewed.map((id) => ({ 'objective-id': objectiveId(id) })) }] : [],
      ),
    },
    attestations: s
      ? [
          {
            'responsible-parties': [{ 'role-id': tokenFrom(s.signedOffRole), 'party-uuids': [signerParty(ctx, s)] }],
            parts: [{ name: 'sign-off', ns: KANAME_NS, props: [kanameProp('signed-off-at', signedOffAt!), textProp('signed-off-by', s.signedOffBy)] }],
          },
        ]
      : undefined,
    findings: nonEmpty(ctx.answers.map((a) => finding(ctx, a))),
  }
  const body = {
    metadata: metadata(ctx, true),
    'import-ap': { href: `#${ctx.campaignResource}` },
    'local-definitions': lineages.length > 0 ? { 'objectives-and-methods': lineages.map((l) => localObjective(ctx, l)) } : undefined,
    results: [result],
    'back-matter': backMatter(ctx),
  }
  // A working copy's result starts now.
  return withContentUuid('assessment-results', body, s ? body : { ...body, results: [{ ...result, start: undefined }] })
}

// ---------------------------------------------------------------------------------------------------------------
// POA&M

const RISK_STATUS: Readonly<Record<PoamStatus, string>> = Object.freeze({
  open: 'open',
  in_progress: 'remediating',
  done: 'closed',
  // The plan was dropped, the gap was not closed.
  cancelled: 'open',
})

const REMEDIATION_LIFECYCLE: Readonly<Record<PoamStatus, string>> = Object.freeze({
  open: 'planned',
  in_progress: 'planned',
  done: 'completed',
  cancelled: 'cancelled',
})

function milestoneTask(ctx: Context, item: PoamItem, m: Milestone, index: number): JsonObject {
  return {
    uuid: uuidOf('milestone', ctx.input.operator.id, item.id, index),
    type: 'milestone',
    title: mainText(m.title),
    props: [kanameProp('done', String(m.done)), kanameProp('due-date', m.dueDate), ...englishTitleProp(m.title)],
    timing: { 'on-date': { date: endOfDayJst(m.dueDate) } },
  }
}

/**
 * The improvement plan as an OSCAL plan-of-action-and-milestones document: one poam-item and one risk (with its
 * remediation and milestone tasks) per item, and the reported finding of each item's requirement. Items are
 * ordered by id. Throws an `invalid` DomainError (OSCAL_POAM_EMPTY) when there are no items (OSCAL requires at
 * least one), and like `assessmentResultsDocument` for fields that cannot be expressed.
 */
export function poamDocument(input: OscalAssessmentInput): JsonObject {
  const ctx = context(input)
  ctx.checks.throwIfAny()
  if (input.poamItems.length === 0) throw invalid(OSCAL_POAM_EMPTY, 'An OSCAL POA&M needs at least one item', [{ path: 'poamItems', message: 'is empty' }])
  const { operator } = input
  const items = [...input.poamItems].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const answerByLineage = new Map(ctx.answers.map((a) => [a.lineage, a]))
  const findings = new Map<string, JsonObject>()
  const risks: JsonObject[] = []
  const poamItems: JsonObject[] = []
  for (const item of items) {
    const o = obligationOf(ctx, item.obligationKey, item.lineage)
    const a = answerByLineage.get(item.lineage)
    if (a && !findings.has(a.obligationKey)) findings.set(a.obligationKey, finding(ctx, a))
    const title = mainText(item.title)
    const description = a && a.comment.trim() !== '' ? a.comment : requirementTitle(o, item.lineage)
    const requirement = o ? mainText(o.text) : ''
    const riskUuid = uuidOf('risk', operator.id, item.id)
    const dueDate = endOfDayJst(item.dueDate)
    risks.push({
      uuid: riskUuid,
      title,
      description,
      statement: requirement !== '' ? requirement : requirementTitle(o, item.lineage),
      props: [kanameProp('poam-status', item.status)],
      status: RISK_STATUS[item.status],
      origins: operatorOrigin(ctx),
      deadline: dueDate,
      remediations: [
        {
          uuid: uuidOf('remediation', operator.id, item.id),
          lifecycle: REMEDIATION_LIFECYCLE[item.status],
          title,
          description,
          props: [textProp('owner', item.owner)],
          origins: operatorOrigin(ctx),
          tasks: nonEmpty(item.milestones.map((m, i) => milestoneTask(ctx, item, m, i))),
        },
      ],
    })
    poamItems.push({
      uuid: uuidOf('poam-item', operator.id, item.id),
      title,
      description,
      props: [
        textProp('poam-item-id', item.id),
        kanameProp('poam-status', item.status),
        textProp('owner', item.owner),
        kanameProp('due-date', item.dueDate),
        textProp('obligation-key', item.obligationKey),
        textProp('lineage', item.lineage),
        kanameProp('control-id', tokenFrom(item.lineage)),
        ...englishTitleProp(item.title),
      ],
      links: nonEmpty((o?.sources ?? []).map(sourceLink)),
      origins: operatorOrigin(ctx),
      'related-findings': a ? [{ 'finding-uuid': findingUuid(ctx, a) }] : undefined,
      'related-risks': [{ 'risk-uuid': riskUuid }],
    })
  }
  return withContentUuid('plan-of-action-and-milestones', {
    metadata: metadata(ctx, false),
    'system-id': { 'identifier-type': OPERATOR_ID_TYPE, id: isOscalString(operator.id) ? operator.id : encodeJsonValue(operator.id) },
    risks,
    findings: nonEmpty([...findings.values()]),
    'poam-items': poamItems,
    'back-matter': backMatter(ctx),
  })
}
