import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareVersions, parseBound, parseVersion, SCHEME_IDS, type ParsedVersion, type SchemeId } from './index.ts'

const p = (scheme: SchemeId, text: string): ParsedVersion => {
  const v = parseVersion(scheme, text)
  if (!v) throw new Error(`${scheme} did not read ${JSON.stringify(text)}`)
  return v
}
const cmp = (scheme: SchemeId, a: string, b: string) => compareVersions(p(scheme, a), p(scheme, b))
/** Each version strictly below the next. */
function ascending(scheme: SchemeId, texts: string[]) {
  for (let i = 0; i + 1 < texts.length; i++) {
    expect(cmp(scheme, texts[i]!, texts[i + 1]!), `${texts[i]} < ${texts[i + 1]}`).toBe(-1)
    expect(cmp(scheme, texts[i + 1]!, texts[i]!), `${texts[i + 1]} > ${texts[i]}`).toBe(1)
  }
}
const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0)
/** Lexicographic order of number tuples, the model the schemes are checked against. */
function lex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -Infinity) - (b[i] ?? -Infinity)
    if (d !== 0) return d
  }
  return 0
}
/** Mostly tiny numbers, so that two drawn versions often share a prefix and differ late. */
const small = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }) })
const letter = fc.constantFrom('', 'a', 'b', 'c', 'z')
const letterRank = (l: string) => (l === '' ? -1 : l.charCodeAt(0))

describe('hand-written cases per vendor scheme', () => {
  it('Cisco IOS 15.2(4)M7: release, train, maintenance, rebuild', () => {
    ascending('cisco-ios', ['12.4(24)T', '12.4(24)T3', '12.4(24)T8', '15.2(4)M', '15.2(4)M1', '15.2(4)M7', '15.2(4)M7a', '15.2(4)M10', '15.2(5)M1'])
    ascending('cisco-ios', ['15.0(2)SE', '15.0(2)SE9', '15.0(2)SE10', '15.0(2)SE10a'])
    expect(p('cisco-ios', '15.2(4)m7').canonical).toBe('15.2(4)M7')
    expect(p('cisco-ios', '15.2\\(8\\)e2').canonical).toBe('15.2(8)E2')
    expect(cmp('cisco-ios', '15.2(4)M7', '15.2(4)m7')).toBe(0)
    for (const bad of ['15.2.4', '15.2(4', 'M7', '15.2(4)M7 extra']) expect(parseVersion('cisco-ios', bad), bad).toBeNull()
  })

  it('IOS XE 17.9.4a: letters after the maintenance number are rebuilds; 3.x trains', () => {
    ascending('cisco-ios-xe', ['16.12.4', '16.12.4a', '16.12.5', '17.1.1', '17.1.1a', '17.1.1s', '17.1.1t', '17.9.4', '17.9.4a', '17.9.5', '17.10.1', '17.10.1b'])
    ascending('cisco-ios-xe', ['17.9.1', '17.9.1a', '17.9.1x', '17.9.1x1', '17.9.1y1'])
    ascending('cisco-ios-xe', ['3.7.0S', '3.7.1S', '3.7.4S', '3.7.4aS', '3.7.5S'])
    expect(p('cisco-ios-xe', '3.7.4aS').canonical).toBe('3.7.4aS')
    expect(p('cisco-ios-xe', 'Everest-16.6.1').canonical).toBe('16.6.1')
    expect(cmp('cisco-ios-xe', '17.9', '17.9.0')).toBe(-1)
    expect(parseVersion('cisco-ios-xe', '17.9.4a.1')).toBeNull()
  })

  it('FortiOS 7.2.4: three numbers, build suffixes ignored', () => {
    ascending('fortios', ['6.0.17', '6.2.0', '6.2.15', '6.4.0', '7.0.13', '7.2.3', '7.2.4', '7.2.10', '7.4.0'])
    expect(cmp('fortios', '7.2.4', 'v7.2.4 build1396 (GA)')).toBe(0)
    expect(cmp('fortios', '7.2.4', 'v7.2.4,build1396,230131 (GA.F)')).toBe(0)
    expect(cmp('fortios', '7.2', '7.2.0')).toBe(0)
    expect(p('fortios', 'v7.2.4 build1396 (GA)').canonical).toBe('7.2.4')
    expect(parseVersion('fortios', 'FortiOS 7.2.4')).toBeNull()
  })

  it('Junos 21.4R3-S5: train, release, service release, respin; X releases', () => {
    ascending('junos', ['20.4R3-S9', '21.4', '21.4R1', '21.4R1-S2', '21.4R2', '21.4R3', '21.4R3.2', '21.4R3-S1', '21.4R3-S5', '21.4R3-S5.2', '21.4R3-S10', '22.1R1'])
    ascending('junos', ['15.1X49-D10', '15.1X49-D10.3', '15.1X49-D200', '15.1X53-D1'])
    expect(cmp('junos', '21.4R3-S5-EVO', '21.4R3-S5')).toBe(0)
    expect(cmp('junos', '21.4r3-s5', '21.4R3-S5')).toBe(0)
    expect(p('junos', '22.1x49-d10').canonical).toBe('22.1X49-D10')
    for (const bad of ['21.4R', '23.r1-s2', '221r3--s5', '21.2r3-8s', '22.4-r2-s2']) expect(parseVersion('junos', bad), bad).toBeNull()
  })

  it('PAN-OS 10.2.9-h1: hotfixes between maintenance releases', () => {
    ascending('panos', ['9.1.14', '9.1.14-h4', '10.2', '10.2.8', '10.2.9', '10.2.9-h1', '10.2.9-h11', '10.2.10', '10.2.10-h4', '11.0.0'])
    expect(cmp('panos', '10.2', '10.2.0')).toBe(0)
    expect(p('panos', '10.2.9H1').canonical).toBe('10.2.9-h1')
    expect(parseVersion('panos', '10.2.9 on PAN-OS')).toBeNull()
  })

  it('Siemens and Moxa firmware V2.3, V4.1.1 Patch04, V4.2 SP1', () => {
    ascending('firmware', ['V2.2', 'V2.3', 'V2.3.1', 'V4.1.1', 'V4.1.1 Patch03', 'V4.1.1 Patch04', 'V4.1.2', 'V4.2', 'V4.2 SP1', 'V4.3'])
    ascending('firmware', ['V4.7', 'V4.7 HF27', 'V4.7 SP1', 'V4.7 SP6 HF2', 'V4.7 SP6 HF3', 'V4.7.1', 'V4.8'])
    expect(cmp('firmware', 'V2.3', '2.3')).toBe(0)
    expect(cmp('firmware', 'V01.01.01', 'V1.1.1')).toBe(0)
    expect(cmp('firmware', 'v3.0 build 23051218', 'V3.0')).toBe(0)
    expect(cmp('firmware', '3.10', '3.9')).toBe(1)
    expect(p('firmware', 'V4.1.1 Patch4').canonical).toBe('V4.1.1 Patch04')
    expect(p('firmware', 'V2010 SP3').canonical).toBe('V2010 SP3')
    for (const bad of ['V3.X.14', 'All versions', 'V4.2 SP1 SP2']) expect(parseVersion('firmware', bad), bad).toBeNull()
  })

  it('Ivanti 22.7R2.3 and Citrix 13.1-51.15 (editions kept apart)', () => {
    ascending('ivanti', ['9.1R18.6', '22.7', '22.7R1', '22.7R2', '22.7R2.1', '22.7R2.3', '22.7R3'])
    ascending('citrix', ['13.0-92.21', '13.1', '13.1-49.13', '13.1-51.14', '13.1-51.15', '14.1-12.35'])
    expect(cmp('citrix', '13.1-37.176-FIPS', '13.1 FIPS 37.176')).toBe(0)
    expect(cmp('citrix', 'NS13.1: Build 51.15.nc', '13.1-51.15')).toBe(0)
    // A FIPS build is outside the standard 13.1 line and the other way round.
    const fips = p('citrix', '13.1-37.175-FIPS')
    expect(compareVersions(fips, p('citrix', '13.1')) > 0 && compareVersions(fips, p('citrix', '13.1-51.15')) < 0).toBe(false)
    expect(compareVersions(p('citrix', '13.1-FIPS'), fips)).toBe(-1)
    expect(compareVersions(fips, p('citrix', '13.1-FIPS-37.176'))).toBe(-1)
  })

  it('generic and NX-OS: numbers and letters alternate; semver pre-releases', () => {
    ascending('cisco-nxos', ['7.0(3)I7(5)', '7.0(3)I7(5a)', '7.0(3)I7(10)', '9.2(1)', '9.2(2)', '9.2(2t)', '9.2(2v)', '9.2(3)', '9.3(1)'])
    ascending('generic', ['9.8.1', '9.8.1.5', '9.8.2', '9.8.2.8', '9.8.2.14', '9.9', '9.10.1'])
    expect(cmp('generic', '8.2.100', '8.2.100.0')).toBe(0)
    ascending('semver', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1'])
    expect(cmp('semver', '1.0.0+build.5', '1.0.0')).toBe(0)
    for (const bad of ['Before 8/15', 'All', 'n/a', '', ' ', 'x'.repeat(65), '1'.repeat(65)]) expect(parseVersion('generic', bad), bad).toBeNull()
  })

  it('full-width digits and stray white space read as the ASCII version', () => {
    expect(cmp('panos', '１０.２.９-h１', '10.2.9-h1')).toBe(0)
    expect(cmp('junos', '  21.4R3-S5 ', '21.4R3-S5')).toBe(0)
  })
})

describe('range bounds with *', () => {
  it('reads * as arbitrarily large at its position', () => {
    const b = (s: SchemeId, t: string) => parseBound(s, t)!
    expect(compareVersions(p('fortios', '6.2.99'), b('fortios', '6.2.*'))).toBe(-1)
    expect(compareVersions(p('fortios', '6.3.0'), b('fortios', '6.2.*'))).toBe(1)
    expect(compareVersions(p('fortios', '6.0.5'), b('fortios', '6.0.*'))).toBe(-1)
    expect(compareVersions(p('fortios', '6.1'), b('fortios', '6.0.*'))).toBe(1)
    expect(compareVersions(p('junos', '18.4R3-S10'), b('junos', '18.4*'))).toBe(-1)
    expect(compareVersions(p('junos', '19.1R1'), b('junos', '18.4*'))).toBe(1)
    expect(compareVersions(p('junos', '21.2R3-S8'), b('junos', '21.2*-EVO'))).toBe(-1)
    for (const s of SCHEME_IDS) expect(compareVersions(p(s, s === 'cisco-ios' ? '99.9(9)Z9' : '99.9'), b(s, '*'))).toBe(-1)
    expect(parseBound('junos', 'x*')).toBeNull()
  })
})

/** Generators of versions of each scheme with the tuple their order is defined by. */
type Model = { text: string; order: number[] }
const MODELS: Partial<Record<SchemeId, fc.Arbitrary<Model>>> = {
  fortios: fc.tuple(small, small, small).map(([a, b, c]) => ({ text: `${a}.${b}.${c}`, order: [a, b, c] })),
  panos: fc.tuple(small, small, small, fc.option(small, { nil: undefined, freq: 2 })).map(([a, b, c, h]) => ({
    text: `${a}.${b}.${c}${h === undefined ? '' : `-h${h}`}`,
    order: [a, b, c, h ?? -1],
  })),
  junos: fc.oneof(
    fc.tuple(small, small).map(([a, b]) => ({ text: `${a}.${b}`, order: [a, b, -1] })),
    fc.tuple(small, small, fc.constantFrom('R', 'X'), small, fc.option(small, { nil: undefined, freq: 2 }), fc.option(small, { nil: undefined, freq: 2 })).map(([a, b, type, build, s, respin]) => ({
      text: `${a}.${b}${type}${build}${s === undefined ? '' : `-${type === 'X' ? 'D' : 'S'}${s}`}${respin === undefined ? '' : `.${respin}`}`,
      order: [a, b, type.charCodeAt(0), build, s ?? -1, respin ?? -1],
    })),
  ),
  'cisco-ios': fc.tuple(small, small, small, letter, fc.constantFrom('', 'M', 'T', 'SE', 'E'), fc.option(small, { nil: undefined, freq: 2 }), letter).map(([a, b, m, ml, train, r, l]) => ({ a, b, m, ml, train, r, rl: r === undefined ? '' : l })).map(({ a, b, m, ml, train, r, rl }) => ({
    text: `${a}.${b}(${m}${ml})${train}${r ?? ''}${rl}`,
    order: [a, b, ...[...train].map((c) => c.toLowerCase().charCodeAt(0)), -1, m, letterRank(ml), r ?? -1, letterRank(rl)],
  })),
  'cisco-ios-xe': fc.tuple(fc.integer({ min: 16, max: 17 }), small, small, letter).map(([a, b, c, l]) => ({ text: `${a}.${b}.${c}${l}`, order: [a, b, c, letterRank(l)] })),
  ivanti: fc.tuple(small, small, small, small).map(([a, b, r, build]) => ({ text: `${a}.${b}R${r}.${build}`, order: [a, b, r, build] })),
  citrix: fc.tuple(small, small, fc.constantFrom('', '-FIPS', '-NDcPP'), fc.option(fc.tuple(small, small), { nil: undefined, freq: 2 })).map(([a, b, e, build]) => ({
    text: build === undefined ? `${a}.${b}${e}` : `${a}.${b}-${build[0]}.${build[1]}${e}`,
    order: [a, b, ['', '-FIPS', '-NDcPP'].indexOf(e), ...(build ?? [-1])],
  })),
  firmware: fc
    .tuple(fc.array(small, { minLength: 1, maxLength: 4 }), fc.option(small, { nil: undefined, freq: 2 }), fc.option(small, { nil: undefined, freq: 2 }), fc.option(small, { nil: undefined, freq: 2 }))
    .map(([core, sp, hf, patch]) => ({
      text: `V${core.join('.')}${sp === undefined ? '' : ` SP${sp}`}${hf === undefined ? '' : ` HF${hf}`}${patch === undefined ? '' : ` Patch${patch}`}`,
      order: [...core, 0, 0, 0, 0].slice(0, 4).concat([sp ?? -1, hf ?? -1, patch ?? -1]),
    })),
  generic: fc.tuple(fc.array(small, { minLength: 1, maxLength: 4 }), letter).map(([core, l]) => ({
    text: `${core.join('.')}${l}`,
    order: [...core, ...Array(Math.max(0, 4 - core.length)).fill(0), letterRank(l)],
  })),
}

describe('properties', () => {
  for (const [scheme, arb] of Object.entries(MODELS) as [SchemeId, fc.Arbitrary<Model>][]) {
    it(`${scheme}: order agrees with the model tuple order, and printing round-trips`, () => {
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          const va = p(scheme, a.text)
          const vb = p(scheme, b.text)
          expect(compareVersions(va, vb)).toBe(sign(lex(a.order, b.order)))
          const again = p(scheme, va.canonical)
          expect(again.key).toBe(va.key)
          expect(again.canonical).toBe(va.canonical)
        }),
        { numRuns: 1500 },
      )
    })
  }

  it('semver: order agrees with a direct reading of semver precedence', () => {
    const ident = fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'a1', 'x-y'))
    const arb = fc.tuple(small, small, small, fc.option(fc.array(ident, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 }))
    const semverCompare = (a: typeof arb extends fc.Arbitrary<infer T> ? T : never, b: typeof a): number => {
      const core = lex(a.slice(0, 3) as number[], b.slice(0, 3) as number[])
      if (core !== 0) return core
      const [pa, pb] = [a[3], b[3]]
      if (!pa || !pb) return pa ? -1 : pb ? 1 : 0
      for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        if (pa[i] === undefined) return -1
        if (pb[i] === undefined) return 1
        const [na, nb] = [/^\d+$/.test(pa[i]!), /^\d+$/.test(pb[i]!)]
        if (na && nb && Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i])
        if (na !== nb) return na ? -1 : 1
        if (!na && pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1
      }
      return 0
    }
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const text = (v: typeof a) => `${v[0]}.${v[1]}.${v[2]}${v[3] ? '-' + v[3].join('.') : ''}`
        expect(compareVersions(p('semver', text(a)), p('semver', text(b)))).toBe(sign(semverCompare(a, b)))
      }),
      { numRuns: 400 },
    )
  })

  it('compare is a total order on mixed texts of every scheme: reflexive, antisymmetric, transitive', () => {
    const any = fc.oneof(...Object.entries(MODELS).map(([scheme, arb]) => arb.map((m) => parseVersion(scheme as SchemeId, m.text)!)))
    fc.assert(
      fc.property(any, any, any, (a, b, c) => {
        expect(compareVersions(a, a)).toBe(0)
        expect(compareVersions(a, b)).toBe(sign(-compareVersions(b, a)))
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0)
        const sorted = [a, b, c].sort(compareVersions)
        expect(compareVersions(sorted[0]!, sorted[2]!)).toBeLessThanOrEqual(0)
      }),
      { numRuns: 1000 },
    )
  })

  it('never throws and never reads more than the length limit, whatever the text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEME_IDS), fc.string({ unit: 'grapheme', maxLength: 80 }), (scheme, text) => {
        const v = parseVersion(scheme, text)
        if (v) {
          expect(v.text.length).toBeLessThanOrEqual(64)
          expect(parseVersion(scheme, v.canonical)?.key).toBe(v.key)
        }
        parseBound(scheme, text + '*')
      }),
      { numRuns: 2000 },
    )
  })
})
