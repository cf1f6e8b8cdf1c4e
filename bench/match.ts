import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { normaliseKevEntry, normaliseRecord, type KevEntry, type NormalisedRecord } from '../src/vulnerabilities/domain/affected.ts'
import { buildIndex, matchRecord, type DeviceIndex, type DeviceInput } from '../src/vulnerabilities/domain/match.ts'
import { versionSpace } from '../src/vulnerabilities/domain/version-space.ts'
import { INVENTORY_HEADER, inventoryCsvLine, readInventoryCsv, syntheticInventory } from './lib/match-inventory.ts'

/**
 * Vulnerability matching benchmark (issue 6): 1,000,000 seeded synthetic devices drawn from the real
 * vendor/product/version space of the shared CVE records (see `lib/match-inventory.ts`), matched against all
 * 441 records and the KEV catalogue.
 *
 * Every round works from files, as an import would:
 * - baseline = reading and parsing the same inputs: each record file read and `JSON.parse`d, the KEV catalogue
 *   read and parsed, and the inventory CSV (written once before the rounds, not timed) read and parsed into one
 *   object per device by a lean RFC 4180 reader. Nothing else: no validation, no normalisation.
 * - matching = everything from those parsed inputs to every (device, CVE) answer: normalise the records' affected
 *   entries into rules and the KEV entries without a record into product rules (KEV-listed records are flagged),
 *   index the devices (product keys, each distinct version read once per product, devices ordered by version),
 *   fan every record and KEV entry out to the index, then walk every reported (device, CVE) pair once, counting
 *   affected, KEV-affected and unknown pairs per device — so the cost of the answer's size is in, not only the
 *   cost of finding slices.
 * - one new CVE = a record imported after the fact, fanned out to the 1M devices: normalise it, match it against
 *   the index built in the round, walk its devices. The record with the widest fan-out is used (worst case).
 *   Also printed with the index build included (what a cold process pays).
 * Each part runs `--warmup` untimed and `--rounds` timed rounds; medians are compared. Targets: matching ≤ 2 ×
 * baseline; one new CVE ≤ 1 s. A full garbage collection (untimed) starts each round, so that the peak memory —
 * the process's maximum resident set size — is one round's: the inventory and records as parsed, the index and
 * the answer, not the garbage of earlier rounds.
 */
const repo = fileURLToPath(new URL('..', import.meta.url))
const { values: opts } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261206' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    records: { type: 'string', default: join(repo, '../shared/data/cve-records-network-ics/records') },
    kev: { type: 'string', default: join(repo, '../shared/data/cisa-kev/known_exploited_vulnerabilities.json') },
  },
})
const DEVICES = Number(opts.devices)
const ROUNDS = Number(opts.rounds)
const WARMUP = Number(opts.warmup)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
function time<T>(f: () => T): [number, T] {
  const t0 = performance.now()
  const result = f()
  return [performance.now() - t0, result]
}
const fmt = (ms: number) => `${ms.toFixed(0)} ms`
const n = (x: number) => x.toLocaleString('en-US')

const recordFiles = (function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.json') ? [join(dir, name)] : []))
})(opts.records)

// Setup, not timed: the version space and the inventory file.
const [setupMs, setup] = time(() => {
  const records = recordFiles.map((f) => normaliseRecord(JSON.parse(readFileSync(f, 'utf8'))))
  const space = versionSpace(records)
  const dir = mkdtempSync(join(tmpdir(), 'kaname-match-bench-'))
  const csv = join(dir, 'inventory.csv')
  const fd = openSync(csv, 'w')
  let chunk = INVENTORY_HEADER
  let bytes = 0
  const flush = () => {
    bytes += writeSync(fd, chunk)
    chunk = ''
  }
  const stats = syntheticInventory(space, DEVICES, Number(opts.seed), (device) => {
    chunk += inventoryCsvLine(device)
    if (chunk.length > 1 << 20) flush()
  })
  flush()
  closeSync(fd)
  return { dir, csv, bytes, stats, spaceSize: space.length }
})

interface Inputs {
  records: unknown[]
  kev: { vulnerabilities: KevEntry[] }
  devices: DeviceInput[]
}
function readInputs(): Inputs {
  const records = recordFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown)
  const kev = JSON.parse(readFileSync(opts.kev, 'utf8')) as { vulnerabilities: KevEntry[] }
  const devices = readInventoryCsv(readFileSync(setup.csv, 'utf8'))
  return { records, kev, devices }
}

interface Answer {
  index: DeviceIndex
  normalised: NormalisedRecord[]
  kevOnly: number
  affectedPairs: number
  kevPairs: number
  unknownPairs: number
  devicesAffected: number
  devicesKev: number
  widest: { cveId: string; devices: number }
  parts: { normalise: number; index: number; fanOut: number; walk: number }
}
function match(inputs: Inputs): Answer {
  const t0 = performance.now()
  const normalised = inputs.records.map(normaliseRecord)
  const ids = new Set(normalised.map((r) => r.cveId))
  const kevIds = new Set(inputs.kev.vulnerabilities.map((v) => v.cveID))
  const kevOnly = inputs.kev.vulnerabilities.filter((v) => !ids.has(v.cveID)).map(normaliseKevEntry)
  const t1 = performance.now()
  const index = buildIndex(inputs.devices)
  const t2 = performance.now()
  const fanned = [...normalised, ...kevOnly].map((r) => matchRecord(index, r))
  const t3 = performance.now()
  const affected = new Int32Array(index.size)
  const kev = new Int32Array(index.size)
  const unknown = new Int32Array(index.size)
  let widest = { cveId: '', devices: -1 }
  for (const result of fanned) {
    const listed = kevIds.has(result.cveId)
    for (const g of result.groups) {
      const counts = g.explanation.status === 'affected' ? affected : unknown
      for (const d of g.devices) {
        counts[d]!++
        if (listed && counts === affected) kev[d]!++
      }
    }
    if (result.affected + result.unknown > widest.devices && ids.has(result.cveId)) widest = { cveId: result.cveId, devices: result.affected + result.unknown }
  }
  const t4 = performance.now()
  const sum = (xs: Int32Array) => xs.reduce((a, b) => a + b, 0)
  const count = (xs: Int32Array) => xs.reduce((a, b) => a + (b > 0 ? 1 : 0), 0)
  return {
    index,
    normalised,
    kevOnly: kevOnly.length,
    affectedPairs: sum(affected),
    kevPairs: sum(kev),
    unknownPairs: sum(unknown),
    devicesAffected: count(affected),
    devicesKev: count(kev),
    widest,
    parts: { normalise: t1 - t0, index: t2 - t1, fanOut: t3 - t2, walk: t4 - t3 },
  }
}

function newCve(json: unknown, index: DeviceIndex): number {
  const result = matchRecord(index, normaliseRecord(json))
  let walked = 0
  for (const g of result.groups) for (const d of g.devices) walked += d >= 0 ? 1 : 0
  return walked
}

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor'; execution: 'sync' }) => void

const baseline: number[] = []
const matching: number[] = []
const oneWarm: number[] = []
const oneCold: number[] = []
const parts: Answer['parts'][] = []
let answer: Answer | undefined
let inputs: Inputs | undefined
let widestJson: unknown
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  answer = undefined
  inputs = undefined
  gc({ type: 'major', execution: 'sync' })
  const [b, read] = time(readInputs)
  inputs = read
  const [m, a] = time(() => match(read))
  answer = a
  widestJson ??= read.records[a.normalised.findIndex((r) => r.cveId === a.widest.cveId)]
  const [w, walkedWarm] = time(() => newCve(widestJson, a.index))
  const [c, walkedCold] = time(() => newCve(widestJson, buildIndex(read.devices)))
  if (walkedWarm !== a.widest.devices || walkedCold !== a.widest.devices) throw new Error('the new-CVE fan-out disagrees with the full run')
  if (round < WARMUP) continue
  baseline.push(b)
  matching.push(m)
  oneWarm.push(w)
  oneCold.push(c)
  parts.push(a.parts)
}

const a = answer!
const peakMb = process.resourceUsage().maxRSS / 1024
const part = (k: keyof Answer['parts']) => fmt(median(parts.map((p) => p[k])))
const distinct = [...a.index.groups.values()].reduce((s, g) => s + g.versionKeys.length + g.rawTexts.length, 0)
const load = loadavg().map((x) => x.toFixed(2)).join(', ')
rmSync(setup.dir, { recursive: true, force: true })
process.stdout.write([
  `inventory: ${n(DEVICES)} devices, seed ${opts.seed}, over ${setup.stats.products} products of ${setup.spaceSize} the records name (${n(setup.stats.namedVersions)} version texts they name, and their neighbours); ${n(setup.stats.withCpe)} with a CPE, ${n(setup.stats.unreadable)} with unreadable versions; CSV ${(setup.bytes / 1e6).toFixed(1)} MB; setup ${fmt(setupMs)}`,
  `inputs: ${recordFiles.length} CVE records, KEV catalogue of ${n(inputs!.kev.vulnerabilities.length)} entries (${a.kevOnly} without a record here, matched as product-level unknowns)`,
  `rounds: ${WARMUP} warm-up + ${ROUNDS} timed, medians; load average at the end: ${load}`,
  `baseline, read + parse (records JSON, KEV JSON, inventory CSV): ${fmt(median(baseline))}`,
  `matching: ${fmt(median(matching))}  (normalise records + KEV ${part('normalise')}, index ${part('index')} [${a.index.groups.size} products, ${n(distinct)} distinct versions], fan-out ${part('fanOut')}, walk every pair ${part('walk')})`,
  `  answer: ${n(a.affectedPairs)} affected (device, CVE) pairs on ${n(a.devicesAffected)} devices; ${n(a.kevPairs)} KEV-listed on ${n(a.devicesKev)} devices; ${n(a.unknownPairs)} unknown pairs`,
  `ratio matching / read + parse: ${(median(matching) / median(baseline)).toFixed(2)} (target ≤ 2)`,
  `one new CVE (${a.widest.cveId}, widest fan-out: ${n(a.widest.devices)} devices) on the built index: ${(median(oneWarm)).toFixed(1)} ms (target ≤ 1000 ms); with the index built from the parsed devices first: ${fmt(median(oneCold))}`,
  `peak memory (max RSS): ${peakMb.toFixed(0)} MB`,
  '',
].join('\n'))
