import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../platform/errors.ts'
import { OSCAL_KINDS, OSCAL_SCHEMA_ERROR, assertValidOscal, oscalSchemaUrl, validateOscal } from './oscal-validator.ts'

const DATA = new URL('../../../../shared/data/', import.meta.url)
const read = (rel: string) => readFileSync(new URL(rel, DATA))
const readJson = (rel: string): unknown => JSON.parse(read(rel).toString('utf8'))

describe('validateOscal', () => {
  it('uses byte-identical copies of the reference schemas', () => {
    const reference: Record<(typeof OSCAL_KINDS)[number], string> = {
      catalog: 'oscal-json-schemas/v1.1.2/oscal_catalog_schema.json',
      profile: 'oscal-json-schemas/v1.1.2/oscal_profile_schema.json',
      'assessment-results': 'oscal-json-schemas/v1.1.2/oscal_assessment-results_schema.json',
      poam: 'oscal-json-schemas/v1.1.2/oscal_poam_schema.json',
      'mapping-collection': 'oscal-json-schemas/v1.2.1/oscal_mapping_schema.json',
    }
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    for (const kind of OSCAL_KINDS) expect(sha(readFileSync(oscalSchemaUrl(kind))), kind).toBe(sha(read(reference[kind])))
  })

  it("accepts NIST's content, including the OSCAL 1.0.0 SP 800-53 5.0.1 catalog and the v1.2.2 CSF catalog", () => {
    expect(validateOscal('catalog', readJson('nist-oscal-sp800-53-rev5/catalog-5.0.1/NIST_SP-800-53_rev5_catalog.json'))).toEqual([])
    expect(validateOscal('catalog', readJson('nist-oscal-csf-2.0/NIST_CSF_v2.0_catalog.json'))).toEqual([])
    expect(validateOscal('catalog', readJson('nist-oscal-sp800-53-rev5/resolved-baseline-catalogs/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json'))).toEqual([])
    for (const level of ['LOW', 'MODERATE', 'HIGH', 'PRIVACY'])
      expect(validateOscal('profile', readJson(`nist-oscal-sp800-53-rev5/baselines/NIST_SP-800-53_rev5_${level}-baseline_profile.json`)), level).toEqual([])
  })

  it('names the JSON path of each problem', () => {
    const doc = readJson('nist-oscal-csf-2.0/NIST_CSF_v2.0_catalog.json') as any
    doc.catalog.groups[0].controls[3].id = '3 starts with a digit'
    doc.catalog.groups[1].controls[0].props[0].extra = true
    delete doc.catalog.metadata.version
    const errors = validateOscal('catalog', doc)
    expect(errors).toContainEqual({ path: '/catalog/groups/0/controls/3/id', message: expect.stringContaining('must match pattern') })
    expect(errors).toContainEqual({ path: '/catalog/groups/1/controls/0/props/0', message: 'must NOT have additional properties: "extra"' })
    expect(errors).toContainEqual({ path: '/catalog/metadata', message: "must have required property 'version'" })
    const e = (() => {
      try {
        assertValidOscal('catalog', doc)
      } catch (x) {
        return x as DomainError
      }
      throw new Error('expected an error')
    })()
    expect(e).toBeInstanceOf(DomainError)
    expect(e.code).toBe(OSCAL_SCHEMA_ERROR)
    expect(e.fieldErrors).toEqual(errors)
  })

  it('compiles every kind and never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OSCAL_KINDS), fc.jsonValue(), (kind, json) => {
        const errors = validateOscal(kind, json)
        expect(errors.length).toBeGreaterThan(0)
        expect(errors.length).toBeLessThanOrEqual(100)
      }),
      { numRuns: 100 },
    )
  })
})
