import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeE2E, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * 受け入れ（issue 5、ブラウザ・日本語）: 事業者の CISO が依存関係の記録画面で、提供事業者と依存関係を
 * CSV を使わずフォームから登録し、登録した依存関係が一覧に表示される。不正な入力（負の切替時間）は
 * サーバーが拒否し、その理由が日本語で該当項目の横に表示される。最後に画面から両方を削除する（依存関係が
 * 残っているあいだ提供事業者は削除できない）。
 *
 * 文言は i18n リソースから、期待値は同じセッションの API から取る（画面の表示を固定値で持たない）。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  dependencies: {
    providerType: Record<string, string>
    edgeType: Record<string, string>
    recordForm: { failoverKind: Record<string, string> }
  }
  ciCodes: { dependencies: Record<string, string> }
}

const OPERATOR_CISO = 'bank-ciso@demo.kaname.jp'

interface Service { id: string; operatorId: string; name: { ja: string; en: string } }
interface Provider { id: string; name: { ja: string; en: string }; providerType: string; prefectures: string[]; annualFailureProbability: number | null; registeredBy: string }
interface Edge { id: string; from: string; to: string; type: string; criticality: string; failover: { kind: string; hours?: number }; alternatives: string[] }

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  await expect.poll(check, { timeout, message: what }).toBe(true)
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path)
  expect(response.status(), path).toBe(200)
  return (await response.json()) as T
}

/** Opens a Mantine select, optionally types to search, and picks the option whose text contains `text`. */
async function pick(page: Page, input: Locator, text: string, search?: string): Promise<void> {
  await input.click()
  if (search !== undefined) await input.fill(search)
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

/** The error texts Mantine ties to an input (aria-describedby → the error element). */
async function errorsOf(page: Page, input: Locator): Promise<string> {
  if ((await input.getAttribute('aria-invalid')) !== 'true') return ''
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean)
  const texts = await Promise.all(ids.map(async (id) => (await page.locator(`[id="${id}"]`).count()) > 0 ? page.locator(`[id="${id}"]`).innerText() : ''))
  return texts.join(' ')
}

describeE2E('dependency records in the browser (Japanese)', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('事業者の CISO: 提供事業者と依存関係をフォームで登録すると一覧に出る。負の切替時間は日本語の理由が項目の横に出る', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, OPERATOR_CISO)
    const services = await getJson<Service[]>(page, '/api/v1/services')
    const service = services[0]!
    expect(service, 'the operator has a service to record dependencies of').toBeDefined()

    await page.goto('/dependencies/records')
    await waitFor(() => page.getByTestId('records-page').isVisible(), 'records page')

    // ---- 提供事業者の登録
    const providerName = `E2E 決済中継ゲートウェイ ${Date.now()}`
    await page.getByTestId('provider-new').click()
    const providerForm = page.getByTestId('provider-form')
    await waitFor(() => providerForm.isVisible(), 'provider form')
    await providerForm.getByTestId('provider-name-ja').fill(providerName)
    await providerForm.getByTestId('provider-name-en').fill(`E2E payment relay gateway ${Date.now()}`)
    await pick(page, providerForm.getByTestId('provider-type'), ja.dependencies.providerType.software!)
    await pick(page, providerForm.getByTestId('provider-prefectures'), '東京都', '東京')
    await page.keyboard.press('Escape')
    await providerForm.getByTestId('provider-probability').fill('0.03')
    const providerSaved = page.waitForResponse((r) => r.url().endsWith('/api/v1/dependencies/providers') && r.request().method() === 'POST')
    await providerForm.getByTestId('provider-submit').click()
    expect((await providerSaved).status()).toBe(201)
    await waitFor(async () => (await page.getByTestId('provider-form').count()) === 0, 'provider form closed')
    const providerRow = page.getByTestId('provider-row').filter({ hasText: providerName })
    await waitFor(() => providerRow.isVisible(), 'the new provider in the registry')
    const provider = (await getJson<Provider[]>(page, '/api/v1/dependencies/providers')).find((p) => p.name.ja === providerName)!
    expect(provider).toMatchObject({ providerType: 'software', prefectures: ['13'], annualFailureProbability: 0.03 })
    expect(await providerRow.getAttribute('data-provider-id')).toBe(provider.id)

    // ---- 依存関係の登録: 自社サービス → 登録した提供事業者
    await page.getByTestId('edge-new').click()
    const edgeForm = page.getByTestId('edge-form')
    await waitFor(() => edgeForm.isVisible(), 'dependency form')
    await pick(page, edgeForm.getByTestId('edge-from'), service.name.ja, service.name.ja)
    await pick(page, edgeForm.getByTestId('edge-to'), providerName, providerName)
    await pick(page, edgeForm.getByTestId('edge-type'), ja.dependencies.edgeType.it_system!)
    await edgeForm.getByTestId('edge-failover').getByText(ja.dependencies.recordForm.failoverKind.manual!, { exact: true }).click()
    const hours = edgeForm.getByTestId('edge-failover-hours')
    await hours.fill('-5')

    // The server refuses the negative hours; its reason, in Japanese, is at the hours field.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/dependencies/edges') && r.request().method() === 'POST')
    await edgeForm.getByTestId('edge-submit').click()
    const refusal = await refused
    expect(refusal.status()).toBe(422)
    const problem = (await refusal.json()) as { errors: { path: string; code?: string }[] }
    expect(problem.errors.map((e) => [e.path, e.code])).toEqual([['body.failover.hours', 'dependencies.negative_duration']])
    const message = ja.ciCodes.dependencies.negative_duration!
    await waitFor(async () => (await errorsOf(page, hours)).includes(message), 'the refusal next to the hours field')
    await waitFor(() => page.getByTestId('edge-form-error').isVisible(), 'the form says it was refused')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dependency-records-refused-ja.png'), fullPage: true })
    expect((await getJson<Edge[]>(page, '/api/v1/dependencies/edges')).some((e) => e.to === provider.id)).toBe(false)

    await hours.fill('6')
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/dependencies/edges') && r.request().method() === 'POST')
    await edgeForm.getByTestId('edge-submit').click()
    expect((await created).status()).toBe(201)
    await waitFor(async () => (await page.getByTestId('edge-form').count()) === 0, 'dependency form closed')

    const edge = (await getJson<Edge[]>(page, '/api/v1/dependencies/edges')).find((e) => e.to === provider.id)!
    expect(edge).toMatchObject({ from: service.id, type: 'it_system', criticality: 'critical', failover: { kind: 'manual', hours: 6 }, alternatives: [] })
    const edgeRow = page.locator(`[data-testid="edge-row"][data-edge-id="${edge.id}"]`)
    await waitFor(() => edgeRow.isVisible(), 'the new dependency in the list')
    expect(await edgeRow.getByTestId('edge-row-to').innerText()).toContain(providerName)
    expect(await edgeRow.getByTestId('edge-row-from').innerText()).toContain(service.name.ja)
    expect(await edgeRow.getByTestId('edge-row-type').innerText()).toBe(ja.dependencies.edgeType.it_system)
    expect(await edgeRow.getByTestId('edge-row-failover').innerText()).toContain('6')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dependency-records-created-ja.png'), fullPage: true })

    // ---- 削除: 依存関係が残っているあいだ提供事業者は削除できず、理由が日本語で出る。依存関係を消すと削除できる
    await providerRow.getByTestId('provider-delete').click()
    await page.getByTestId('provider-delete-confirm').click()
    await waitFor(async () => (await page.getByTestId('provider-delete-error').isVisible())
      && (await page.getByTestId('provider-delete-error').innerText()).includes(ja.ciCodes.dependencies.provider_in_use!), 'provider in use')
    await page.keyboard.press('Escape')
    await waitFor(async () => (await page.getByTestId('provider-delete-confirm').count()) === 0, 'delete dialog closed')
    await edgeRow.getByTestId('edge-delete').click()
    await page.getByTestId('edge-delete-confirm').click()
    await waitFor(async () => (await edgeRow.count()) === 0, 'dependency removed from the list')
    await providerRow.getByTestId('provider-delete').click()
    await page.getByTestId('provider-delete-confirm').click()
    await waitFor(async () => (await providerRow.count()) === 0, 'provider removed from the registry')
    expect((await getJson<Provider[]>(page, '/api/v1/dependencies/providers')).some((p) => p.id === provider.id)).toBe(false)
  })
})
