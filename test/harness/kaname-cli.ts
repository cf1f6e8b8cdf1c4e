import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const BIN = resolve(import.meta.dirname, '../../bin/kaname.js')

export interface Run { code: number | null; stdout: string; stderr: string }

/**
 * Runs the real `kaname` executable as a child process, as an operator would: the database comes from
 * `--db` only (the caller's environment must not point it elsewhere), demo passwords from `demoPassword`.
 */
export function kaname(args: string[], options: { demoPassword: string; input?: string }): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, KANAME_DEMO_PASSWORD: options.demoPassword }
  delete env.KANAME_DATABASE_URL
  delete env.KANAME_PASSWORD
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

/** With --json, stdout must be exactly one JSON document: JSON.parse of the whole text proves it. */
export function json<T = unknown>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T
  } catch {
    throw new Error(`stdout is not one JSON document:\n${run.stdout}\nstderr:\n${run.stderr}`)
  }
}
