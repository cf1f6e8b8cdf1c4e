import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SHARED_DATA_DIR } from '../../../test/harness/shared-data.ts'
import { KEV_SCHEMA_URL, readKevCatalog } from './kev-catalog.ts'

const KEV_DIR = join(SHARED_DATA_DIR, 'cisa-kev')
const TEXT = readFileSync(join(KEV_DIR, 'known_exploited_vulnerabilities.json'), 'utf8')
type Doc = { count: number; catalogVersion: string; vulnerabilities: Record<string, unknown>[] }
const fresh = () => JSON.parse(TEXT) as Doc
const problems = (doc: unknown) => { const r = readKevCatalog(doc, 'kev.json'); return r.ok ? [] : r.problems }

describe('KEV catalog', () => {
  it('the vendored schema is byte-identical to the shared reference copy', () => {
    expect(readFileSync(fileURLToPath(KEV_SCHEMA_URL))).toEqual(readFileSync(join(KEV_DIR, 'known_exploited_vulnerabilities_schema.json')))
  })

  it('reads the real catalog: every entry, in order, with its fields', () => {
    const doc = fresh()
    const r = readKevCatalog(doc, 'kev.json')
    if (!r.ok) throw new Error(JSON.stringify(r.problems))
    expect(r.catalog.catalogVersion).toBe(doc.catalogVersion)
    expect(r.catalog.entries.map((e) => e.cveId)).toEqual(doc.vulnerabilities.map((v) => v.cveID))
    const cisco = r.catalog.entries.find((e) => e.cveId === 'CVE-2024-20353')!
    const raw = doc.vulnerabilities.find((v) => v.cveID === 'CVE-2024-20353')!
    expect(cisco).toMatchObject({ vendorProject: raw.vendorProject, product: raw.product, dateAdded: raw.dateAdded, dueDate: raw.dueDate, knownRansomwareCampaignUse: raw.knownRansomwareCampaignUse })
    expect(new Set(r.catalog.entries.map((e) => e.sha256)).size).toBe(r.catalog.entries.length)
  })

  it('names schema violations by JSONPath', () => {
    const doc = fresh()
    doc.vulnerabilities[12]!.dueDate = '2024-13-01'
    delete doc.vulnerabilities[3]!.product
    doc.vulnerabilities[7]!.cveID = 'CVE-24-1'
    expect(problems(doc).map((p) => [p.path, p.code])).toEqual([
      ['$.vulnerabilities[3].product', 'vulnerabilities.required'],
      ['$.vulnerabilities[7].cveID', 'vulnerabilities.invalid_value'],
      ['$.vulnerabilities[12].dueDate', 'vulnerabilities.invalid_value'],
    ])
  })

  it('refuses what the schema lets through: absurd years, duplicates, a count that does not match', () => {
    const doc = fresh()
    doc.vulnerabilities[5]!.dateAdded = '9999-01-01'
    doc.vulnerabilities[9]!.cveID = doc.vulnerabilities[2]!.cveID
    expect(problems(doc).map((p) => [p.path, p.code])).toEqual([
      ['$.vulnerabilities[5].dateAdded', 'vulnerabilities.invalid_value'],
      ['$.vulnerabilities[9].cveID', 'vulnerabilities.kev_duplicate'],
    ])
    const truncated = fresh()
    truncated.vulnerabilities.pop()
    expect(problems(truncated)).toEqual([expect.objectContaining({ path: '$.count', code: 'vulnerabilities.kev_count_mismatch' })])
  })

  it('property: a random value in a random field of a random entry is read or rejected with a path there, never thrown', () => {
    const fields = ['cveID', 'vendorProject', 'product', 'vulnerabilityName', 'dateAdded', 'shortDescription', 'requiredAction', 'dueDate', 'knownRansomwareCampaignUse', 'notes', 'cwes']
    fc.assert(fc.property(fc.nat({ max: 1403 }), fc.constantFrom(...fields), fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })), (i, field, value) => {
      const doc = fresh()
      const entry = doc.vulnerabilities[i % doc.vulnerabilities.length]!
      if (value === undefined) delete entry[field]
      else entry[field] = value
      const r = readKevCatalog(doc, 'kev.json')
      if (r.ok) return
      const index = i % doc.vulnerabilities.length
      for (const p of r.problems) expect(p.path.startsWith(`$.vulnerabilities[${index}].${field}`) || p.path.startsWith(`$.vulnerabilities[${index}].cveID`) || p.path === '$.count').toBe(true)
    }), { numRuns: 60 })
  })
})
