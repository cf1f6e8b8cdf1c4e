/**
 * Profile resolution with OSCAL semantics (import include-all / include-controls with-ids / with-child-controls,
 * exclude-controls, merge as-is, modify set-parameters and alters), recursing into profiles of profiles.
 *
 * Selection rules, per import:
 * - `include: 'all'` selects every node; listed ids select those nodes, and with `withChildren` their descendants.
 *   A listed *group* id always selects the group's whole subtree (a group is a container, not a requirement).
 * - `exclude` removes the listed requirements (only them); an excluded group removes its whole subtree.
 * - Merge as-is: the ancestors of a selected requirement are kept too (groups, and parent controls: NIST's resolved
 *   PRIVACY baseline carries sa-8 because sa-8.33 is selected), so a group is kept exactly when it contains a kept
 *   requirement (groups without requirements below them are pruned, as in OSCAL resolution, so include-all of a
 *   catalog drops its empty groups). An ancestor that was excluded stays out, and its kept descendants hang from the nearest kept
 *   ancestor. Nodes keep the source order. Several imports of one version are unioned.
 * - Modify applies to the merged result including the profile's own nodes (appended after the imports).
 *
 * Errors: an import cycle is refused at once, naming the cycle; dangling references (unknown version, include /
 * exclude id not in the source, alter on a missing node, set-parameter for an unknown parameter) are all
 * collected and thrown together, each with a JSON-path-like location in OSCAL terms, e.g.
 * `profile.imports[0].include-controls[0].with-ids[3]`; locations inside an imported profile are prefixed with
 * the import that reached it (`profile.imports[0].profile.modify.alters[2].control-id`).
 */
import type { Alteration, LocalizedText, Parameter, ParameterSetting, ResolvedNode, VersionContent } from './model.ts'
import { invalid, type FieldError } from '../../platform/errors.ts'

export const PROFILE_CYCLE_ERROR = 'standards.profile.cycle'
export const PROFILE_DANGLING_ERROR = 'standards.profile.dangling_reference'

export type VersionLookup = (versionId: string) => VersionContent | undefined

export function resolveProfile(versionId: string, lookup: VersionLookup): ResolvedNode[] {
  const errors: FieldError[] = []
  const memo = new Map<string, ResolvedNode[]>()
  const result = resolveVersion(versionId, lookup, [], '', errors, memo)
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
    throw invalid(PROFILE_DANGLING_ERROR, `Profile cannot be resolved: ${errors[0]!.path}: ${errors[0]!.message}${more}`, errors)
  }
  return result
}

const join = (root: string, rel: string) => (root === '' ? rel : `${root}.${rel}`)

function resolveVersion(
  versionId: string,
  lookup: VersionLookup,
  stack: string[],
  root: string,
  errors: FieldError[],
  memo: Map<string, ResolvedNode[]>,
): ResolvedNode[] {
  const cached = memo.get(versionId)
  if (cached) return cached
  const content = lookup(versionId)
  if (!content) {
    errors.push({ path: root === '' ? 'versionId' : root, message: `no version "${versionId}"` })
    return []
  }
  if (!content.profile) {
    const nodes = content.nodes.map((n) => ({ ...n, origin: { versionId, number: n.number } }))
    memo.set(versionId, nodes)
    return nodes
  }
  const spec = content.profile
  const errorsBefore = errors.length
  const here = [...stack, versionId]

  // Collect per source version (first-appearance order) the union of what its imports keep.
  const sources = new Map<string, { nodes: ResolvedNode[]; keepReq: Set<string>; excluded: Set<string>; firstImport: number }>()
  spec.imports.forEach((imp, i) => {
    const at = join(root, `profile.imports[${i}]`)
    if (here.includes(imp.versionId)) {
      const cycle = [...here.slice(here.indexOf(imp.versionId)), imp.versionId]
      throw invalid(PROFILE_CYCLE_ERROR, `Profile import cycle: ${cycle.join(' → ')}`, [
        { path: at, message: `import cycle ${cycle.join(' → ')}` },
      ])
    }
    const nodes = resolveVersion(imp.versionId, lookup, here, at, errors, memo)
    if (!lookup(imp.versionId)) return
    let src = sources.get(imp.versionId)
    if (!src) {
      src = { nodes, keepReq: new Set(), excluded: new Set(), firstImport: i }
      sources.set(imp.versionId, src)
    }
    const byId = new Map(nodes.map((n) => [n.id, n]))
    const children = new Map<string, string[]>()
    for (const n of nodes) {
      if (n.parentId === null) continue
      const list = children.get(n.parentId) ?? []
      list.push(n.id)
      children.set(n.parentId, list)
    }
    const subtree = (id: string, into: Set<string>) => {
      const todo = [id]
      while (todo.length > 0) {
        const x = todo.pop()!
        if (into.has(x)) continue
        into.add(x)
        todo.push(...(children.get(x) ?? []))
      }
    }
    const selected = new Set<string>()
    if (imp.include === 'all') for (const n of nodes) selected.add(n.id)
    else {
      const { ids, withChildren } = imp.include
      ids.forEach((id, k) => {
        const n = byId.get(id)
        if (!n) {
          errors.push({ path: `${at}.include-controls[0].with-ids[${k}]`, message: `no node "${id}" in version "${imp.versionId}"` })
          return
        }
        if (withChildren || n.kind === 'group') subtree(id, selected)
        else selected.add(id)
      })
    }
    imp.exclude.forEach((id, k) => {
      const n = byId.get(id)
      if (!n) {
        errors.push({ path: `${at}.exclude-controls[0].with-ids[${k}]`, message: `no node "${id}" in version "${imp.versionId}"` })
        return
      }
      if (n.kind === 'group') {
        const gone = new Set<string>()
        subtree(id, gone)
        for (const x of gone) {
          selected.delete(x)
          src.excluded.add(x)
        }
      } else {
        selected.delete(id)
        src.excluded.add(id)
      }
    })
    for (const id of selected) if (byId.get(id)?.kind === 'requirement') src.keepReq.add(id)
  })

  const merged: ResolvedNode[] = []
  const from = new Map<string, string>()
  for (const [sourceId, src] of sources) {
    const byId = new Map(src.nodes.map((n) => [n.id, n]))
    const kept = new Set<string>(src.keepReq)
    for (const id of src.keepReq) {
      const seen = new Set<string>()
      let p = byId.get(id)?.parentId ?? null
      while (p !== null && !seen.has(p)) {
        seen.add(p)
        const pn = byId.get(p)
        if (!pn) break
        if (!src.excluded.has(p)) kept.add(p)
        p = pn.parentId
      }
    }
    const at = join(root, `profile.imports[${src.firstImport}]`)
    for (const n of src.nodes) {
      if (!kept.has(n.id)) continue
      const other = from.get(n.id)
      if (other !== undefined) {
        errors.push({ path: at, message: `node "${n.id}" of version "${sourceId}" is also imported from version "${other}"` })
        continue
      }
      from.set(n.id, sourceId)
      merged.push({ ...n, parentId: nearestKept(n.parentId, byId, kept) })
    }
  }
  content.nodes.forEach((n, k) => {
    if (from.has(n.id)) {
      errors.push({ path: join(root, `nodes[${k}].id`), message: `added node "${n.id}" is also imported from version "${from.get(n.id)}"` })
      return
    }
    from.set(n.id, versionId)
    merged.push({ ...n, origin: { versionId, number: n.number } })
  })

  const result = modify(merged, spec.setParameters, spec.alters, join(root, 'profile.modify'), errors)
  if (errors.length === errorsBefore) memo.set(versionId, result)
  return result
}

function nearestKept(parentId: string | null, byId: Map<string, ResolvedNode>, kept: Set<string>): string | null {
  const seen = new Set<string>()
  let p = parentId
  while (p !== null && !kept.has(p) && !seen.has(p)) {
    seen.add(p)
    p = byId.get(p)?.parentId ?? null
  }
  return p !== null && kept.has(p) ? p : null
}

function coerce(param: Parameter, value: ParameterSetting['value']): Parameter['value'] {
  if (typeof value !== 'string') return value
  if ((param.type === 'integer' || param.type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  if (param.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

function appendText(base: LocalizedText, add: LocalizedText): LocalizedText {
  const one = (a: string, b: string) => (b === '' ? a : a === '' ? b : `${a}\n${b}`)
  return { ja: one(base.ja, add.ja), en: one(base.en, add.en) }
}

function modify(
  nodes: ResolvedNode[],
  settings: ParameterSetting[],
  alters: Alteration[],
  at: string,
  errors: FieldError[],
): ResolvedNode[] {
  if (settings.length === 0 && alters.length === 0) return nodes
  const out = [...nodes]
  const indexOf = new Map(out.map((n, i) => [n.id, i]))
  settings.forEach((s, k) => {
    let found = false
    out.forEach((n, i) => {
      if (!n.parameters.some((p) => p.id === s.paramId)) return
      found = true
      out[i] = { ...n, parameters: n.parameters.map((p) => (p.id === s.paramId ? { ...p, value: coerce(p, s.value) } : p)) }
    })
    if (!found) errors.push({ path: `${at}.set-parameters[${k}].param-id`, message: `no parameter "${s.paramId}" in the resolved nodes` })
  })
  alters.forEach((a, k) => {
    const i = indexOf.get(a.nodeId)
    if (i === undefined) {
      errors.push({ path: `${at}.alters[${k}].control-id`, message: `no node "${a.nodeId}" in the resolved nodes` })
      return
    }
    let n = out[i]!
    if (a.strength !== undefined) n = { ...n, strength: a.strength }
    if (a.addText) n = { ...n, text: appendText(n.text, a.addText) }
    if (a.addGuidance) n = { ...n, guidance: appendText(n.guidance, a.addGuidance) }
    if (a.plain) n = { ...n, plain: { ...a.plain } }
    if (a.removeEvidence) n = { ...n, evidence: [] }
    out[i] = n
  })
  return out
}
