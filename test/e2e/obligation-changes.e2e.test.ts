import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeE2E, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * 受け入れ基準（ブラウザ・日本語）:
 * - 所管省庁が小規模医療機関向け安全基準の新しい版で 1 件の「平易な表現」を改め、施行すると、小規模診療所の
 *   「前版からの変更」に、その 1 件だけが新しい文言とともに表示される。変更がないときは、そうはっきり表示される。
 * - 厚生労働省が組織の画面で病院のティアを「国家医療システム運営者」と判定すると、その病院の適用要件は 100 件を超える。
 * - 事業者は自分の組織の画面で特性（クラウド利用など）を申告でき、所管省庁には読み取り専用で表示される。
 *
 * 期待値は API（画面と同じセッション）と i18n リソースから導く。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  obligations: { changes: { none: string }; header: { noTier: string }; fact: Record<string, string> }
  orgDetail: { tier: { option: string } }
  standards: { tierLevel: Record<string, string> }
}

interface Localized { ja: string; en: string }
interface Obligation { key: string; sources: { documentId: string; nodeId: string; number: string }[]; plain?: Localized }
interface ObligationReport { operator: { tiers: { sectorId: string; tierId: string; reason: string }[]; facts: string[] }; obligations: Obligation[] }
interface ObligationChanges {
  documents: { documentId: string; fromLabel: string; toLabel: string; fromVersionId: string; toVersionId: string }[]
  added: Obligation[]
  removed: Obligation[]
  changed: { identity: string; fields: string[]; before: Obligation; after: Obligation }[]
}
interface StandardDocument { id: string; versions: { id: string; label: string; status: string }[] }
interface Profile { imports: unknown[]; setParameters: unknown[]; alters: { nodeId: string; plain?: Localized }[] }
interface Tier { id: string; level: string; name: Localized }

// The root tsconfig has no DOM library: the few browser shapes the page callbacks below use.
interface BrowserElement {
  textContent: string | null
  cloneNode(deep: boolean): BrowserElement
  querySelectorAll(selector: string): Iterable<BrowserElement & { remove(): void }>
}

const NEW_LABEL = '2027 年度改訂（e2e）'

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '')
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path)
  expect(response.status(), path).toBe(200)
  return (await response.json()) as T
}

/** An unsafe API call with the session of `context`, the way the web app makes it (CSRF header from the cookie). */
async function send<T>(context: BrowserContext, page: Page, method: 'POST' | 'PUT', path: string, data: unknown, expected: number): Promise<T> {
  const csrf = (await context.cookies()).find((c) => c.name === 'kaname_csrf')?.value
  expect(csrf, 'kaname_csrf cookie').toBeTruthy()
  const response = await page.request.fetch(path, { method, data, headers: { 'x-csrf-token': csrf! } })
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(expected)
  return (await response.json()) as T
}

/** The text a reader takes as "the new version" of a diff: everything except what is struck out. */
async function afterText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((el) => {
    const copy = (el as unknown as BrowserElement).cloneNode(true)
    for (const deleted of copy.querySelectorAll('del')) deleted.remove()
    return (copy.textContent ?? '').trim()
  })
}

async function beforeText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((el) => {
    const copy = (el as unknown as BrowserElement).cloneNode(true)
    for (const inserted of copy.querySelectorAll('ins')) inserted.remove()
    return (copy.textContent ?? '').trim()
  })
}

/** A screenshot of one element: the pages are long, and the part under test is what a reviewer needs to see. */
async function shotOf(page: Page, name: string, selector: string): Promise<void> {
  await page.locator(selector).first().screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

async function openChanges(page: Page): Promise<void> {
  await page.getByTestId('nav-obligations').click()
  await expect.poll(() => page.getByTestId('obligations-tab-changes').isVisible(), { timeout: 20_000 }).toBe(true)
  await page.getByTestId('obligations-tab-changes').click()
  await expect.poll(() => page.getByTestId('obligation-changes').isVisible(), { timeout: 20_000 }).toBe(true)
}

describeE2E('obligation changes, tiers and facts in the browser (Japanese)', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('前版からの変更: 小規模医療機関向け安全基準の新しい版で改めた「平易な表現」1 件だけが、新しい文言とともに表示される', async () => {
    // 変更前: どの文書にも前版がないので、変更はないと表示される。
    const clinic = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(clinic.page, 'clinic@demo.kaname.jp')
    await openChanges(clinic.page)
    await expect.poll(() => clinic.page.getByTestId('obligation-changes-none').isVisible(), { timeout: 20_000 }).toBe(true)
    expect((await clinic.page.getByTestId('obligation-changes-none').innerText()).trim()).toBe(ja.obligations.changes.none)
    expect(await clinic.page.getByTestId('change-changed').count()).toBe(0)
    await shotOf(clinic.page, 'obligation-changes-none-clinic-ja', '[data-testid="obligation-changes"]')

    // 厚生労働省が、施行中の版の後継版で、診療所に適用される要件の「平易な表現」を 1 件改めて施行する。
    const ministry = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(ministry.page, 'mhlw@demo.kaname.jp')
    const documents = await getJson<StandardDocument[]>(ministry.page, '/api/v1/standards/documents')
    const inForce = documents.find((d) => d.id === 'medical-small-standard')!.versions.find((v) => v.status === 'in_force')!
    const clinicReport = await getJson<ObligationReport>(ministry.page, '/api/v1/obligations/clinic-kaede')
    const clinicNodes = new Set(clinicReport.obligations.flatMap((o) => o.sources.filter((s) => s.documentId === 'medical-small-standard').map((s) => s.nodeId)))

    const successor = await send<{ id: string }>(ministry.context, ministry.page, 'POST', `/api/v1/standards/versions/${inForce.id}/successor`, { label: NEW_LABEL }, 201)
    const draft = await getJson<{ profile: Profile }>(ministry.page, `/api/v1/standards/versions/${successor.id}`)
    // A wording without parameter placeholders, so the page shows exactly the stored text.
    const index = draft.profile.alters.findIndex((a) => a.plain && clinicNodes.has(a.nodeId) && !a.plain.ja.includes('{{') && a.plain.ja.endsWith('？'))
    expect(index).toBeGreaterThanOrEqual(0)
    const alter = draft.profile.alters[index]!
    const oldPlain = alter.plain!
    const newPlain = {
      ja: `${oldPlain.ja.slice(0, -1)}（年に1回以上、内容を見直していますか）${oldPlain.ja.slice(-1)}`,
      en: `${oldPlain.en} (Do you review it at least once a year?)`,
    }
    const alters = draft.profile.alters.map((a, i) => (i === index ? { ...a, plain: newPlain } : a))
    await send(ministry.context, ministry.page, 'PUT', `/api/v1/standards/versions/${successor.id}/profile`, { ...draft.profile, alters }, 200)
    await send(ministry.context, ministry.page, 'POST', `/api/v1/standards/versions/${successor.id}/status`, { to: 'published' }, 200)
    await send(ministry.context, ministry.page, 'POST', `/api/v1/standards/versions/${successor.id}/status`, { to: 'in_force' }, 200)

    // 変更後: 診療所の「前版からの変更」に、改めた 1 件だけが表示される。
    await clinic.page.reload()
    await expect.poll(() => clinic.page.getByTestId('change-changed').count(), { timeout: 20_000 }).toBe(1)
    const api = await getJson<ObligationChanges>(clinic.page, '/api/v1/obligations/clinic-kaede/changes')
    expect(api.changed).toHaveLength(1)
    expect(api.changed[0]!.fields).toEqual(['plain'])
    expect(api.changed[0]!.after.sources.map((s) => s.nodeId)).toContain(alter.nodeId)
    expect(await clinic.page.getByTestId('change-added').count()).toBe(api.added.length)
    expect(await clinic.page.getByTestId('change-removed').count()).toBe(api.removed.length)
    expect(await clinic.page.getByTestId('obligation-changes-none').count()).toBe(0)

    const changed = clinic.page.getByTestId('change-changed')
    expect(await changed.getAttribute('data-fields')).toBe('plain')
    const plainDiff = '[data-testid="change-changed"] [data-testid="change-field"][data-field="plain"] [data-testid="change-text-diff"]'
    expect(await afterText(clinic.page, plainDiff)).toBe(newPlain.ja)
    expect(await beforeText(clinic.page, plainDiff)).toBe(oldPlain.ja)
    // Only the inserted phrase is marked as new.
    expect((await clinic.page.locator(`${plainDiff} ins`).allInnerTexts()).join('')).toBe('（年に1回以上、内容を見直していますか）')
    expect(await clinic.page.locator(`${plainDiff} del`).count()).toBe(0)

    // 比較した版: 小規模医療機関向け安全基準は「旧版 → 新版」。
    const doc = clinic.page.locator('[data-testid="change-document"][data-document-id="medical-small-standard"]')
    expect(await doc.getAttribute('data-from')).toBe(inForce.id)
    expect(await doc.getAttribute('data-to')).toBe(successor.id)
    const docText = await doc.innerText()
    expect(docText).toContain(inForce.label)
    expect(docText).toContain(NEW_LABEL)
    await shotOf(clinic.page, 'obligation-changes-clinic-ja', '[data-testid="obligation-changes"]')
  })

  test('ティア: 厚生労働省が病院を「国家医療システム運営者」と判定すると、適用要件が 100 件を超える', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, 'mhlw@demo.kaname.jp')
    const before = await getJson<ObligationReport>(page, '/api/v1/obligations/aoba-hospital')
    expect(before.operator.tiers).toEqual([])
    expect(before.obligations.length).toBeLessThanOrEqual(100)
    const tier = (await getJson<Tier[]>(page, '/api/v1/standards/tiers?sector=medical')).find((x) => x.id === 'medical-national')!

    await page.goto('/org/aoba-hospital')
    const section = page.getByTestId('tier-section')
    await expect.poll(() => section.getByTestId('tier-current').innerText(), { timeout: 20_000 }).toBe(ja.obligations.header.noTier)
    await page.getByTestId('tier-select').click()
    await page.getByRole('option', { name: fill(ja.orgDetail.tier.option, { name: tier.name.ja, level: ja.standards.tierLevel[tier.level]! }) }).click()
    const reason = 'オンライン資格確認の中継システムを全国の医療機関に提供しているため（e2e）'
    await page.getByTestId('tier-reason').fill(reason)
    await shotOf(page, 'org-tier-form-mhlw-ja', '[data-testid="tier-section"]')
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/standards/operators/aoba-hospital/tiers/medical') && r.request().method() === 'PUT')
    await page.getByTestId('tier-save').click()
    expect((await saved).status()).toBe(200)
    await expect.poll(() => page.getByTestId('tier-saved').isVisible(), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => section.getByTestId('tier-current').innerText(), { timeout: 20_000 }).toBe(tier.name.ja)
    expect(await section.getByTestId('tier-current-reason').innerText()).toContain(reason)
    await shotOf(page, 'org-tier-saved-mhlw-ja', '[data-testid="tier-section"]')

    const after = await getJson<ObligationReport>(page, '/api/v1/obligations/aoba-hospital')
    expect(after.operator.tiers).toEqual([expect.objectContaining({ sectorId: 'medical', tierId: 'medical-national', reason })])
    expect(after.obligations.length).toBeGreaterThan(100)

    await page.goto('/obligations/aoba-hospital')
    await expect.poll(async () => Number(await page.getByTestId('obligations-count').getAttribute('data-total')), { timeout: 20_000 }).toBe(after.obligations.length)
    await expect.poll(() => page.getByTestId('obligation-row').count(), { timeout: 20_000 }).toBe(after.obligations.length)
    expect(await page.locator(`[data-testid="obligations-tier"][data-tier-id="medical-national"]`).count()).toBe(1)
  })

  test('事業者の特性: 診療所の管理者が申告し、厚生労働省には読み取り専用で表示される', async () => {
    const clinic = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(clinic, 'clinic@demo.kaname.jp')
    const before = await getJson<ObligationReport>(clinic, '/api/v1/obligations/clinic-kaede')
    const fact = before.operator.facts.includes('operates_ot') ? 'uses_cloud' : 'operates_ot'
    const wasOn = before.operator.facts.includes(fact)

    await clinic.goto('/org/clinic-kaede')
    const checkbox = clinic.locator(`input[data-testid="fact-${fact}"]`)
    await expect.poll(() => checkbox.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await checkbox.isChecked()).toBe(wasOn)
    expect(await clinic.getByTestId('facts-section').innerText()).toContain(ja.obligations.fact[fact])
    await checkbox.click()
    const saved = clinic.waitForResponse((r) => r.url().endsWith('/api/v1/org/organisations/clinic-kaede/facts') && r.request().method() === 'PUT')
    await clinic.getByTestId('facts-save').click()
    expect((await saved).status()).toBe(200)
    await expect.poll(() => clinic.getByTestId('facts-saved').isVisible(), { timeout: 20_000 }).toBe(true)
    const after = await getJson<ObligationReport>(clinic, '/api/v1/obligations/clinic-kaede')
    expect(new Set(after.operator.facts)).toEqual(new Set(wasOn ? before.operator.facts.filter((f) => f !== fact) : [...before.operator.facts, fact]))
    await shotOf(clinic, 'org-facts-clinic-ja', '[data-testid="facts-section"]')

    // 所管省庁からは見えるが変更できない（保存ボタンもない）。
    const ministry = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(ministry, 'mhlw@demo.kaname.jp')
    await ministry.goto('/org/clinic-kaede')
    const seen = ministry.locator(`input[data-testid="fact-${fact}"]`)
    await expect.poll(() => seen.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await seen.isChecked()).toBe(!wasOn)
    expect(await seen.isDisabled()).toBe(true)
    expect(await ministry.getByTestId('facts-save').count()).toBe(0)
    // The ministry of the clinic's sector may decide its tier: the form is offered.
    expect(await ministry.getByTestId('tier-save').count()).toBe(1)
  })
})
