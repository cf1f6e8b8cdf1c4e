import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { describe, expect } from 'vitest'
import { DEMO_PASSWORD } from '../harness/demo.ts'
import { PROJECT_ROOT, startServer, type RunningServer } from './server.ts'

/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core; no downloaded browser.
 * Without it they are skipped with a visible notice, unless KANAME_REQUIRE_BROWSER=1 (CI), where a missing
 * browser fails the run.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium'
export const browserAvailable = existsSync(CHROMIUM_PATH)
if (!browserAvailable) {
  if (process.env.KANAME_REQUIRE_BROWSER === '1') throw new Error(`KANAME_REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} does not exist (apt-get install chromium)`)
  console.warn(`\n  NOTICE: ${CHROMIUM_PATH} not found; browser (e2e) tests are SKIPPED.\n`)
}

/** `describe` when a browser exists, `describe.skip` otherwise. */
export const describeE2E: typeof describe = browserAvailable ? describe : (describe.skip as typeof describe)

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results')
export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist')

/** The server serves web/dist; build it once if a checkout has none (CI builds it before the e2e run). */
export function ensureWebBuild(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(PROJECT_ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT, stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('building the web app for the e2e tests failed')
}

export interface E2E {
  server: RunningServer
  browser: Browser
  baseUrl: string
  /** A fresh browser context (own cookies and storage), closed by `close`. */
  newPage(options?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

/** Web build, a demo-seeded server on a temporary SQLite file, and a headless Chromium. */
export async function startE2E(): Promise<E2E> {
  ensureWebBuild()
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), 'kaname-e2e-'))
  const server = await startServer({ db: join(dir, 'k.sqlite'), demoPassword: DEMO_PASSWORD })
  let browser: Browser
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Without the background-networking flags Chromium keeps dialling Google on a closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
  } catch (error) {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const contexts: BrowserContext[] = []
  return {
    server,
    browser,
    baseUrl: server.baseUrl,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: server.baseUrl, locale: options.locale ?? 'ja-JP', viewport: { width: 1280, height: 860 } })
      contexts.push(context)
      return { context, page: await context.newPage() }
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {})
      await browser.close().catch(() => {})
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Signs in through the login form, as a person would, and waits for the app shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByTestId('login-email').locator('input').or(page.locator('input[data-testid="login-email"]')).first().fill(email)
  await page.getByTestId('login-password').locator('input').or(page.locator('input[data-testid="login-password"]')).first().fill(password)
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST')
  await page.getByTestId('login-submit').click()
  expect((await login).status(), `sign-in as ${email}`).toBe(200)
  await expect.poll(() => page.getByTestId('nav-dashboard').isVisible(), { timeout: 15_000 }).toBe(true)
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}
