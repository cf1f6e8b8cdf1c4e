import { SingleBar, Presets } from 'cli-progress'

/**
 * Output rules of every command: with --json exactly one JSON document on stdout and nothing else there;
 * human text otherwise. Progress bars go to stderr, and only on a TTY.
 */
export function emit(json: boolean, value: unknown, human: () => string): void {
  if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  else process.stdout.write(`${human()}\n`)
}

export function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} }
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic)
  let started = false
  return {
    update(done, total) {
      if (!started) { bar.start(total, done); started = true } else { bar.setTotal(total); bar.update(done) }
    },
    stop() { if (started) bar.stop() },
  }
}

/** Errors end the command with a one-line reason on stderr (as JSON with --json) and exit code 1. */
export function fail(json: boolean, error: unknown): never {
  const e = error as { code?: string; message?: string; fieldErrors?: { path: string; message: string }[] }
  const message = e?.message ?? String(error)
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: e?.code ?? 'error', message, errors: e?.fieldErrors ?? [] } })}\n`)
  process.stderr.write(`kaname: ${message}\n`)
  process.exit(1)
}
