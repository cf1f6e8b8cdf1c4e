import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeE2E, SCREENSHOT_DIR, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * 受け入れ（issue 6、ブラウザ・日本語）: 事業者の CISO が Excel (XLSX) の機器台帳を取り込み、自社の機器を
 * 一覧で確認する。誤りのある行を含むファイルは何も取り込まれず、行番号・列名・理由が日本語で表示される。
 * 所管省庁は同じ事業者の機器を閲覧できる（登録・取込はできない）。
 *
 * 文言は i18n リソースから、期待値は同じセッションの API から取る（画面の表示を固定値で持たない）。
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as {
  assets: { title: string; column: Record<string, string>; role: Record<string, string> }
  ciCodes: { asset: Record<string, string> }
}

const OPERATOR_CISO = 'power-ciso@demo.kaname.jp'
const MINISTRY = 'meti@demo.kaname.jp'

interface Device { id: string; operatorId: string; assetId: string; vendor: string; product: string; version: string; role: string; internetReachable: string; closedNetwork: boolean; lastPatched: string | null }
interface DevicePage { total: number; items: Device[] }
interface Me { activeOrganisationId: string }

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

  test('事業者の CISO: XLSX の機器台帳を取り込むと一覧に出る。誤りのある行は行・列・理由が日本語で示され、何も取り込まれない。所管省庁も閲覧できる', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, OPERATOR_CISO)
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

    // ---- 絞り込み: 役割 PLC は閉域網の PLC だけ
    await page.getByTestId('devices-filter-role').click()
    await page.getByRole('option', { name: ja.assets.role.plc, exact: true }).click()
    await waitFor(async () => (await page.getByTestId('device-row').count()) === after.items.filter((d) => d.role === 'plc').length, 'PLC filter')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'assets-devices.png'), fullPage: true })

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
  })
})
