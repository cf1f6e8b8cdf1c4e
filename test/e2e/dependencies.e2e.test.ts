import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeE2E, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * 受け入れ基準（issue 5、ブラウザ・日本語）:
 * デモデータには小売物流の事例とクラウド事業者への集中があり、NCO の単一障害点の表で両方が上位 3 位以内に
 * 理由とともに表示される。あわせて、停止シナリオを実行すると影響人数の推移（タイムライン）が表示される。
 *
 * 期待値は画面と同じセッションで API から取り、文言は i18n リソースから導く（画面の数値や文言を固定値で持たない）。
 * デモデータの名称は「物流」「クラウド」を含む（リード担当のデモデータの約束）。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  dependencies: { spof: { reason: Record<string, string>; articulation: string; betweenness: string } }
  dashboards: { view: { table: string } }
}

const NCO = 'nco@demo.kaname.jp'

interface SpofEntry {
  id: string
  name: string | { ja: string; en: string }
  kind: 'service' | 'provider'
  peopleAffected: number
  reason: { code: string; articulationPoint: boolean; betweenness: number; via: string[] }
}

// The root tsconfig has no DOM library: the one browser shape the page callbacks below use.
interface BrowserElement { getAttribute(name: string): string | null; querySelectorAll(selector: string): { length: number } }

const nameJa = (name: SpofEntry['name']) => (typeof name === 'string' ? name : name.ja)
/** The fixed part of a translated sentence before its first variable. */
const stem = (template: string) => template.split('{{')[0]!

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  await expect.poll(check, { timeout, message: what }).toBe(true)
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path)
  expect(response.status(), path).toBe(200)
  return (await response.json()) as T
}

describeE2E('dependencies in the browser (Japanese)', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('NCO: 単一障害点の上位 3 位に小売物流とクラウド事業者が理由つきで並び、シナリオを実行するとタイムラインが出る', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, NCO)

    // ---- 依存関係グラフ: Cytoscape が描画を終える
    await page.getByTestId('nav-dependencies').click()
    await waitFor(() => page.getByTestId('dependencies-page').isVisible(), 'dependencies page')
    await waitFor(async () => (await page.getByTestId('dependency-graph-canvas').getAttribute('data-ready')) === 'true', 'graph drawn')
    expect(Number(await page.getByTestId('dependency-graph-canvas').getAttribute('data-nodes'))).toBeGreaterThan(0)

    // ---- 単一障害点: 表の上位 3 行は API の順位と同じで、物流とクラウドの提供事業者を含み、理由がある
    const expected = await getJson<{ hours: number; entries: SpofEntry[] }>(page, '/api/v1/dependencies/spof?hours=72')
    expect(expected.entries.length).toBeGreaterThanOrEqual(3)
    await page.getByTestId('dependencies-tab-spof').click()
    await waitFor(() => page.getByTestId('spof-table').isVisible(), 'SPOF table')
    expect(await page.getByTestId('spof-table').getAttribute('data-hours')).toBe('72')
    const rows = page.getByTestId('spof-row')
    const top = [0, 1, 2].map((i) => rows.nth(i))
    const topNames = await Promise.all(top.map((r) => r.getByTestId('spof-name').innerText()))
    expect(topNames.map((n) => n.trim())).toEqual(expected.entries.slice(0, 3).map((e) => nameJa(e.name)))

    const logistics = topNames.findIndex((n) => n.includes('物流'))
    const cloud = topNames.findIndex((n) => n.includes('クラウド'))
    expect(logistics, `retailer logistics in the top 3: ${topNames.join(' / ')}`).toBeGreaterThanOrEqual(0)
    expect(cloud, `cloud provider in the top 3: ${topNames.join(' / ')}`).toBeGreaterThanOrEqual(0)
    for (const i of [logistics, cloud]) {
      const entry = expected.entries[i]!
      const row = top[i]!
      expect(await row.getAttribute('data-kind')).toBe('provider')
      expect(Number((await row.getByTestId('spof-people').innerText()).replace(/[^\d]/g, ''))).toBe(entry.peopleAffected)
      // The reason: the sentence of its code (with the services it reaches), the betweenness, and the articulation mark when it is one.
      const reason = row.getByTestId('spof-reason')
      expect(await reason.getAttribute('data-code')).toBe(entry.reason.code)
      const reasonText = await reason.innerText()
      expect(reasonText).toContain(stem(ja.dependencies.spof.reason[entry.reason.code]!))
      expect(reasonText).toContain(stem(ja.dependencies.spof.betweenness))
      expect(await row.getByTestId('spof-articulation').count()).toBe(entry.reason.articulationPoint ? 1 : 0)
      expect(entry.reason.via.length).toBeGreaterThan(0)
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dependencies-spof-ja.png'), fullPage: true })

    // ---- シナリオ: 表からクラウド事業者を開くと選択済みで、72 時間の停止を実行するとタイムラインと影響サービスが出る
    const cloudEntry = expected.entries[cloud]!
    await top[cloud]!.getByTestId('spof-name').click()
    await waitFor(() => page.getByTestId('scenario-page').isVisible(), 'scenario page')
    expect(new URL(page.url()).searchParams.get('nodes')).toBe(cloudEntry.id)
    await waitFor(async () => (await page.getByTestId('scenario-page').innerText()).includes(topNames[cloud]!.trim()), 'cloud provider preselected')
    const simulated = page.waitForResponse((r) => r.url().endsWith('/api/v1/dependencies/simulate') && r.request().method() === 'POST')
    await page.getByTestId('scenario-run').click()
    const response = await simulated
    expect(response.status()).toBe(200)
    const result = (await response.json()) as { peakPeopleAffected: number; servicesExceedingMtpd: string[] }
    await waitFor(() => page.getByTestId('timeline-chart').isVisible(), 'timeline chart')
    // The SVG chart has drawn its series (ECharts renders paths once the option is set).
    await waitFor(async () => (await page.getByTestId('timeline-chart').evaluate((el) => (el as unknown as BrowserElement).querySelectorAll('path').length)) > 2, 'timeline drawn')
    expect(Number((await page.getByTestId('result-peak').innerText()).replace(/[^\d]/g, ''))).toBe(result.peakPeopleAffected)
    expect(Number((await page.getByTestId('result-past-mtpd').innerText()).replace(/[^\d]/g, ''))).toBe(result.servicesExceedingMtpd.length)
    expect(await page.locator('[data-testid="affected-row"][data-past-mtpd="true"]').count()).toBe(result.servicesExceedingMtpd.length)
    // The services the SPOF table named as reached past their MTPD are among them.
    const pastIds = new Set(result.servicesExceedingMtpd)
    for (const id of cloudEntry.reason.via) expect(pastIds.has(id), `SPOF via ${id} exceeds its MTPD in the scenario`).toBe(true)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dependencies-scenario-ja.png'), fullPage: true })

    // The chart's table view carries the same curve: it starts at 0 h and reaches the peak.
    await page.getByTestId('timeline').getByText(ja.dashboards.view.table, { exact: true }).click()
    const cells = await page.getByTestId('timeline-table').locator('tbody tr td:nth-child(2)').allInnerTexts()
    expect(cells.length).toBeGreaterThan(1)
    expect(Math.max(...cells.map((c) => Number(c.replace(/[^\d]/g, ''))))).toBe(result.peakPeopleAffected)
  })
})
