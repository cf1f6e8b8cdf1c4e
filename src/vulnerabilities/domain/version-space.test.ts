import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { normaliseRecord } from './affected.ts'
import { neighbour, versionSpace } from './version-space.ts'
import { compareVersions, parseVersion, SCHEME_IDS } from './versions/index.ts'

describe('neighbour', () => {
  it('steps the last number, borrowing leftwards when it is zero', () => {
    const cases: [Parameters<typeof neighbour>[0], string, 1 | -1, string][] = [
      ['fortios', '7.2.4', 1, '7.2.5'],
      ['fortios', '7.2.0', -1, '7.1.0'],
      ['junos', '21.4R3-S5', -1, '21.4R3-S4'],
      ['junos', '22.2R3', -1, '22.2R2'],
      ['panos', '10.2.9-h1', -1, '10.2.9-h0'],
      ['cisco-ios', '15.2(4)M7', 1, '15.2(4)M8'],
      ['firmware', 'V4.1.1 Patch04', -1, 'V4.1.1 Patch03'],
      ['citrix', '13.1-51.15', -1, '13.1-51.14'],
    ]
    for (const [scheme, text, d, want] of cases) expect(neighbour(scheme, text, d)?.canonical, `${text} ${d}`).toBe(want)
    expect(neighbour('fortios', '0.0.0', -1)).toBeNull()
    expect(neighbour('fortios', 'not a version', 1)).toBeNull()
  })

  it('is strictly above or below, in every scheme', () => {
    const text = fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)).map(([a, b, c]) => `${a}.${b}.${c}`)
    fc.assert(
      fc.property(fc.constantFrom(...SCHEME_IDS), text, fc.constantFrom(1 as const, -1 as const), (scheme, t, d) => {
        const at = parseVersion(scheme, t)
        const n = neighbour(scheme, t, d)
        if (at && n) expect(compareVersions(n, at)).toBe(d)
      }),
    )
  })
})

describe('versionSpace', () => {
  it('collects spellings, CPE heads, record counts and readable versions per product key', () => {
    const record = (id: string, affected: unknown[], adp: unknown[] = []) => normaliseRecord({ cveMetadata: { cveId: id }, containers: { cna: { affected }, adp: [{ providerMetadata: { shortName: 'CISA-ADP' }, affected: adp }] } })
    const space = versionSpace([
      record('CVE-1', [{ vendor: 'Palo Alto Networks', product: 'PAN-OS', versions: [{ version: '10.2.0', lessThan: '10.2.9-h1', status: 'affected' }, { version: 'All', status: 'unaffected' }] }], [
        { vendor: 'paloaltonetworks', product: 'pan-os', cpes: ['cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:*:*:*:*:*:*'], versions: [{ version: '10.2.0', lessThan: '10.2.9-h1 ', status: 'affected' }] },
      ]),
      record('CVE-2', [{ vendor: 'Palo Alto Networks', product: 'PAN-OS', versions: [{ version: '11.0.0', lessThan: '*', status: 'affected' }] }]),
    ])
    expect(space).toEqual([
      {
        key: 'paloaltonetworks:panos',
        scheme: 'panos',
        vendor: 'Palo Alto Networks',
        product: 'PAN-OS',
        names: [
          { vendor: 'Palo Alto Networks', product: 'PAN-OS' },
          { vendor: 'paloaltonetworks', product: 'pan-os' },
        ],
        cpeHeads: ['cpe:2.3:o:paloaltonetworks:pan-os'],
        records: 2,
        versions: ['10.2.0', '10.2.9-h1', '11.0.0'],
      },
    ])
  })
})
