import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeE2E, SCREENSHOT_DIR, screenshot, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * 受け入れ基準（issue 4、ブラウザ・日本語）:
 * 所管省庁（厚生労働省）が医療分野にキャンペーンを開始し、診療所が回答する。目標日のない「未実施」を含めて
 * 提出しようとすると、分かりやすいメッセージで止められる。目標日を入れて提出し、省庁が 1 項目をコメント付きで
 * 差し戻し、診療所が修正して再提出し、省庁が受理すると、分野別ダッシュボードに新しい数字が出る。
 *
 * すべて画面操作で行う（API は呼ばない）。デモデータにも別のキャンペーンがあるので、このテストが開始した
 * キャンペーンは一意の名称で選ぶ。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  assessments: { status: Record<string, string>; codes: { workflow: { invalid_answers: string }; answer: { target_date_required: string } } }
}

// The root tsconfig has no DOM library: the one browser shape the page callbacks below use.
interface BrowserElement { getAttribute(name: string): string | null }
/** Runs in the page (serialised without closures): the attribute of each element. */
const attributeOf = (elements: unknown[], name: string) => (elements as BrowserElement[]).map((e) => e.getAttribute(name))

const MHLW = 'mhlw@demo.kaname.jp'
const CLINIC = 'clinic@demo.kaname.jp'
const CLINIC_ID = 'clinic-kaede'

/** A date `days` from today, as the date inputs take it. */
function daysAhead(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return d.toISOString().slice(0, 10)
}

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  await expect.poll(check, { timeout, message: what }).toBe(true)
}

async function pickOption(page: Page, input: Locator, name: string | RegExp): Promise<void> {
  await input.click()
  await page.getByRole('option', { name }).first().click()
  await page.keyboard.press('Escape')
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('questionnaire-page').getAttribute('data-status')
}

/** A viewport-sized screenshot with `selector` near the top: the questionnaire is too long for one full-page image. */
async function shotAt(page: Page, name: string, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((el) => {
    const target = el as unknown as { scrollIntoView(o: { block: 'start' }): void }
    const view = globalThis as unknown as { scrollBy(x: number, y: number): void }
    target.scrollIntoView({ block: 'start' })
    // The app shell's header is fixed; keep the element's top edge out from under it.
    view.scrollBy(0, -90)
  })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

function card(page: Page, key: string): Locator {
  return page.locator(`[data-testid="obligation-card"][data-key="${key}"]`)
}

async function choose(page: Page, key: string, result: string): Promise<void> {
  await card(page, key).getByTestId('answer-result').locator('label').getByText(result, { exact: true }).click()
  await waitFor(async () => (await card(page, key).getAttribute('data-result')) !== '', `result of ${key}`, 5_000)
}

describeE2E('assessment campaign in the browser (Japanese)', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('省庁が開始 → 診療所が回答（目標日なしの未実施で止められる）→ 提出 → 差し戻し → 修正・再提出 → 受理 → ダッシュボードに反映', async () => {
    const title = `E2E 医療分野 自己評価 ${Date.now()}`

    // ---- 厚生労働省: 医療分野にキャンペーンを開始する
    const ministry = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(ministry, MHLW)
    await ministry.getByTestId('nav-assessments').click()
    await waitFor(() => ministry.getByTestId('campaigns-page').isVisible(), 'campaigns page')
    await ministry.getByTestId('launch-campaign').click()
    await ministry.getByTestId('launch-title-ja').fill(title)
    await ministry.getByTestId('launch-title-en').fill(`E2E medical self-assessment ${Date.now()}`)
    await ministry.getByTestId('launch-cycle').fill('2026')
    // A due date in the past and no sector: the server's field errors appear next to the fields, in Japanese.
    await ministry.getByTestId('launch-due-date').fill(daysAhead(-1))
    await ministry.getByTestId('launch-submit').click()
    await waitFor(() => ministry.getByTestId('launch-error').isVisible(), 'launch refused')
    expect(await ministry.getByTestId('launch-error').innerText()).toContain('キャンペーンを開始できません: 2 件の問題があります')
    await waitFor(() => ministry.getByText('回答期限は今日より後の日付にしてください。').isVisible(), 'due date error next to the field')
    await waitFor(() => ministry.getByText('対象分野か事業者を少なくとも 1 つ選んでください。').isVisible(), 'scope error next to the field')
    await ministry.getByTestId('launch-due-date').fill(daysAhead(60))
    // A ministry is offered only its own sectors: 医療 for 厚生労働省.
    await ministry.getByTestId('launch-sectors').click()
    const offered = await ministry.getByRole('option').allInnerTexts()
    expect(offered.map((s) => s.trim())).toEqual(['医療'])
    await ministry.getByRole('option', { name: '医療' }).click()
    await ministry.keyboard.press('Escape')
    await ministry.getByTestId('kpi-add-mean-score').click()
    await ministry.getByTestId('kpi-title-ja').fill('平均スコア')
    await screenshot(ministry, 'assessments-launch-ja')
    await ministry.getByTestId('launch-submit').click()
    await waitFor(() => ministry.getByTestId('targets-table').isVisible(), 'campaign page after launch')
    await screenshot(ministry, 'assessments-campaign-ja')
    expect(await ministry.getByTestId('campaign-title').innerText()).toBe(title)
    const campaignId = (await ministry.getByTestId('campaign-page').getAttribute('data-campaign-id'))!
    const clinicRow = ministry.locator(`[data-testid="target-row"][data-operator-id="${CLINIC_ID}"]`)
    expect(await clinicRow.getAttribute('data-status')).toBe('draft')

    // ---- かえで内科クリニック: 回答する
    const clinic = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(clinic, CLINIC)
    await clinic.getByTestId('nav-assessments').click()
    await waitFor(() => clinic.getByTestId('campaigns-table').isVisible(), 'clinic campaign list')
    const ownRow = clinic.getByTestId('campaign-row').filter({ hasText: title })
    expect(await ownRow.getByTestId('open-questionnaire').innerText()).toBe('回答する')
    await ownRow.getByTestId('open-questionnaire').click()
    await waitFor(() => clinic.getByTestId('obligation-list').isVisible(), 'questionnaire')
    expect(await statusOf(clinic)).toBe('draft')
    const keys = (await clinic.getByTestId('obligation-card').evaluateAll(attributeOf, 'data-key')) as string[]
    expect(keys.length).toBeGreaterThan(5)
    // Answer once: a requirement merged with a guideline item through a crosswalk says which others its answer satisfies.
    const inherited = clinic.getByTestId('inherited-sources')
    expect(await inherited.count()).toBeGreaterThan(0)
    expect(await inherited.first().innerText()).toMatch(/^この回答で満たされる他の要求事項（継承）: .+（(同等|包含|同一の出典|対応表)）/)
    const [gapKey, returnedKey, ...rest] = keys
    await choose(clinic, gapKey!, '未実施')
    await choose(clinic, returnedKey!, '実施済み')
    for (const key of rest) await choose(clinic, key, '実施済み')
    await card(clinic, returnedKey!).getByTestId('answer-maturity').click()
    await clinic.getByRole('option', { name: /^3 — / }).click()
    const answered = clinic.getByTestId('answered-count')
    expect(await answered.getAttribute('data-answered')).toBe(String(keys.length))

    // Save the draft (a draft may still lack the target date), download it as a workbook and import it back:
    // the import checks like a submission, so it is refused naming the cell, and nothing changes.
    await clinic.getByTestId('save-draft').click()
    await waitFor(() => clinic.getByTestId('questionnaire-saved').isVisible(), 'draft saved')
    const download = clinic.waitForEvent('download')
    await clinic.getByTestId('xlsx-download').click()
    const workbookPath = join(tmpdir(), `kaname-e2e-questionnaire-${Date.now()}.xlsx`)
    await (await download).saveAs(workbookPath)
    const workbookChooser = clinic.waitForEvent('filechooser')
    await clinic.getByTestId('xlsx-upload').click()
    await (await workbookChooser).setFiles(workbookPath)
    await waitFor(() => clinic.getByTestId('questionnaire-error').isVisible(), 'workbook import refused')
    rmSync(workbookPath, { force: true })
    const cellErrors = (await clinic.getByTestId('questionnaire-error-cell').allInnerTexts()).map((t) => t.trim())
    expect(cellErrors).toHaveLength(1)
    expect(cellErrors[0]).toMatch(/^回答!H\d+: 未実施・一部実施の項目には目標日が必要です$/)
    expect(await card(clinic, gapKey!).getAttribute('data-has-errors')).toBe('true')
    expect(await card(clinic, gapKey!).getAttribute('data-result')).toBe('not_implemented')
    expect(await answered.getAttribute('data-answered')).toBe(String(keys.length))

    // Ask the ministry for support on the gap (S20).
    await card(clinic, gapKey!).getByTestId('request-support').click()
    const supportReason = '院内に専任の担当者がおらず、体制づくりの支援を希望します。'
    await clinic.getByTestId('support-reason').fill(supportReason)
    await clinic.getByTestId('support-send').click()
    await waitFor(() => clinic.getByTestId('support-sent').isVisible(), 'support requested')
    await clinic.keyboard.press('Escape')

    // 目標日のない未実施を含めて提出しようとする: 止められ、理由が上部と該当項目に出る。
    await clinic.getByTestId('submit').click()
    expect(await clinic.getByTestId('submit-confirm-text').innerText()).toContain('経営層による承認')
    await clinic.getByTestId('submit-confirm').click()
    await waitFor(() => clinic.getByTestId('questionnaire-error').isVisible(), 'submission refused')
    const summary = (await clinic.getByTestId('questionnaire-error-summary').innerText()).trim()
    expect(summary).toBe('提出できません: 1件の問題があります')
    expect(summary).toBe(ja.assessments.codes.workflow.invalid_answers.replace('{{n}}', '1'))
    const gapCard = card(clinic, gapKey!)
    expect(await gapCard.getAttribute('data-has-errors')).toBe('true')
    expect((await gapCard.getByTestId('answer-error').innerText()).trim()).toBe('未実施・一部実施の項目には目標日が必要です')
    expect(await clinic.locator('[data-testid="obligation-card"][data-has-errors="true"]').count()).toBe(1)
    await waitFor(() => gapCard.getByTestId('answer-error').isVisible(), 'offending item in view')
    await shotAt(clinic, 'assessments-submit-refused-ja', '[data-testid="questionnaire-error"]')
    expect(await statusOf(clinic)).toBe('draft')

    // 目標日を入れて提出する。
    await gapCard.getByTestId('answer-target-date').fill(daysAhead(120))
    await clinic.getByTestId('submit').click()
    await clinic.getByTestId('submit-confirm').click()
    await waitFor(async () => (await statusOf(clinic)) === 'submitted', 'submitted')
    expect(await clinic.getByTestId('questionnaire-error').count()).toBe(0)
    expect(await clinic.getByTestId('questionnaire-status').innerText()).toBe(ja.assessments.status.submitted)
    // The gap became an improvement-plan item.
    await waitFor(async () => (await clinic.getByTestId('plan-item').count()) === 1, 'plan item from the gap')
    // The clinic starts working on it.
    await pickOption(clinic, clinic.getByTestId('plan-item').getByTestId('plan-status'), '対応中')
    await waitFor(async () => (await clinic.getByTestId('plan-item').getAttribute('data-status')) === 'in_progress', 'plan item in progress')

    // ---- 厚生労働省: 1 項目をコメント付きで差し戻す
    await ministry.reload()
    await waitFor(() => clinicRow.isVisible(), 'campaign page')
    expect(await clinicRow.getAttribute('data-status')).toBe('submitted')
    // The support request shows under its requirement.
    const supportGroup = ministry.getByTestId('support-group').filter({ hasText: supportReason })
    await waitFor(async () => (await supportGroup.count()) === 1, 'support request listed')
    expect(await supportGroup.innerText()).toContain('かえで内科クリニック')
    await clinicRow.getByTestId('target-link').click()
    await waitFor(() => ministry.getByTestId('obligation-list').isVisible(), 'snapshot view')
    expect(await ministry.getByTestId('questionnaire-page').getAttribute('data-answers-are')).toBe('snapshot')
    expect(await ministry.getByTestId('save-draft').count()).toBe(0)
    const returnedTitle = (await card(ministry, returnedKey!).getByTestId('obligation-title').innerText()).trim()
    await ministry.getByTestId('review-return').click()
    await pickOption(ministry, ministry.getByTestId('review-items'), new RegExp(returnedTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    const comment = '体制を定めた文書を証跡として添付し、コメントに改訂日を記載してください。'
    await ministry.getByTestId('review-comment').fill(comment)
    await ministry.getByTestId('review-return-confirm').click()
    await waitFor(async () => (await statusOf(ministry)) === 'returned', 'returned')

    // ---- 診療所: コメントを見て修正し、再提出する
    await clinic.getByTestId('nav-assessments').click()
    await clinic.getByTestId('campaign-row').filter({ hasText: title }).getByTestId('open-questionnaire').click()
    await waitFor(() => clinic.getByTestId('returned-notice').isVisible(), 'returned notice')
    expect(await statusOf(clinic)).toBe('returned')
    const returnedCard = card(clinic, returnedKey!)
    expect((await returnedCard.getByTestId('open-comment').innerText())).toContain(comment)
    expect(await clinic.getByTestId('open-comment').count()).toBe(1)
    await shotAt(clinic, 'assessments-returned-ja', '[data-testid="returned-notice"]')
    await returnedCard.getByTestId('answer-comment').fill('情報セキュリティ体制を 2026 年 4 月 1 日に改訂しました。')
    const evidencePath = join(tmpdir(), `kaname-e2e-taisei-${Date.now()}.txt`)
    writeFileSync(evidencePath, '情報セキュリティ体制図（2026 年 4 月 1 日改訂）\n')
    const chooser = clinic.waitForEvent('filechooser')
    await returnedCard.getByTestId('evidence-upload').click()
    await (await chooser).setFiles(evidencePath)
    await waitFor(async () => (await returnedCard.getByTestId('evidence-link').count()) === 1, 'evidence linked')
    rmSync(evidencePath, { force: true })
    await clinic.getByTestId('submit').click()
    await clinic.getByTestId('submit-confirm').click()
    await waitFor(async () => (await statusOf(clinic)) === 'submitted', 'resubmitted')
    expect(await clinic.getByTestId('open-comment').count()).toBe(0)

    // ---- 厚生労働省: 受理する
    await ministry.reload()
    await waitFor(async () => (await statusOf(ministry)) === 'submitted', 'ministry sees the resubmission')
    expect(await ministry.getByTestId('snapshot-info').innerText()).toContain('第 2 回')
    expect(await card(ministry, returnedKey!).getByTestId('evidence-link').count()).toBe(1)
    await shotAt(ministry, 'assessments-review-ja', '[data-testid="questionnaire-page"]')
    await ministry.getByTestId('review-accept').click()
    await ministry.getByTestId('review-accept-confirm').click()
    await waitFor(async () => (await statusOf(ministry)) === 'accepted', 'accepted')
    expect(await ministry.getByTestId('questionnaire-status').innerText()).toBe('受理')
    const events = await ministry.getByTestId('history-event').evaluateAll(attributeOf, 'data-action')
    expect(events).toEqual(['submit', 'startReview', 'returnWithComments', 'reopenAfterReturn', 'submit', 'startReview', 'accept'])

    // ---- ダッシュボード: 医療分野の提出状況に受理 1 件が出る
    await ministry.goto(`/assessments/${campaignId}`)
    await waitFor(() => clinicRow.isVisible(), 'campaign page again')
    expect(await clinicRow.getAttribute('data-status')).toBe('accepted')
    expect(await clinicRow.getByTestId('target-score').innerText()).toMatch(/^\d+%$/)
    expect(await clinicRow.getByTestId('target-gaps').innerText()).toBe('1')
    await ministry.getByTestId('tab-dashboard').click()
    await waitFor(() => ministry.getByTestId('dashboard-status').isVisible(), 'dashboard status table', 30_000)
    expect(new URL(ministry.url()).pathname).toBe(`/assessments/${campaignId}/dashboard`)
    const table = ministry.getByTestId('dashboard-status')
    const headers = (await table.locator('thead th').allInnerTexts()).map((s) => s.trim())
    const medical = table.locator('tbody tr').filter({ hasText: '医療' })
    expect(await medical.count()).toBe(1)
    const cells = (await medical.locator('td').allInnerTexts()).map((s) => s.trim())
    const at = (header: string) => cells[headers.indexOf(header)]
    expect(at('受理')).toBe('1')
    expect(at('提出済み')).toBe('0')
    expect(Number(at('下書き'))).toBe(Number(at('合計')) - 1)
    await shotAt(ministry, 'assessments-dashboard-ja', '[data-testid="dashboard-status-card"]')

    // The campaign list shows the same figure.
    await ministry.getByTestId('nav-assessments').click()
    const listed = ministry.getByTestId('campaign-row').filter({ hasText: title })
    await waitFor(() => listed.isVisible(), 'campaign list row')
    expect(await listed.locator('[data-status="accepted"]').getAttribute('data-count')).toBe('1')
  })
})
