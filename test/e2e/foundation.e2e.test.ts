import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEMO_ORGANISATIONS } from '../../src/org/seed/demo-data.ts'
import { SECTORS } from '../../src/org/seed/sectors.ts'
import { describeE2E, screenshot, signIn, startE2E, type E2E } from './harness.ts'
import { PROJECT_ROOT } from './server.ts'

/**
 * Acceptance: sign in as the 厚生労働省 demo user, in Japanese; switch to English; the operator list shows
 * only medical-sector operators. Sign in as a clinic user: another operator's page shows a 403 page, and
 * the API returned no data for it.
 */
const ja = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/ja.json'), 'utf8')) as { nav: Record<string, string>; forbidden: { title: string } }
const en = JSON.parse(readFileSync(join(PROJECT_ROOT, 'web/src/i18n/en.json'), 'utf8')) as { nav: Record<string, string> }

const medicalOperators = DEMO_ORGANISATIONS.filter((o) => o.kind === 'operator' && o.sectorIds.includes('medical'))
const financeOperators = DEMO_ORGANISATIONS.filter((o) => o.kind === 'operator' && o.sectorIds.includes('finance'))
const medicalSectorEn = SECTORS.find((s) => s.id === 'medical')!.nameEn
const aoba = DEMO_ORGANISATIONS.find((o) => o.key === 'aoba-hospital')!

describeE2E('foundation in the browser', () => {
  let e2e: E2E
  beforeAll(async () => { e2e = await startE2E() })
  afterAll(async () => { await e2e?.close() })

  test('厚生労働省 user: Japanese UI, switch to English (kept after reload), operator list is the medical sector only', async () => {
    expect(medicalOperators.length).toBeGreaterThan(1)
    expect(financeOperators.length).toBeGreaterThan(0)
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, 'mhlw@demo.kaname.jp')

    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja')
    expect(await page.getByTestId('nav-org').innerText()).toContain(ja.nav.org)
    expect(await page.getByTestId('nav-dashboard').innerText()).toContain(ja.nav.dashboard)
    await expect.poll(() => page.getByTestId('acting-organisation-name').innerText()).toContain('厚生労働省')
    await screenshot(page, 'mhlw-dashboard-ja')

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH')
    await page.getByTestId('lang-switch-en').click()
    expect((await saved).status()).toBe(200)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByTestId('nav-org').innerText()).toContain(en.nav.org)

    await page.reload()
    await expect.poll(() => page.getByTestId('nav-dashboard').isVisible()).toBe(true)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByTestId('nav-dashboard').innerText()).toContain(en.nav.dashboard)
    const me = await page.request.get('/api/v1/auth/me')
    expect((await me.json() as { user: { locale: string } }).user.locale).toBe('en')

    const list = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/org/organisations' && r.request().method() === 'GET')
    await page.goto('/org?kind=operator')
    expect((await list).status()).toBe(200)
    await expect.poll(() => page.getByTestId('org-table').isVisible(), { timeout: 15_000 }).toBe(true)
    const rows = page.getByTestId('org-row')
    await expect.poll(() => rows.count()).toBe(medicalOperators.length)
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-org-id')))
    expect(new Set(ids)).toEqual(new Set(medicalOperators.map((o) => o.key)))
    for (let i = 0; i < medicalOperators.length; i++) {
      const sectorCell = await rows.nth(i).locator('td').nth(2).innerText()
      expect(sectorCell.split(', ')).toContain(medicalSectorEn)
    }
    const text = await page.getByTestId('org-table').innerText()
    for (const bank of financeOperators) {
      expect(ids).not.toContain(bank.key)
      expect(text).not.toContain(bank.nameEn)
    }
    // The English names are shown, not the Japanese ones.
    expect(text).toContain(medicalOperators[0]!.nameEn)
    await screenshot(page, 'mhlw-operators-en')
  })

  test('clinic user: another operator\'s page is a 403 page and the API sent none of its data', async () => {
    const { page } = await e2e.newPage({ locale: 'ja-JP' })
    await signIn(page, 'clinic@demo.kaname.jp')
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/org/organisations/${aoba.key}` && r.request().method() === 'GET')
    await page.goto(`/org/${aoba.key}`)
    const response = await answer
    expect(response.status()).toBe(403)
    const body = await response.text()
    expect(body).not.toContain(aoba.name)
    expect(body).not.toContain(aoba.nameEn)
    await expect.poll(() => page.getByTestId('forbidden').isVisible(), { timeout: 15_000 }).toBe(true)
    expect(await page.getByTestId('forbidden').innerText()).toContain(ja.forbidden.title)
    expect(await page.locator('body').innerText()).not.toContain(aoba.name)
    await screenshot(page, 'clinic-forbidden-ja')
  })
})
