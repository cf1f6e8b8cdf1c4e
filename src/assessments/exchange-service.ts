import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { conflict, forbidden, notFound } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { getOrganisationUnscoped } from '../org/store/organisation-repository.ts'
import type { Answer } from './domain/model.ts'
import { questionnaireView, saveAnswers, type QuestionnaireView } from './assessments-service.ts'
import { questionnaireWorkbook, readQuestionnaire, type QuestionnaireLocale } from './formats/questionnaire-xlsx.ts'
import { assessmentResultsDocument, poamDocument } from './formats/oscal-assessment.ts'
import { checkEvidenceFile } from './formats/evidence-file.ts'
import { evidenceContent, findEvidenceForScope, insertEvidence, listOwnEvidence, listPoamForScope, loadSubmissionState, findTargetForScope, type EvidenceRecord } from './store/assessments-repository.ts'
import { validateOscal } from '../standards/formats/oscal-validator.ts'

/**
 * What goes in and out of the assessments module as files: the questionnaire workbook (out and back in),
 * OSCAL assessment-results and POA&M, and evidence files.
 */

async function operatorName(ctx: AppContext, operatorId: string): Promise<{ ja: string; en: string }> {
  const org = await getOrganisationUnscoped(ctx.database.db, operatorId)
  if (!org) throw notFound('organisation')
  return { ja: org.name, en: org.nameEn }
}

/** The workbook of the answers the caller may see: the operator's working copy, or a reviewer's snapshot. */
export async function questionnaireXlsx(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, locale: QuestionnaireLocale): Promise<Buffer> {
  const view = await questionnaireView(ctx, scope, campaignId, operatorId)
  const name = await operatorName(ctx, operatorId)
  return questionnaireWorkbook({
    campaign: view.campaign, operator: { id: operatorId, name: locale === 'en' && name.en ? name.en : name.ja }, obligations: view.obligations, answers: view.answers, locale,
  })
}

/**
 * Re-import a filled workbook: every cell is checked first (errors name the cell, `回答!D12`), then the
 * answers are saved exactly as a draft saved through the API, in one transaction. Evidence links are not in
 * the workbook; the current ones are kept.
 */
export async function importQuestionnaireXlsx(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, bytes: Uint8Array): Promise<QuestionnaireView> {
  if (scope.organisationId !== operatorId) throw forbidden('Only the operator imports its answers.')
  const view = await questionnaireView(ctx, scope, campaignId, operatorId)
  if (view.target.status !== 'draft' && view.target.status !== 'returned') throw conflict('workflow.not_editable', `answers can only be changed in a draft; this submission is ${view.target.status}`)
  const read = await readQuestionnaire(bytes, {
    campaignId, operatorId, obligations: view.obligations, maturityScale: view.campaign.maturityScale, today: ctx.now().toISOString().slice(0, 10),
  })
  const evidence = new Map(view.answers.map((a) => [a.obligationKey, a.evidenceIds]))
  const answers: Answer[] = read.map((a) => ({ ...a, evidenceIds: [...(evidence.get(a.obligationKey) ?? [])] }))
  return saveAnswers(ctx, scope, campaignId, operatorId, answers)
}

export type OscalExportKind = 'assessment-results' | 'poam'

/**
 * OSCAL assessment-results or POA&M of one operator in one campaign, validated against the 1.1.2 schema
 * before it leaves. Reviewers get the last submitted snapshot; the operator its snapshot, or its working
 * copy while it has submitted nothing.
 */
export async function oscalExport(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, kind: OscalExportKind): Promise<Record<string, unknown>> {
  const db = ctx.database.db
  const view = await questionnaireView(ctx, scope, campaignId, operatorId)
  const target = (await findTargetForScope(db, scope, campaignId, operatorId))!
  const state = await loadSubmissionState(db, scope, target)
  const snapshot = state.snapshots[state.snapshots.length - 1]
  const own = scope.organisationId === operatorId
  if (!snapshot && !own) throw conflict('assessments.nothing_submitted', 'The operator has submitted nothing yet.')
  const input = {
    campaign: view.campaign, operator: { id: operatorId, name: await operatorName(ctx, operatorId) },
    reported: snapshot ? { kind: 'snapshot' as const, snapshot } : { kind: 'working_copy' as const, answers: state.answers },
    obligations: view.obligations, poamItems: await listPoamForScope(db, scope, campaignId, operatorId), reviewStatus: view.target.status, now: ctx.now().toISOString(),
  }
  const document = kind === 'poam' ? poamDocument(input) : assessmentResultsDocument(input)
  // Our own output must be valid; a failure here is a bug, reported as such rather than served.
  const errors = validateOscal(kind, document)
  if (errors.length > 0) throw new Error(`exported ${kind} is not schema-valid: ${errors[0]!.path} ${errors[0]!.message}`)
  return document
}

export interface EvidenceInput {
  fileName: string
  declaredType: string | null
  description: string
  evidenceDate: string | null
  validUntil: string | null
  bytes: Uint8Array
}

/** Store one evidence file of the caller's organisation: checked (name, size, sniffed type), hashed, one transaction. */
export async function uploadEvidence(ctx: AppContext, scope: Scope, input: EvidenceInput): Promise<EvidenceRecord> {
  const accepted = checkEvidenceFile({ fileName: input.fileName, declaredType: input.declaredType, bytes: input.bytes })
  const record: EvidenceRecord = {
    id: randomUUID(), organisationId: scope.organisationId, fileName: accepted.fileName, contentType: accepted.contentType, size: accepted.size,
    sha256: accepted.sha256, description: input.description, evidenceDate: input.evidenceDate, validUntil: input.validUntil,
    createdAt: ctx.now().toISOString(), createdBy: scope.actor,
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertEvidence(trx, record, input.bytes)
    await appendAudit(trx, {
      actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.evidence_upload', targetType: 'evidence', targetId: record.id,
      after: { fileName: record.fileName, contentType: record.contentType, size: record.size, sha256: record.sha256 },
    }, ctx.now())
  })
  return record
}

export async function ownEvidence(ctx: AppContext, scope: Scope): Promise<EvidenceRecord[]> {
  return listOwnEvidence(ctx.database.db, scope)
}

export async function evidenceFile(ctx: AppContext, scope: Scope, id: string): Promise<{ record: EvidenceRecord; content: Uint8Array }> {
  const record = await findEvidenceForScope(ctx.database.db, scope, id)
  if (!record) throw notFound('evidence')
  const content = await evidenceContent(ctx.database.db, id)
  if (!content) throw notFound('evidence')
  return { record, content }
}
