import type { Command } from 'commander'
import { invalid } from '../../platform/errors.ts'
import { visibleGraph } from '../../dependencies/analysis-service.ts'
import { simulateCascade } from '../../dependencies/domain/cascade.ts'
import { analyseSinglePointsOfFailure } from '../../dependencies/domain/spof.ts'
import { emit } from '../output.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'
import { SYSTEM_SCOPE } from './assessments.ts'

/** A positive (or, with `zero`, non-negative) number of hours from an option, or an error naming the option. */
function hoursOption(option: string, text: string | undefined, fallback: number, zero: boolean): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (!zero && value === 0) || value > 8760) {
    throw invalid('cli.hours', `${option} ${text} is not a number of hours ${zero ? '≥ 0' : 'above 0'} (at most 8760).`, [{ path: option, message: 'not a number of hours' }])
  }
  return value
}

const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)))
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join('  ').trimEnd()).join('\n')
}

/**
 * `spof` and `simulate`: the dependency analyses from the shell, over the national graph (the shell acts for
 * the platform operator, as the NCO sees it).
 */
export function registerDependencyCommands(program: Command): void {
  program.command('spof').description('single points of failure, ranked: nodes whose failure alone drives a service past its MTPD')
    .option('--hours <n>', 'how long the single failure lasts', '72')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { hours?: string }) => withContext(o, async (ctx) => {
      const hours = hoursOption('--hours', o.hours, 72, false)
      const { graph } = await visibleGraph(ctx, SYSTEM_SCOPE)
      const rows = analyseSinglePointsOfFailure(graph, { hours }).map((e) => ({
        id: e.id, name: e.name, kind: e.kind, peopleAffected: e.peopleAffected, sectorsTouched: e.sectorsTouched, reason: e.reason,
      }))
      emit(Boolean(o.json), rows, () => rows.length === 0 ? `no single point of failure within ${hours} h` : table([
        ['#', 'kind', 'name', 'people', 'sectors', 'reason'],
        ...rows.map((r, i) => [
          String(i + 1), r.kind, r.name, r.peopleAffected.toLocaleString('en'), r.sectorsTouched.join(','),
          `${r.reason.code}${r.reason.articulationPoint ? ', articulation point' : ''}, betweenness ${r.reason.betweenness.toFixed(3)}`,
        ]),
      ]))
    }))

  program.command('simulate').description('cascade simulation: nodes (ids or exact names) down for N hours; services past their MTPD, people, sectors, timeline')
    .requiredOption('--down <nodes>', 'comma-separated node ids or exact names (Japanese or English)')
    .requiredOption('--hours <n>', 'how long the nodes are down')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { down: string; hours: string }) => withContext(o, async (ctx) => {
      const hours = hoursOption('--hours', o.hours, 0, true)
      const { graph, services, providers } = await visibleGraph(ctx, SYSTEM_SCOPE)
      const names = new Map<string, string[]>()
      const addName = (name: string, id: string) => { if (name !== '') names.set(name, [...new Set([...(names.get(name) ?? []), id])]) }
      for (const s of services) { addName(s.name.ja, s.id); addName(s.name.en, s.id) }
      for (const p of providers) { addName(p.name.ja, p.id); addName(p.name.en, p.id) }
      const ids = new Set(graph.nodes.map((n) => n.id))
      const wanted = o.down.split(',').map((s) => s.trim()).filter((s) => s !== '')
      const errors = wanted.flatMap((w, i) => {
        if (ids.has(w)) return []
        const found = names.get(w) ?? []
        if (found.length === 1) return []
        return [{ path: `--down.${i}`, message: found.length === 0 ? `no service or provider ${w}` : `${found.length} nodes are named ${w} (${found.join(', ')}); give the id` }]
      })
      if (wanted.length === 0) errors.push({ path: '--down', message: 'name at least one node' })
      if (errors.length > 0) throw invalid('cli.unknown_node', `--down: ${errors.map((e) => e.message).join('; ')}.`, errors)
      const down = wanted.map((w) => (ids.has(w) ? w : names.get(w)![0]!))
      const result = simulateCascade(graph, { nodes: down, hours })
      const nameOf = new Map(graph.nodes.map((n) => [n.id, n.name]))
      emit(Boolean(o.json), result, () => {
        const hit = result.nodes.filter((n) => n.down.length > 0)
        return [
          `${down.map((id) => nameOf.get(id)).join(', ')} down for ${hours} h: ${hit.length} node(s) down, peak ${result.peakPeopleAffected.toLocaleString('en')} people, ` +
            `${Math.round(result.peopleHours).toLocaleString('en')} people-hours, sectors ${result.sectorsTouched.join(', ') || '-'}`,
          `past their MTPD: ${result.servicesExceedingMtpd.map((id) => nameOf.get(id)).join(', ') || 'none'}`,
          ...(hit.length === 0 ? [] : ['', table([
            ['kind', 'name', 'down (h)', 'longest (h)', 'past MTPD'],
            ...hit.map((n) => [n.kind, nameOf.get(n.id)!, n.down.map((d) => `${d.start}–${d.end}`).join(' '), String(n.longestDownHours), n.exceedsMtpd ? 'yes' : '']),
          ])]),
        ].join('\n')
      })
    }))
}
