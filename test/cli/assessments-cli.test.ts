import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openContext } from '../../src/platform/bootstrap.ts'
import { launchCampaign, questionnaireView, saveAnswers, submitAnswers } from '../../src/assessments/assessments-service.ts'
import type { Scope } from '../../src/authz/domain/scope.ts'
import { validateOscal } from '../../src/standards/formats/oscal-validator.ts'
import { kaname as runKaname } from '../harness/kaname-cli.ts'


const kaname = (args: string[]) => runKaname(args, { demoPassword: 'Cli-Assessments-Password-2026' })

const MHLW: Scope = { actor: 'system:test', userId: null, organisationId: 'mhlw', organisationKind: 'ministry', role: 'admin', sectorIds: ['medical'] }
const CLINIC: Scope = { actor: 'system:test', userId: null, organisationId: 'clinic-kaede', organisationKind: 'operator', role: 'ciso', sectorIds: ['medical'] }

describe('kaname campaigns and assessment exports', () => {
  let dir: string
  let db: string
  let campaignId: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-assessments-'))
    db = join(dir, 'k.sqlite')
    expect((await kaname(['seed', '--demo', '--db', db, '--json'])).code).toBe(0)
    // A campaign with one submitted operator, written through the service as the API would.
    const ctx = await openContext({ databaseUrl: db })
    try {
      const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
      campaignId = (await launchCampaign(ctx, MHLW, {
        title: { ja: 'CLI確認', en: 'CLI check' }, cycle: 'cli', previousCampaignId: null, scope: { sectors: [], tierIds: [], operatorIds: ['clinic-kaede', 'aoba-hospital'] },
        dueDate: due, reminderDays: [14, 7, 1], kpis: [],
      })).id
      const view = await questionnaireView(ctx, CLINIC, campaignId, 'clinic-kaede')
      await saveAnswers(ctx, CLINIC, campaignId, 'clinic-kaede', view.obligations.map((o, i) => ({
        obligationKey: o.key, lineage: o.lineage, result: i === 0 ? 'partially' : 'implemented', maturity: 2, targetDate: i === 0 ? due : null,
        notApplicableReason: null, comment: '', evidenceIds: [],
      })))
      await submitAnswers(ctx, CLINIC, campaignId, 'clinic-kaede')
    } finally {
      await ctx.database.close()
    }
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists campaigns as JSON with their operators per status', async () => {
    const run = await kaname(['campaigns', 'list', '--db', db, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const rows = JSON.parse(run.stdout) as { id: string; cycle: string; status: string; operators: number; counts: Record<string, number> }[]
    expect(rows.find((r) => r.id === campaignId)).toMatchObject({ cycle: 'cli', status: 'open', operators: 2, counts: expect.objectContaining({ submitted: 1, draft: 1 }) })
  })

  it('exports the submitted assessment as schema-valid OSCAL assessment-results and POA&M, to stdout or a file', async () => {
    const stdout = await kaname(['export', 'oscal', '--kind', 'assessment-results', '--campaign', campaignId, '--org', 'clinic-kaede', '--db', db])
    expect(stdout.code, stdout.stderr).toBe(0)
    expect(validateOscal('assessment-results', JSON.parse(stdout.stdout))).toEqual([])
    const out = join(dir, 'poam.json')
    const file = await kaname(['export', 'oscal', '--kind', 'poam', '--campaign', campaignId, '--org', 'clinic-kaede', '--out', out, '--db', db])
    expect(file.code, file.stderr).toBe(0)
    const poam = JSON.parse(readFileSync(out, 'utf8'))
    expect(validateOscal('poam', poam)).toEqual([])
    expect(poam['plan-of-action-and-milestones']['poam-items']).toHaveLength(1)
  })

  it('lists the operators due a reminder on a reminder day, and none on other days', async () => {
    const list = JSON.parse((await kaname(['campaigns', 'list', '--db', db, '--json'])).stdout) as { id: string; dueDate: string }[]
    const due = list.find((c) => c.id === campaignId)!.dueDate
    const day = (offset: number) => new Date(Date.parse(`${due}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
    // Default reminder days are 14, 7 and 1 before the due date; aoba-hospital has not submitted, the clinic has.
    const reminded = await kaname(['campaigns', 'reminders', campaignId, '--date', day(-7), '--db', db, '--json'])
    expect(reminded.code, reminded.stderr).toBe(0)
    expect(JSON.parse(reminded.stdout)).toEqual([expect.objectContaining({ operatorId: 'aoba-hospital', kind: 'reminder', daysLeft: 7 })])
    expect(JSON.parse((await kaname(['campaigns', 'reminders', campaignId, '--date', day(-6), '--db', db, '--json'])).stdout)).toEqual([])
    expect(JSON.parse((await kaname(['campaigns', 'reminders', campaignId, '--date', day(3), '--db', db, '--json'])).stdout)).toEqual([expect.objectContaining({ kind: 'overdue', daysLeft: -3 })])
  })

  it('refuses what it cannot export, naming what is missing', async () => {
    const noOrg = await kaname(['export', 'oscal', '--kind', 'poam', '--campaign', campaignId, '--db', db])
    expect(noOrg.code).not.toBe(0)
    expect(noOrg.stdout + noOrg.stderr).toContain('--org')
    // aoba-hospital submitted nothing: its draft is not the platform operator's to export.
    const draft = await kaname(['export', 'oscal', '--kind', 'assessment-results', '--campaign', campaignId, '--org', 'aoba-hospital', '--db', db])
    expect(draft.code).not.toBe(0)
    expect(draft.stderr).toMatch(/submitted nothing/)
  })
})
