import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'

/** `npm run bench -- NAME [args…]` runs bench/NAME.ts; without NAME it lists what exists. */
const benchDir = fileURLToPath(new URL('.', import.meta.url))
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .sort()

const name = process.argv[2]
if (!name || !available.includes(name)) {
  if (name) process.stderr.write(`unknown benchmark "${name}"\n`)
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}\n`)
  process.exit(name ? 1 : 0)
}
process.argv.splice(2, 1)
await import(pathToFileURL(join(benchDir, `${name}.ts`)).href)
