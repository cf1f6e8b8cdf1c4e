import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/**
 * The real `kaname serve` as a child process, for tests that need what app.inject() cannot give:
 * a browser talking to a listening server, or a process that can be killed with SIGKILL.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const KANAME_BIN = join(PROJECT_ROOT, 'bin', 'kaname.js')

/** A port the kernel just handed out and released; good enough for loopback tests. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface ServerOptions {
  /** SQLite file or postgres:// URL. */
  db: string
  demoPassword: string
  demo?: boolean
  port?: number
  readyTimeoutMs?: number
}

export interface RunningServer {
  baseUrl: string
  port: number
  child: ChildProcess
  /** Everything the process wrote, for failure messages. */
  output(): string
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** SIGTERM (graceful close), SIGKILL if it has not gone within `graceMs`. */
  stop(graceMs?: number): Promise<void>
  kill(signal: NodeJS.Signals): Promise<void>
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort())
  const args = [KANAME_BIN, 'serve', '--db', options.db, '--port', String(port), '--host', '127.0.0.1']
  if (options.demo ?? true) args.push('--demo')
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, KANAME_DEMO_PASSWORD: options.demoPassword, KANAME_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const keep = (chunk: Buffer) => { log = (log + chunk.toString('utf8')).slice(-20_000) }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  let gone = false
  void exited.then(() => { gone = true })

  const baseUrl = `http://127.0.0.1:${port}`
  const kill = async (signal: NodeJS.Signals) => {
    if (!gone) child.kill(signal)
    await exited
  }
  const stop = async (graceMs = 10_000) => {
    if (gone) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => { if (!gone) child.kill('SIGKILL') }, graceMs)
    await exited
    clearTimeout(timer)
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000)
  for (;;) {
    if (gone) throw new Error(`kaname serve exited before it was ready:\n${log}`)
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })
      if (res.status === 200) break
    } catch {
      // not listening yet (demo seeding hashes passwords first)
    }
    if (Date.now() > deadline) {
      await kill('SIGKILL')
      throw new Error(`kaname serve was not ready within ${options.readyTimeoutMs ?? 90_000} ms:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  return { baseUrl, port, child, output: () => log, exited, stop, kill }
}

export interface HttpSession { cookie: string; csrf: string }

/** Signs in over HTTP like a browser would and returns the cookies it would hold. */
export async function signInHttp(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`)
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';')
    const eq = pair!.indexOf('=')
    return [pair!.slice(0, eq), pair!.slice(eq + 1)]
  }))
  if (!cookies.kaname_session || !cookies.kaname_csrf) throw new Error(`sign-in as ${email} set no session cookies`)
  return { cookie: `kaname_session=${cookies.kaname_session}; kaname_csrf=${cookies.kaname_csrf}`, csrf: cookies.kaname_csrf }
}
