import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeE2E, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness.ts'
import { DEMO_PASSWORD } from '../harness/demo.ts'
import { PROJECT_ROOT, signInHttp } from './server.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'

/**
 * 受け入れ（issue 6、ブラウザ・日本語）: 事業者（医療）の管理者が Excel (XLSX) の機器台帳を取り込み、自社の機器を
 * 一覧で確認する。誤りのある行を含むファイルは何も取り込まれず、行番号・列名・理由が日本語で表示される。
 * NCO が CVE レコードと KEV カタログを取り込むと通知が届き、KEV 掲載の脆弱性の影響を受ける機器が先頭に、根拠とともに並ぶ。
 * 「閉域網」だけを補償的管理策とする例外措置は理由とともに拒否され、ネットワーク分離を加えると申請できる。
 * 所管省庁は同じ事業者の機器を閲覧でき（登録・取込はできない）、分野別の機器数と KEV 該当機器数を見る。
 *
 * 文言は i18n リソースから、期待値は同じセッションの API から取る（画面の表示を固定値で持たない）。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  assets: {
    title: string; column: Record<string, string>; role: Record<string, string>
    exceptions: { claim: Record<string, string>; statusName: Record<string, string> }
    overview: { suppressed: Record<string, string> }
  }
  ciCodes: { asset: Record<string, string>; asset_exception: Record<string, string> }
}

// A medical operator's admin and its ministry: the medical sector has enough operators for the ministry's counts to be shown.
const OPERATOR_ADMIN = 'clinic@demo.kaname.jp'
const MINISTRY = 'mhlw@demo.kaname.jp'
const NCO_ADMIN = 'nco@demo.kaname.jp'
/** FortiOS 7.2.4 (FW01) is in both: CVE-2023-27997 is KEV-listed (≤ 7.2.4), CVE-2024-21754 is not (≤ 7.2.8). */
const KEV_CVE = { id: 'CVE-2023-27997', file: 'records/2023/27xxx/CVE-2023-27997.json' }
const OTHER_CVE = { id: 'CVE-2024-21754', file: 'records/2024/21xxx/CVE-2024-21754.json' }
const OTHER_CLINICS = ['clinic-tsubaki@demo.kaname.jp', 'clinic-icho@demo.kaname.jp', 'clinic-momiji@demo.kaname.jp', 'clinic-sumire@demo.kaname.jp']

interface Device { id: string; operatorId: string; assetId: string; vendor: string; product: string; version: string; role: string; internetReachable: string; closedNetwork: boolean; lastPatched: string | null }
interface DevicePage { total: number; items: Device[] }
interface Me { activeOrganisationId: string }
interface Exposure { assetId: string; cveId: string; kev: boolean; score: number }

/** The NCO imports reference data as its admin would (one file per request). */
async function ncoImport(baseUrl: string, kind: 'cve' | 'kev', path: string): Promise<void> {
  const session = await signInHttp(baseUrl, NCO_ADMIN, DEMO_PASSWORD)
  const res = await fetch(`${baseUrl}/api/v1/vulnerabilities/import?kind=${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: readFileSync(join(SHARED_DATA_DIR, path)),
  })
  expect(res.status, `${kind} import of ${path}: ${await res.clone().text()}`).toBe(200)
}
interface ControlKind { id: string; label: { ja: string; en: string }; claim: string | null }
interface Overview { sectors: { sectorId: string; suppressed: boolean; reason: string | null; counts: { devices: number } | null }[] }

/** Opens a Mantine select, optionally types to search, and picks the option whose text contains `text`. */
async function pick(page: Page, input: Locator, text: string, search?: string): Promise<void> {
  await input.click()
  if (search !== undefined) await input.fill(search)
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  await expect.poll(check, { timeout, message: what }).toBe(true)
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path)
  expect(response.status(), path).toBe(200)
  return (await response.json()) as T
}

/** A device table as an operator keeps it, with the Japanese headings people use (aliases included). */
async function inventoryXlsx(rows: (string | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('機器台帳')
  sheet.addRow(['資産ID', 'メーカー', '機種', 'ファームウェア', '役割', 'ゾーン', 'インターネット到達性', '閉域網', '最終パッチ適用日'])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const stamp = Date.now().toString(36).toUpperCase()
const DEVICES = [
  [`E2E-${stamp}-FW01`, 'Fortinet', 'FortiOS', '7.2.4', 'ファイアウォール', '境界', 'あり', 'いいえ', '2023-02-01'],
  [`E2E-${stamp}-RT01`, 'Cisco', 'IOS XE', '17.9.4a', 'ルーター', '基幹', 'なし', 'いいえ', '2023-11-15'],
  [`E2E-${stamp}-PLC1`, 'Siemens', 'SIMATIC S7-1500 CPU', 'V2.8', 'PLC', '制御', 'なし', 'はい', '2019-06-30'],
]

async function importFile(page: Page, name: string, buffer: Buffer): Promise<number> {
  const response = page.waitForResponse((r) => r.url().includes('/api/v1/assets/devices/import') && r.request().method() === 'POST')
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer })
  return (await response).status()
}

describeE2E('device inventory in the browser (Japanese)', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('事業者の管理者: XLSX の機器台帳を取り込むと一覧に出る。誤りのある行は行・列・理由が日本語で示され、何も取り込まれない。KEV 該当が先頭。「閉域網」だけの例外措置は拒否される。所管省庁は分野別の件数を見る', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, OPERATOR_ADMIN)
    const me = await getJson<Me>(page, '/api/v1/auth/me')
    const before = await getJson<DevicePage>(page, '/api/v1/assets/devices')

    await page.getByTestId('nav-assets').click()
    await waitFor(() => page.getByTestId('devices-page').isVisible(), 'devices page')
    expect(await page.getByTestId('devices-page').getByRole('heading', { level: 1 }).innerText()).toBe(ja.assets.title)

    // ---- 誤りのある行（4 行目の日付）を含むファイル: 何も取り込まれず、行・列・理由が出る
    const bad = DEVICES.map((r) => [...r])
    bad[2]![8] = '2019-13-45'
    expect(await importFile(page, 'inventory-bad.xlsx', await inventoryXlsx(bad))).toBe(422)
    const errors = page.getByTestId('devices-import-errors')
    await waitFor(() => errors.isVisible(), 'import errors')
    const errorRow = errors.getByTestId('import-error-row').first()
    expect(await errorRow.getAttribute('data-row')).toBe('4')
    const cells = await errorRow.locator('td').allInnerTexts()
    expect(cells[1]).toBe(ja.assets.column.last_patched)
    expect(cells[2]).toBe(ja.ciCodes.asset.date_format!.replace('{{value}}', '2019-13-45'))
    expect((await getJson<DevicePage>(page, '/api/v1/assets/devices')).total, 'nothing stored from the refused file').toBe(before.total)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'assets-import-errors.png'), fullPage: true })

    // ---- 正しいファイル: 取り込まれ、一覧に並ぶ
    expect(await importFile(page, 'inventory.xlsx', await inventoryXlsx(DEVICES))).toBe(200)
    await waitFor(() => page.getByTestId('devices-import-done').isVisible(), 'import done')
    const after = await getJson<DevicePage>(page, '/api/v1/assets/devices')
    expect(after.total).toBe(before.total + DEVICES.length)
    for (const [assetId, vendor, product, version, roleLabel] of DEVICES) {
      const row = page.locator(`[data-testid="device-row"][data-asset-id="${assetId}"]`)
      await waitFor(() => row.isVisible(), `row ${assetId}`)
      const text = await row.innerText()
      expect(text).toContain(`${vendor} ${product}`)
      expect(text).toContain(version)
      expect(text).toContain(roleLabel)
      const stored = after.items.find((d) => d.assetId === assetId)!
      expect(stored.operatorId).toBe(me.activeOrganisationId)
    }

    // ---- 新しい CVE と KEV の取込（NCO）: KEV 掲載の脆弱性を持つ機器が先頭に、根拠とともに出る
    await ncoImport(e2e.baseUrl, 'kev', 'cisa-kev/known_exploited_vulnerabilities.json')
    await ncoImport(e2e.baseUrl, 'cve', `cve-records-network-ics/${OTHER_CVE.file}`)
    await ncoImport(e2e.baseUrl, 'cve', `cve-records-network-ics/${KEV_CVE.file}`)
    const exposures = (await getJson<{ items: Exposure[] }>(page, '/api/v1/vulnerabilities/exposure')).items
    const fw = DEVICES[0]![0]!
    // KEV entries without an imported record also name FortiOS; they count as KEV exposures too.
    const fwCves = exposures.filter((e) => e.assetId === fw).map((e) => e.cveId)
    expect(fwCves).toContain(KEV_CVE.id)
    expect(fwCves).toContain(OTHER_CVE.id)
    expect(exposures[0]!.kev, 'KEV first').toBe(true)
    const firstNonKev = exposures.findIndex((e) => !e.kev)
    expect(exposures.findIndex((e) => e.cveId === KEV_CVE.id && e.assetId === fw)).toBeLessThan(exposures.findIndex((e) => e.cveId === OTHER_CVE.id && e.assetId === fw))
    expect(exposures.slice(firstNonKev).some((e) => e.kev), 'no KEV exposure after a non-KEV one').toBe(false)
    await page.goto('/vulnerabilities/exposure')
    await waitFor(() => page.getByTestId('exposure-page').isVisible(), 'exposure page')
    const exposureRows = page.getByTestId('exposure-row')
    await waitFor(async () => (await exposureRows.count()) === exposures.length, 'exposure rows')
    expect(await exposureRows.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-asset-id')} ${r.getAttribute('data-cve')}`)))
      .toEqual(exposures.map((e) => `${e.assetId} ${e.cveId}`))
    // 取り込まれた CVE は通知として届く（S13）
    const unread = await getJson<{ total: number; items: { cveId: string }[] }>(page, '/api/v1/vulnerabilities/advisories?unread=true&limit=500')
    expect(unread.items.map((a) => a.cveId)).toContain(KEV_CVE.id)
    await waitFor(() => page.getByTestId('advisories').isVisible(), 'advisories of the new CVEs')
    expect(await page.getByTestId('advisory').count()).toBe(Math.min(20, unread.total))
    const kevRow = page.locator(`[data-testid="exposure-row"][data-cve="${KEV_CVE.id}"][data-asset-id="${fw}"]`)
    expect(await kevRow.getAttribute('data-kev')).toBe('true')
    expect(await kevRow.getByTestId('exposure-why').innerText()).toContain('7.2.4')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'assets-exposure.png'), fullPage: true })
    // 公表から 1 年以上たつ悪用可能な脆弱性が残る機器（API と同じ機器）
    const unpatched = (await getJson<{ items: { assetId: string; cveId: string }[] }>(page, '/api/v1/vulnerabilities/exposure/unpatched?years=1')).items
    expect(unpatched.map((u) => u.assetId)).toContain(fw)
    await page.getByTestId('vulns-tab-backlog').click()
    await waitFor(async () => (await page.getByTestId('unpatched-table').locator('tbody tr').count()) === unpatched.length, 'unpatched devices')
    expect(await page.getByTestId('unpatched-table').innerText()).toContain(fw)
    await page.goto('/assets')
    await waitFor(() => page.getByTestId('devices-page').isVisible(), 'devices page again')

    // ---- 絞り込み: 役割 PLC は閉域網の PLC だけ
    await page.getByTestId('devices-filter-role').click()
    await page.getByRole('option', { name: ja.assets.role.plc, exact: true }).click()
    await waitFor(async () => (await page.getByTestId('device-row').count()) === after.items.filter((d) => d.role === 'plc').length, 'PLC filter')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'assets-devices.png'), fullPage: true })

    // ---- 例外措置: 「閉域網」だけでは拒否され、理由が日本語で対策欄に出る。ネットワーク分離を加えると申請できる
    const catalogue = await getJson<ControlKind[]>(page, '/api/v1/assets/exceptions/controls')
    const closedNetwork = catalogue.find((c) => c.claim === 'closed_network')!
    const segmentation = catalogue.find((c) => c.id === 'network_segmentation')!
    const plc = DEVICES[2]![0]!
    await page.getByTestId('assets-tab-exceptions').click()
    await waitFor(() => page.getByTestId('exceptions-page').isVisible(), 'exceptions page')
    await page.getByTestId('exception-new').click()
    const form = page.getByTestId('exception-form')
    await waitFor(() => form.isVisible(), 'exception form')
    await pick(page, form.getByTestId('exception-device'), plc, plc)
    await pick(page, form.getByTestId('exception-control-kind').first(), closedNetwork.label.ja)
    await form.getByTestId('exception-control-description').first().fill('制御系ネットワークはインターネットに接続していない閉域網である。')
    await form.getByTestId('exception-reason').fill('製造ラインを停止できず、次回の定期修繕までファームウェアを更新できないため。')
    const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)
    await form.getByTestId('exception-expires').fill(expires)
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/assets/exceptions') && r.request().method() === 'POST')
    await form.getByTestId('exception-save').click()
    expect((await refused).status()).toBe(422)
    const controlsError = form.getByTestId('exception-controls-error')
    await waitFor(() => controlsError.isVisible(), 'S6 refusal at the controls')
    expect(await controlsError.innerText()).toBe(ja.ciCodes.asset_exception.obscurity_only!.replace('{{claims}}', ja.assets.exceptions.claim.closed_network!))
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'assets-exception-refused.png'), fullPage: true })

    await form.getByTestId('exception-control-add').click()
    await pick(page, form.getByTestId('exception-control-kind').nth(1), segmentation.label.ja)
    await form.getByTestId('exception-control-description').nth(1).fill('制御系ゾーンは境界ファイアウォールで分離し、ヒストリアンサーバーから PLC への TCP/102 のみ許可している。')
    const accepted = page.waitForResponse((r) => r.url().endsWith('/api/v1/assets/exceptions') && r.request().method() === 'POST')
    await form.getByTestId('exception-save').click()
    expect((await accepted).status()).toBe(201)
    const exceptionRow = page.locator(`[data-testid="exception-row"][data-asset-id="${plc}"]`)
    await waitFor(() => exceptionRow.isVisible(), 'exception listed')
    expect(await exceptionRow.getByTestId('exception-status').innerText()).toBe(ja.assets.exceptions.statusName.requested)
    expect(await exceptionRow.innerText()).toContain(segmentation.label.ja)

    // ---- 所管省庁: 同じ事業者の機器を閲覧でき、登録・取込の操作はない
    const ministry = (await e2e.newPage({ locale: 'ja-JP' })).page
    await signIn(ministry, MINISTRY)
    const seen = await getJson<DevicePage>(ministry, `/api/v1/assets/devices?operator=${encodeURIComponent(me.activeOrganisationId)}`)
    expect(seen.total).toBe(after.total)
    await ministry.getByTestId('nav-assets').click()
    await waitFor(() => ministry.getByTestId('devices-page').isVisible(), 'ministry devices page')
    await waitFor(() => ministry.locator(`[data-testid="device-row"][data-asset-id="${DEVICES[0]![0]}"]`).isVisible(), 'ministry sees the device')
    expect(await ministry.getByTestId('device-new').count()).toBe(0)
    expect(await ministry.getByTestId('devices-import').count()).toBe(0)

    // ---- 所管省庁: 分野別の状況。機器のある事業者が 5 者未満の分野は伏せられるため、他の 4 診療所も機器を 1 台ずつ登録する
    for (const email of OTHER_CLINICS) {
      const session = await signInHttp(e2e.baseUrl, email, DEMO_PASSWORD)
      const res = await fetch(`${e2e.baseUrl}/api/v1/assets/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: JSON.stringify({ assetId: `E2E-${stamp}-FW`, vendor: 'Fortinet', product: 'FortiOS', version: '7.0.12', role: 'firewall' }),
      })
      expect(res.status, `${email} records a device`).toBe(201)
    }
    const org = await getJson<{ sectors: string[] }>(ministry, `/api/v1/org/organisations/${encodeURIComponent(me.activeOrganisationId)}`)
    const overview = await getJson<Overview>(ministry, '/api/v1/assets/overview')
    const sector = overview.sectors.find((s) => org.sectors.includes(s.sectorId))!
    expect(sector, 'the operator\'s sector is in the ministry\'s overview').toBeDefined()
    await ministry.getByTestId('assets-tab-overview').click()
    const sectorRow = ministry.locator(`[data-testid="assets-overview-row"][data-sector="${sector.sectorId}"]`)
    await waitFor(() => sectorRow.isVisible(), 'sector row')
    expect(sector.counts, 'the medical sector is not suppressed for its ministry').not.toBeNull()
    expect(sector.counts!.devices).toBeGreaterThanOrEqual(after.total + OTHER_CLINICS.length)
    expect(await sectorRow.locator('[data-measure="devices"]').innerText()).toBe(sector.counts!.devices.toLocaleString('ja-JP'))
    // Other ministries' sectors are not in its overview.
    expect(await ministry.getByTestId('assets-overview-row').count()).toBe(overview.sectors.length)
    await ministry.screenshot({ path: join(SCREENSHOT_DIR, 'assets-overview-ministry.png'), fullPage: true })

    // ---- 所管省庁: 分野別の KEV 該当機器数（API と同じ値。少なくとも取り込んだ FortiOS 7.2.4）
    const sectorExposure = (await getJson<{ items: { sectorId: string; suppressed: boolean; kevExposedDevices: number | null }[] }>(ministry, '/api/v1/vulnerabilities/exposure/sectors'))
      .items.find((s) => s.sectorId === sector.sectorId)!
    expect(sectorExposure.suppressed).toBe(false)
    expect(sectorExposure.kevExposedDevices).toBeGreaterThanOrEqual(1)
    await ministry.getByTestId('nav-vulnerabilities').click()
    await ministry.getByTestId('vulns-tab-sectors').click()
    const kevCell = ministry.locator(`[data-testid="exposure-sector-row"][data-sector="${sector.sectorId}"] [data-measure="kevExposedDevices"]`)
    await waitFor(() => kevCell.isVisible(), 'sector KEV count')
    expect(await kevCell.innerText()).toBe(sectorExposure.kevExposedDevices!.toLocaleString('ja-JP'))
  })
})
