import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SECTORS } from '../../src/org/seed/sectors.ts'
import { describeE2E, SCREENSHOT_DIR, screenshot, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * 受け入れ基準（ブラウザ・日本語）:
 * - デモの小規模診療所の「適用要件」は 30 件以下で、各行に出典と適用理由がある。デモの国家医療システム運営者では
 *   国家医療システム向けの全件（プロファイル独自の追加事項を含む）が表示される。
 * - 所管省庁は、承認された例外措置なしに遵守事項（must）を削除・弱化した分野別プロファイルを公表できない。
 *
 * 期待値はテスト内で API（画面と同じセッション）と i18n リソースから導く。画面の件数や文言を固定値で持たない。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  standards: { status: Record<string, string>; deviationKind: Record<string, string>; exceptionStatus: Record<string, string>; publishError: { title: string } }
  obligations: { why: Record<string, string> }
}
const medicalJa = SECTORS.find((s) => s.id === 'medical')!.nameJa

interface Localized { ja: string; en: string }
interface ObligationReport {
  operator: { tiers: { tierId: string }[] }
  obligations: { key: string; sources: unknown[]; reasons: unknown[] }[]
}
interface StandardDocument { id: string; versions: { id: string; status: string }[] }
interface NodeView { id: string; kind: string; number: string; title: Localized; strength: string | null }

// The root tsconfig has no DOM library: the few browser shapes the page callbacks below use.
interface BrowserElement {
  innerText: string
  checkVisibility(): boolean
  getAttribute(name: string): string | null
  querySelector(selector: string): BrowserElement | null
  querySelectorAll(selector: string): Iterable<BrowserElement>
  scrollIntoView(options: { block: 'start' }): void
}
declare const window: { scrollBy(x: number, y: number): void; scrollTo(x: number, y: number): void }

/** A viewport-sized screenshot around one element: the long pages are unreadable as one full-page image. */
async function shotAt(page: Page, name: string, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((el) => {
    const target = el as unknown as BrowserElement
    target.scrollIntoView({ block: 'start' })
    // The app shell's header is fixed; keep the element's top edge out from under it.
    window.scrollBy(0, -90)
  })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '')
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path)
  expect(response.status(), path).toBe(200)
  return (await response.json()) as T
}

/** Every obligation row's visible sources and reasons, read from the page. */
async function readRows(page: Page) {
  return page.getByTestId('obligation-row').evaluateAll((elements) =>
    (elements as unknown as BrowserElement[]).map((row) => {
      const visibleTexts = (testId: string) =>
        [...row.querySelectorAll(`[data-testid="${testId}"]`)]
          .filter((el) => el.checkVisibility() && el.innerText.trim() !== '')
          .map((el) => el.innerText.trim())
      return {
        key: row.getAttribute('data-key'),
        sources: visibleTexts('obligation-source'),
        reasons: visibleTexts('obligation-reason'),
        title: (row.querySelector('[data-testid="obligation-title"]')?.innerText ?? '').trim(),
      }
    }),
  )
}

describeE2E('standards and obligations in the browser (Japanese)', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('適用要件: 小規模診療所は 30 件以下で各行に出典と理由、国家医療システム運営者は全件（プロファイル独自の追加事項を含む）', async () => {
    // 小規模診療所
    const clinic = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(clinic, 'clinic@demo.kaname.jp')
    await clinic.getByTestId('nav-obligations').click()
    await expect.poll(() => clinic.getByTestId('obligations-table').isVisible(), { timeout: 20_000 }).toBe(true)
    const clinicReport = await getJson<ObligationReport>(clinic, '/api/v1/obligations/clinic-kaede')
    const clinicRows = await readRows(clinic)
    expect(clinicRows.length).toBeGreaterThan(0)
    expect(clinicRows.length).toBeLessThanOrEqual(30)
    expect(clinicRows.length).toBe(clinicReport.obligations.length)
    expect(Number(await clinic.getByTestId('obligations-count').getAttribute('data-count'))).toBe(clinicRows.length)
    for (const row of clinicRows) {
      expect(row.sources.length, `sources of ${row.key}`).toBeGreaterThanOrEqual(1)
      expect(row.reasons.length, `reasons of ${row.key}`).toBeGreaterThanOrEqual(1)
    }
    // 理由はコードではなく日本語の文で表示される（ティア名は API、分野名はシードから）。
    const tiers = await getJson<{ id: string; name: Localized }[]>(clinic, '/api/v1/standards/tiers')
    const clinicTier = tiers.find((x) => x.id === clinicReport.operator.tiers[0]!.tierId)!
    const expectedWhy = fill(ja.obligations.why.sectorStandard!, { sector: medicalJa, tier: clinicTier.name.ja })
    expect(clinicRows.every((r) => r.reasons.some((text) => text.includes(expectedWhy)))).toBe(true)
    const clinicText = await clinic.getByTestId('obligations-table').innerText()
    expect(clinicText).not.toContain('sector-standard:')
    expect(clinicText).not.toContain('{{')
    await shotAt(clinic, 'obligations-clinic-ja', '[data-testid="obligations-table"]')

    // 国家医療システム運営者
    const claims = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(claims, 'claims-ciso@demo.kaname.jp')
    await claims.goto('/obligations')
    await expect.poll(() => claims.getByTestId('obligations-table').isVisible(), { timeout: 20_000 }).toBe(true)
    const claimsReport = await getJson<ObligationReport>(claims, '/api/v1/obligations/medical-claims')
    expect(claimsReport.obligations.length).toBeGreaterThan(100)
    await expect.poll(() => claims.getByTestId('obligation-row').count(), { timeout: 20_000 }).toBe(claimsReport.obligations.length)
    const claimsRows = await readRows(claims)
    expect(new Set(claimsRows.map((r) => r.key))).toEqual(new Set(claimsReport.obligations.map((o) => o.key)))
    expect(Number(await claims.getByTestId('obligations-count').getAttribute('data-count'))).toBe(claimsReport.obligations.length)
    for (const row of claimsRows) {
      expect(row.sources.length, `sources of ${row.key}`).toBeGreaterThanOrEqual(1)
      expect(row.reasons.length, `reasons of ${row.key}`).toBeGreaterThanOrEqual(1)
    }
    const documents = await getJson<StandardDocument[]>(claims, '/api/v1/standards/documents')
    const national = documents.find((d) => d.id === 'medical-national-standard')!.versions.find((v) => v.status === 'in_force')!
    const own = (await getJson<NodeView[]>(claims, `/api/v1/standards/versions/${national.id}/nodes`))
      .filter((n) => n.id.startsWith('med-') && n.kind === 'requirement')
    expect(own.length).toBeGreaterThan(0)
    const titles = claimsRows.map((r) => r.title)
    for (const node of own) expect(titles, node.number).toContain(node.title.ja)

    // 強度で絞り込むと件数が API の該当件数に一致する。
    await claims.getByTestId('filter-strength').click()
    await claims.getByRole('option', { name: '遵守事項' }).click()
    const musts = (claimsReport.obligations as unknown as { strength: string }[]).filter((o) => o.strength === 'must').length
    await expect.poll(() => claims.getByTestId('obligation-row').count()).toBe(musts)
    await shotAt(claims, 'obligations-medical-claims-ja', '[data-testid="obligations-header"]')
  })

  /** As 厚生労働省: a new draft of the national medical profile with its `nth` must excluded and saved. */
  async function draftDroppingAMust(page: Page, nth: number, screenshotName?: string) {
    await page.getByTestId('nav-standards').click()
    await expect.poll(() => page.getByTestId('standards-table').isVisible(), { timeout: 20_000 }).toBe(true)
    if (screenshotName) await screenshot(page, screenshotName)

    const row = page.locator('[data-testid="standard-row"][data-document-id="medical-national-standard"]')
    await row.locator('[data-testid="version-link"][data-status="in_force"]').click()
    await expect.poll(() => page.getByTestId('requirement-node').first().isVisible(), { timeout: 20_000 }).toBe(true)

    // 新しい版の草案を作成すると、そのプロファイル編集画面に移る。
    await page.getByTestId('new-draft-button').click()
    const created = page.waitForResponse((r) => r.url().endsWith('/successor') && r.request().method() === 'POST')
    await page.getByTestId('new-draft-create').click()
    expect((await created).status()).toBe(201)
    await page.waitForURL(/\/standards\/versions\/[^/]+\/profile$/)
    const draftId = new URL(page.url()).pathname.split('/')[3]!
    await expect.poll(() => page.getByTestId('version-status').innerText(), { timeout: 20_000 }).toBe(ja.standards.status.draft)
    await expect.poll(() => page.getByTestId('deviation-none').isVisible(), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => page.getByTestId('profile-row').count(), { timeout: 20_000 }).toBeGreaterThan(0)

    // 遵守事項を 1 件除外して保存する。
    const mustRow = page.locator('[data-testid="profile-row"][data-strength="must"]').nth(nth)
    const nodeId = (await mustRow.getAttribute('data-node-id'))!
    const draft = await getJson<{ profile: { imports: { versionId: string }[] } }>(page, `/api/v1/standards/versions/${draftId}`)
    const baseNodes = await getJson<NodeView[]>(page, `/api/v1/standards/versions/${draft.profile.imports[0]!.versionId}/nodes`)
    const dropped = baseNodes.find((n) => n.id === nodeId)!
    expect(dropped.strength).toBe('must')
    await mustRow.locator('.mantine-Switch-track').click()
    expect(await mustRow.getAttribute('data-included')).toBe('false')
    const saved = page.waitForResponse((r) => r.url().endsWith(`/versions/${draftId}/profile`) && r.request().method() === 'PUT')
    await page.getByTestId('profile-save').click()
    expect((await saved).status()).toBe(200)

    const deviation = page.locator(`[data-testid="deviation-list"] [data-testid="deviation"][data-node-id="${nodeId}"]`)
    await expect.poll(() => deviation.isVisible(), { timeout: 20_000 }).toBe(true)
    return { draftId, dropped, deviation }
  }

  test('所管省庁は、例外措置なしに遵守事項を削除したプロファイルを公表できない', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, 'mhlw@demo.kaname.jp')
    const { draftId, dropped, deviation } = await draftDroppingAMust(page, 0, 'standards-list-mhlw-ja')
    const deviationText = await deviation.innerText()
    expect(deviationText).toContain(dropped.number)
    expect(deviationText).toContain(dropped.title.ja)
    expect(deviationText).toContain(ja.standards.deviationKind.dropped)
    await shotAt(page, 'profile-deviation-mhlw-ja', '[data-testid="deviation-list"]')

    // 公表しようとすると、サーバーの 409 が日本語で、逸脱した要求事項の名前とともに表示される。
    await page.getByTestId('publish-button').click()
    const refused = page.waitForResponse((r) => r.url().endsWith(`/versions/${draftId}/status`) && r.request().method() === 'POST')
    await page.getByTestId('publish-confirm').click()
    const response = await refused
    expect(response.status()).toBe(409)
    expect(((await response.json()) as { code: string }).code).toBe('standards.unexcused_deviation')
    const error = page.getByTestId('publish-error')
    await expect.poll(() => error.isVisible(), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => error.innerText(), { timeout: 20_000 }).toContain(dropped.title.ja)
    const message = await error.innerText()
    expect(message).toContain(ja.standards.publishError.title)
    expect(message).toContain(dropped.number)
    expect(message).toContain(ja.standards.deviationKind.dropped)
    expect(message).not.toContain('dropped')
    expect(message).not.toContain('Publishing would')

    // 版は草案のまま。
    expect(await page.getByTestId('version-status').innerText()).toBe(ja.standards.status.draft)
    const version = await getJson<{ status: string }>(page, `/api/v1/standards/versions/${draftId}`)
    expect(version.status).toBe('draft')
    await expect.poll(() => page.getByTestId('publish-confirm').count(), { timeout: 20_000 }).toBe(0)
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'publish-refused-mhlw-ja.png') })
  })

  test('例外措置を申請し、NCO が承認すると、同じ草案を公表できる', async () => {
    const ministry = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(ministry, 'mhlw@demo.kaname.jp')
    const { draftId, dropped, deviation } = await draftDroppingAMust(ministry, 1)

    await deviation.getByTestId('request-exception').click()
    await deviation.getByTestId('exception-reason').fill('国家医療システムでは別の統制で代替するため（テスト）')
    await deviation.getByTestId('exception-measures').fill('四半期ごとに経営会議で代替統制の有効性を確認する')
    await deviation.getByTestId('exception-expires').fill('2099-03-31')
    const requested = ministry.waitForResponse((r) => r.url().endsWith(`/versions/${draftId}/exceptions`) && r.request().method() === 'POST')
    await deviation.getByTestId('exception-submit').click()
    expect((await requested).status()).toBe(201)
    await expect.poll(() => deviation.getByTestId('deviation-exception').innerText(), { timeout: 20_000 }).toBe(ja.standards.exceptionStatus.requested)

    // 申請中のままでは公表できない。
    await ministry.getByTestId('publish-button').click()
    await ministry.getByTestId('publish-confirm').click()
    await expect.poll(() => ministry.getByTestId('publish-error').isVisible(), { timeout: 20_000 }).toBe(true)

    // NCO が例外措置の一覧で承認する。
    const nco = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(nco, 'nco@demo.kaname.jp')
    await nco.goto('/standards/exceptions')
    const exceptionRow = nco.locator(`[data-testid="exception-row"][data-status="requested"]`).filter({ hasText: dropped.title.ja })
    await expect.poll(() => exceptionRow.count(), { timeout: 20_000 }).toBe(1)
    await screenshot(nco, 'exceptions-nco-ja')
    const decided = nco.waitForResponse((r) => r.url().endsWith('/decision') && r.request().method() === 'POST')
    await exceptionRow.getByTestId('exception-approve').click()
    expect((await decided).status()).toBe(200)
    await expect.poll(() => nco.locator('[data-testid="exception-row"][data-status="approved"]').filter({ hasText: dropped.title.ja }).count(), { timeout: 20_000 }).toBe(1)

    // 承認後は公表できる。
    await ministry.reload()
    await expect.poll(() => deviation.getByTestId('deviation-exception').innerText(), { timeout: 20_000 }).toBe(ja.standards.exceptionStatus.approved)
    await ministry.getByTestId('publish-button').click()
    const published = ministry.waitForResponse((r) => r.url().endsWith(`/versions/${draftId}/status`) && r.request().method() === 'POST')
    await ministry.getByTestId('publish-confirm').click()
    expect((await published).status()).toBe(200)
    await expect.poll(() => ministry.getByTestId('version-status').innerText(), { timeout: 20_000 }).toBe(ja.standards.status.published)
    expect((await getJson<{ status: string }>(ministry, `/api/v1/standards/versions/${draftId}`)).status).toBe('published')
  })
})
