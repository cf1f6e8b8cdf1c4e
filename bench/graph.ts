import { parseArgs } from 'node:util'
import { simulateCascade, validateGraph } from '../src/dependencies/domain/cascade.ts'
import { analyseSinglePointsOfFailure } from '../src/dependencies/domain/spof.ts'
import { adjacency, plainBfs, syntheticGraph } from './lib/synthetic-graph.ts'

/**
 * Dependency-graph benchmark (issue 5): SPOF analysis and one cascade run on a seeded synthetic national graph
 * (default 100,000 nodes, 1,000,000 edges), against one plain breadth-first search over the same graph in the
 * same run.
 *
 * The graph is shaped like the real thing rather than uniformly random, because the analyses' cost depends on
 * the shape: 8 % providers (power per prefecture, telecom carriers, data centres, cloud regions, logistics,
 * payment networks, software vendors) chosen with a heavy tail (a few clouds and carriers carry most services),
 * 92 % services in 15 sectors, mostly depending on providers in their own prefecture and on a few other
 * services; a mix of critical and degraded edges, none / manual (hours) / automatic failover and alternatives.
 *
 * - BFS = what any whole-graph algorithm must do at least once: index the node ids, build the adjacency from
 *   the edge list (targets and alternatives) and visit every node and edge. Reported also without the build.
 * - SPOF = `analyseSinglePointsOfFailure(graph, {hours})` as the API calls it (validation, indexing, one
 *   earliest-stop search per node that can stop anything, articulation points, dependency-walk betweenness).
 * - cascade = `simulateCascade` with the prefecture holding the most nodes down for `hours`.
 * Each runs `--warmup` untimed and `--rounds` timed rounds; medians are compared. Peak memory is the process's
 * maximum resident set size (everything, the graph included). Targets: SPOF ≤ 5 × BFS, peak ≤ 1 GB.
 */
const { values: opts } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    edges: { type: 'string', default: '1000000' },
    hours: { type: 'string', default: '72' },
    seed: { type: 'string', default: '20261127' },
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
  },
})
const NODES = Number(opts.nodes)
const EDGES = Number(opts.edges)
const HOURS = Number(opts.hours)
const ROUNDS = Number(opts.rounds)
const WARMUP = Number(opts.warmup)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
function time<T>(f: () => T): [number, T] {
  const t0 = performance.now()
  const result = f()
  return [performance.now() - t0, result]
}

const [generateMs, graph] = time(() => syntheticGraph(NODES, EDGES, Number(opts.seed)))
validateGraph(graph)
const prefectureCounts = new Map<string, number>()
for (const node of graph.nodes) for (const p of node.prefectures) prefectureCounts.set(p, (prefectureCounts.get(p) ?? 0) + 1)
const busiest = [...prefectureCounts].sort((a, b) => b[1] - a[1])[0]![0]
const prebuilt = adjacency(graph)

const bfs: number[] = []
const bfsOnly: number[] = []
const spof: number[] = []
const cascade: number[] = []
let entries: ReturnType<typeof analyseSinglePointsOfFailure> = []
let cascadeResult: ReturnType<typeof simulateCascade> | undefined
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const timed = round >= WARMUP
  // Drop the previous round's results first, so the peak is one analysis's, not two.
  entries = []
  cascadeResult = undefined
  const [b] = time(() => plainBfs(graph))
  const [bo] = time(() => plainBfs(graph, prebuilt))
  const [s, e] = time(() => analyseSinglePointsOfFailure(graph, { hours: HOURS }))
  entries = e
  const [c, r] = time(() => simulateCascade(graph, { prefectures: [busiest], hours: HOURS }))
  cascadeResult = r
  if (!timed) continue
  bfs.push(b)
  bfsOnly.push(bo)
  spof.push(s)
  cascade.push(c)
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`
const peakMb = process.resourceUsage().maxRSS / 1024
const stopping = graph.edges.filter((e) => e.criticality === 'critical' && e.failover.kind !== 'automatic').length
process.stdout.write([
  `graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges (${stopping} critical without automatic failover), seed ${opts.seed}, generated in ${fmt(generateMs)}`,
  `rounds: ${WARMUP} warm-up + ${ROUNDS} timed, medians`,
  `plain BFS (index + adjacency + visit): ${fmt(median(bfs))}   (visit only on a prebuilt adjacency: ${fmt(median(bfsOnly))})`,
  `SPOF analysis (${HOURS} h): ${fmt(median(spof))}, ${entries.length} single points of failure; top: ${entries.slice(0, 3).map((e) => `${e.name} (${e.peopleAffected} people, ${e.sectorsTouched.length} sectors)`).join(', ')}`,
  `cascade (prefecture ${busiest} down ${HOURS} h): ${fmt(median(cascade))}, ${cascadeResult!.servicesExceedingMtpd.length} services past MTPD, ${cascadeResult!.timeline.length} events`,
  `ratio SPOF / BFS: ${(median(spof) / median(bfs)).toFixed(2)} (target ≤ 5)   vs visit-only BFS: ${(median(spof) / median(bfsOnly)).toFixed(1)}`,
  `ratio cascade / BFS: ${(median(cascade) / median(bfs)).toFixed(2)}`,
  `peak memory (max RSS): ${peakMb.toFixed(0)} MB (target ≤ 1024)`,
  '',
].join('\n'))
