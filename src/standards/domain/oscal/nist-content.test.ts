/**
 * Acceptance against NIST's published OSCAL content in ../shared/data: the SP 800-53 rev5 catalog (5.0.1, OSCAL
 * 1.0.0) with the LOW / MODERATE / HIGH / PRIVACY baseline profiles (5.1.1, OSCAL 1.1.2), compared with NIST's own
 * resolved baseline catalogs; and the CSF 2.0 catalog.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importCatalog, exportCatalog } from './catalog.ts'
import { importProfile, exportProfile, resolveByRlinkFileName } from './profile.ts'
import { serializeOscal } from './kaname-ns.ts'
import { resolveProfile } from '../resolve-profile.ts'
import { compileOscalSchema } from '../../formats/oscal-validator.ts'
import type { VersionContent } from '../model.ts'

const DATA = new URL('../../../../../shared/data/', import.meta.url)
const readJson = (rel: string): unknown => JSON.parse(readFileSync(new URL(rel, DATA), 'utf8'))
const originalSchema = (rel: string) => compileOscalSchema(readJson(`oscal-json-schemas/${rel}`) as object)
const catalogSchema = originalSchema('v1.1.2/oscal_catalog_schema.json')
const profileSchema = originalSchema('v1.1.2/oscal_profile_schema.json')

const SP_CATALOG = 'nist-oscal-sp800-53-rev5/catalog-5.0.1/NIST_SP-800-53_rev5_catalog.json'
const sp = importCatalog(readJson(SP_CATALOG))
const SP_VERSION = 'nist-sp800-53-rev5-5.0.1'
const nistResolver = resolveByRlinkFileName({ 'NIST_SP-800-53_rev5_catalog.json': SP_VERSION })

function controlIds(catalogJson: unknown): Set<string> {
  const ids = new Set<string>()
  const walk = (controls: unknown) => {
    for (const c of (controls as { id: string; controls?: unknown[] }[] | undefined) ?? []) {
      ids.add(c.id)
      walk(c.controls)
    }
  }
  const cat = (catalogJson as { catalog: { groups?: { controls?: unknown[] }[]; controls?: unknown[] } }).catalog
  walk(cat.controls)
  for (const g of cat.groups ?? []) walk(g.controls)
  return ids
}

describe('NIST SP 800-53 rev5', () => {
  it('imports the full 5.0.1 catalog (OSCAL 1.0.0): 20 families, 1,189 controls and enhancements', () => {
    expect(sp.metadata).toMatchObject({ version: '5.0.1', oscalVersion: '1.0.0' })
    expect(sp.nodes.filter((n) => n.kind === 'group')).toHaveLength(20)
    expect(sp.nodes.filter((n) => n.kind === 'requirement')).toHaveLength(1189)
    const ac1 = sp.nodes.find((n) => n.id === 'ac-1')!
    expect(ac1).toMatchObject({ parentId: 'ac', number: 'AC-1', strength: 'should', addressee: 'operator' })
    expect(ac1.text.en).toMatch(/^a\. Develop, document, and disseminate to \{\{ insert: param, ac-1_prm_1 \}\}:\n {2}1\. /)
    expect(ac1.parameters.find((p) => p.id === 'ac-1_prm_2')).toMatchObject({ type: 'choice', choices: ['Organization-level', 'Mission/business process-level', 'System-level'] })
    expect(sp.nodes.find((n) => n.id === 'ac-2.1')).toMatchObject({ parentId: 'ac-2', number: 'AC-2(1)' })
    expect(sp.nodes.find((n) => n.id === 'ac')).toMatchObject({ number: 'AC', kind: 'group', strength: null })
    expect(sp.nodes.find((n) => n.id === 'ac-2.10')?.withdrawn).toBe(true)
  })

  for (const level of ['LOW', 'MODERATE', 'HIGH', 'PRIVACY'] as const) {
    it(`resolves the ${level} baseline to exactly the controls of NIST's resolved ${level} catalog`, () => {
      const doc = readJson(`nist-oscal-sp800-53-rev5/baselines/NIST_SP-800-53_rev5_${level}-baseline_profile.json`)
      const imported = importProfile(doc, { resolveHref: nistResolver })
      expect(imported.profile.imports.map((i) => i.versionId)).toEqual([SP_VERSION])
      const contents = new Map<string, VersionContent>([
        [SP_VERSION, { nodes: sp.nodes, profile: null }],
        ['baseline', { nodes: imported.nodes, profile: imported.profile }],
      ])
      const resolved = resolveProfile('baseline', (id) => contents.get(id))
      const got = new Set(resolved.filter((n) => n.kind === 'requirement').map((n) => n.id))
      const expected = controlIds(readJson(`nist-oscal-sp800-53-rev5/resolved-baseline-catalogs/NIST_SP-800-53_rev5_${level}-baseline-resolved-profile_catalog-min.json`))
      expect(expected.size).toBe({ LOW: 149, MODERATE: 287, HIGH: 370, PRIVACY: 102 }[level])
      expect([...got].sort()).toEqual([...expected].sort())
      for (const n of resolved) expect(n.origin).toEqual({ versionId: SP_VERSION, number: n.number })
      // Merge as-is keeps a family exactly when it holds a selected control, and the tree stays closed.
      const ids = new Set(resolved.map((n) => n.id))
      for (const n of resolved) if (n.parentId !== null) expect(ids.has(n.parentId)).toBe(true)
      for (const g of resolved.filter((n) => n.kind === 'group')) expect(resolved.some((n) => n.parentId === g.id)).toBe(true)

      // And our export of the imported profile is a valid OSCAL 1.1.2 profile that imports back to the same spec.
      const options = { documentId: `nist-${level}`, title: `NIST ${level}`, version: '5.1.1', lang: 'en' as const, lastModified: '2026-04-01T00:00:00Z' }
      const exported = exportProfile({ profile: imported.profile, nodes: imported.nodes }, options)
      expect(profileSchema(exported)).toEqual([])
      const again = importProfile(exported)
      expect(again.profile).toEqual(imported.profile)
      expect(serializeOscal(exportProfile(again, options))).toBe(serializeOscal(exported))
    })
  }

  it('exports the imported catalog as schema-valid OSCAL 1.1.2 that re-imports to the same nodes, byte-stable', () => {
    const options = { documentId: SP_VERSION, title: 'NIST SP 800-53 Rev. 5', version: '5.0.1', lang: 'en' as const, lastModified: '2026-04-01T00:00:00Z' }
    const first = exportCatalog(sp.nodes, options)
    expect(catalogSchema(first)).toEqual([])
    const back = importCatalog(first)
    expect(back.nodes).toEqual(sp.nodes)
    expect(serializeOscal(exportCatalog(back.nodes, options))).toBe(serializeOscal(first))
  })
})

describe('NIST CSF 2.0', () => {
  const json = readJson('nist-oscal-csf-2.0/NIST_CSF_v2.0_catalog.json')
  const csf = importCatalog(json)
  const byClass = (cls: string) => {
    const ids = new Set<string>()
    const walk = (cs: { id: string; class?: string; controls?: unknown[] }[] | undefined) => {
      for (const c of cs ?? []) {
        if (c.class === cls) ids.add(c.id)
        walk(c.controls as typeof cs)
      }
    }
    for (const g of (json as { catalog: { groups: { controls: { id: string }[] }[] } }).catalog.groups) walk(g.controls)
    return ids
  }

  it('has 6 functions, 22 + 12 withdrawn categories, 106 + 79 withdrawn subcategories', () => {
    const groups = csf.nodes.filter((n) => n.kind === 'group')
    expect(groups.map((g) => g.number)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC'])
    const categories = csf.nodes.filter((n) => byClass('category').has(n.id))
    const subcategories = csf.nodes.filter((n) => byClass('subcategory').has(n.id))
    expect(categories.filter((n) => !n.withdrawn)).toHaveLength(22)
    expect(categories.filter((n) => n.withdrawn)).toHaveLength(12)
    expect(subcategories.filter((n) => !n.withdrawn)).toHaveLength(106)
    expect(subcategories.filter((n) => n.withdrawn)).toHaveLength(79)
    expect(csf.nodes).toHaveLength(6 + 34 + 185)
    expect(csf.nodes.filter((n) => n.guidance.en.includes('Implementation examples:')).reduce((k, n) => k + n.guidance.en.split('\n- ').length - 1, 0)).toBe(363)
    expect(csf.nodes.find((n) => n.id === 'GV.OC')).toMatchObject({ number: 'GV.OC', parentId: 'GV', kind: 'requirement' })
    expect(csf.nodes.find((n) => n.id === 'GV.OC-01')).toMatchObject({ number: 'GV.OC-01', parentId: 'GV.OC' })
    expect(csf.nodes.find((n) => n.id === 'GV')?.text.en).toMatch(/^The organization's cybersecurity risk management strategy/)
  })

  it('round-trips: export is valid OSCAL 1.1.2, export → import → export is byte-identical, importing twice is identical', () => {
    const options = { documentId: 'nist-csf-2.0', title: 'NIST CSF 2.0', version: '2.0', lang: 'en' as const, lastModified: '2026-04-01T00:00:00Z' }
    const first = exportCatalog(csf.nodes, options)
    expect(catalogSchema(first)).toEqual([])
    const back = importCatalog(JSON.parse(serializeOscal(first)))
    expect(back.nodes).toEqual(csf.nodes)
    expect(serializeOscal(exportCatalog(back.nodes, options))).toBe(serializeOscal(first))
    // Only the timestamp differs between two exports at different times.
    const later = serializeOscal(exportCatalog(back.nodes, { ...options, lastModified: '2027-01-01T00:00:00Z' }))
    expect(later.replace('2027-01-01T00:00:00Z', '2026-04-01T00:00:00Z')).toBe(serializeOscal(first))
    expect(importCatalog(json)).toEqual(csf)
  })
})
