import { digitsText, NIL, num, PRE, preNum, preWord, word, type Slots } from './key.ts'

/**
 * Version schemes as code. Each parser takes cleaned text (trimmed, NFKC, single spaces) and returns the
 * canonical printed form and the slots of its sort key (see `key.ts`), or null when the text is not a version of
 * that scheme. Padding decides which texts are equal: dotted numeric cores are padded with zeros to four parts,
 * so `7.2` = `7.2.0` = `7.2.0.0`; optional parts that are absent take {@link NIL}, below any value.
 *
 * Orders, scheme by scheme (each fixed by a hand-written test in `versions.test.ts`):
 * - `semver`: semver 2.0.0 precedence (build metadata ignored), 1 to 3 numeric parts accepted.
 * - `cisco-ios` `15.2(4)M7`: release 15.2, maintenance 4, train M, rebuild 7 (optional letters after the
 *   maintenance number and the rebuild). Ordered release, train, maintenance, maintenance letter, rebuild,
 *   rebuild letter: one train's releases are contiguous, so a range like `15.2(4)M` … `15.2(4)M10` is that train.
 *   Different trains are not really comparable; the order between them is alphabetical and only has to be total.
 * - `cisco-ios-xe` `17.9.4a`, `16.12.4`, `3.7.4aS`: release, train (the upper-case letters of 3.x releases, e.g.
 *   S, E, SG), maintenance, rebuild letters (`17.1.1s` and `17.1.1t` are rebuilds of 17.1.1 as Cisco lists them).
 * - `fortios` `7.2.4`: three numbers; `build1396`, `,build…`, `(GA)` suffixes are accepted and ignored (a build
 *   number names the same release).
 * - `junos` `21.4R3-S5.2`, `15.1X49-D10`, `21.4`: release, type letter (R, X, F, B, I), build, service release
 *   (S or D number), respin; the bare train `21.4` sorts below all its releases. `-EVO` is dropped (Junos OS
 *   Evolved is a separate product, its versions order the same way).
 * - `panos` `10.2.9-h1`: three numbers and the hotfix; `10.2.9` < `10.2.9-h1` < `10.2.10`.
 * - `ivanti` `22.7R2.3`: release, R number, build.
 * - `citrix` `13.1-51.15`, `13.1-37.176-FIPS`: release, edition (standard, FIPS, NDcPP), build. Editions are
 *   separate lines: a FIPS build never falls inside a standard range and vice versa.
 * - `firmware` (Siemens, Moxa) `V2.3`, `V4.1.1 Patch04`, `V4.2 SP1`, `V4.7 SP6 HF3`: dotted core, then
 *   service pack, update, hotfix, patch; `V4.7 HF27` < `V4.7 SP1` < `V4.7.1`. `build N` is ignored.
 * - `generic` (and `cisco-nxos`): alternating runs of digits and letters, separators ignored, numbers compare
 *   as numbers, letters after a number sort above it (`9.2(2)` < `9.2(2t)` < `9.2(3)`); `7.0(3)I7(5a)` works.
 */
export const SCHEME_IDS = ['semver', 'cisco-ios', 'cisco-ios-xe', 'cisco-nxos', 'fortios', 'junos', 'panos', 'ivanti', 'citrix', 'firmware', 'generic'] as const
export type SchemeId = (typeof SCHEME_IDS)[number]

export interface SchemeParse extends Slots {
  canonical: string
}

type Parser = (text: string) => SchemeParse | null

/** Numbers of a dotted core, padded with zeros to at least `width` parts. */
function dotted(parts: string[], width: number): string[] {
  const slots = parts.map((p) => num(p))
  while (slots.length < width) slots.push(num(0))
  return slots
}

const n = (d: string | undefined) => (d === undefined || d === '' ? NIL : num(d))
const w = (letters: string | undefined) => (letters === undefined || letters === '' ? NIL : word(letters))
const t = (d: string) => digitsText(d)

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/
const semver: Parser = (text) => {
  const m = SEMVER.exec(text)
  if (!m) return null
  const core = [m[1]!, m[2], m[3]].filter((x): x is string => x !== undefined)
  const slots = dotted(core, 3)
  let canonical = [t(m[1]!), t(m[2] ?? '0'), t(m[3] ?? '0')].join('.')
  if (m[4] !== undefined) {
    slots.push(PRE)
    for (const id of m[4].split('.')) slots.push(/^\d+$/.test(id) ? preNum(id) : preWord(id))
    canonical += '-' + m[4]
  }
  return { slots, given: core.length, canonical }
}

const IOS = /^(\d+)\.(\d+)\((\d+)([a-z]?)\)([a-z]*)(\d*)([a-z]?)$/i
const ciscoIos: Parser = (text) => {
  const m = IOS.exec(text.replace(/\\/g, ''))
  if (!m) return null
  const [, major, minor, maint, maintLetter, train, rebuild, rebuildLetter] = m
  const slots = [num(major!), num(minor!), word(train!), num(maint!), w(maintLetter), n(rebuild), w(rebuildLetter)]
  const canonical = `${t(major!)}.${t(minor!)}(${t(maint!)}${maintLetter!.toLowerCase()})${train!.toUpperCase()}${rebuild ? t(rebuild) : ''}${rebuildLetter!.toLowerCase()}`
  return { slots, given: slots.length, canonical }
}

const XE = /^(?:[a-z]+[- ])?(\d+)\.(\d+)(?:\.(\d+))?([a-z]*)(\d*)$/i
const ciscoIosXe: Parser = (text) => {
  const m = XE.exec(text)
  if (!m) return null
  const [, major, minor, maint, letters, rebuildNumber] = m
  let train = ''
  let rebuild = ''
  if (Number(major) <= 3 && letters) {
    // 3.x releases: an optional lower-case rebuild letter, then the upper-case train (3.7.4aS, 3.2.0SG, 3.9.2bE).
    const split = /^([a-z])([A-Z]+)$/.exec(letters)
    if (split) [rebuild, train] = [split[1]!, split[2]!]
    else train = letters
  } else rebuild = letters!
  if (maint === undefined && (train || rebuild || rebuildNumber)) return null
  if (rebuildNumber && !rebuild) return null
  if (maint === undefined) return { slots: [num(major!), num(minor!)], given: 2, canonical: `${t(major!)}.${t(minor!)}` }
  // 16.12.1z1, 17.9.1x1: a lettered rebuild with its own number.
  const slots = [num(major!), num(minor!), w(train), num(maint), w(rebuild), n(rebuildNumber)]
  const canonical = `${t(major!)}.${t(minor!)}.${t(maint)}${rebuild.toLowerCase()}${rebuildNumber ? t(rebuildNumber) : ''}${train.toUpperCase()}`
  return { slots, given: slots.length, canonical }
}

const FORTIOS = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:(?:[ ,]+|-)(?:build|b) ?\d+(?:[ ,].*)?|\s*\((?:GA|Feature|Mature)[^)]*\))?$/i
const fortios: Parser = (text) => {
  const m = FORTIOS.exec(text)
  if (!m) return null
  const core = [m[1]!, m[2]!, m[3]].filter((x): x is string => x !== undefined)
  return { slots: dotted(core, 3), given: core.length, canonical: core.map(t).join('.') }
}

const JUNOS = /^(\d+)\.(\d+)(?:([rxfbi])(\d+)(?:\.(\d+))?(?:-([sd])(\d+)(?:\.(\d+))?)?)?$/i
const junos: Parser = (text) => {
  const m = JUNOS.exec(text.replace(/-evo$/i, ''))
  if (!m) return null
  const [, major, minor, type, build, respinOfBuild, serviceLetter, service, respinOfService] = m
  if (type === undefined) return { slots: [num(major!), num(minor!)], given: 2, canonical: `${t(major!)}.${t(minor!)}` }
  if (respinOfBuild !== undefined && service !== undefined) return null
  const respin = respinOfService ?? respinOfBuild
  const slots = [num(major!), num(minor!), word(type), num(build!), n(service), n(respin)]
  const canonical = `${t(major!)}.${t(minor!)}${type.toUpperCase()}${t(build!)}${service === undefined ? '' : `-${serviceLetter!.toUpperCase()}${t(service)}`}${respin === undefined ? '' : '.' + t(respin)}`
  return { slots, given: slots.length, canonical }
}

const PANOS = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-?h(\d+))?$/i
const panos: Parser = (text) => {
  const m = PANOS.exec(text)
  if (!m) return null
  const [, major, minor, maint, hotfix] = m
  if (hotfix !== undefined && maint === undefined) return null
  const slots = [num(major!), num(minor!), num(maint ?? '0'), n(hotfix)]
  const given = maint === undefined ? 2 : hotfix === undefined ? 3 : 4
  const canonical = `${t(major!)}.${t(minor!)}${maint === undefined ? '' : '.' + t(maint)}${hotfix === undefined ? '' : '-h' + t(hotfix)}`
  return { slots, given, canonical }
}

const IVANTI = /^(\d+)\.(\d+)(?:R(\d+)(?:\.(\d+))?)?(?: ?\(?build ?\d+\)?)?$/i
const ivanti: Parser = (text) => {
  const m = IVANTI.exec(text)
  if (!m) return null
  const [, major, minor, release, build] = m
  if (release === undefined) return { slots: [num(major!), num(minor!)], given: 2, canonical: `${t(major!)}.${t(minor!)}` }
  const slots = [num(major!), num(minor!), word('r'), num(release), num(build ?? '0')]
  return { slots, given: build === undefined ? 4 : 5, canonical: `${t(major!)}.${t(minor!)}R${t(release)}${build === undefined ? '' : '.' + t(build)}` }
}

const CITRIX = /^(?:ns)?(\d+)\.(\d+)(?:[- ](fips|ndcpp))?(?::? ?(?:[- ]|build ?)(\d+)\.(\d+)(?:\.nc)?)?(?:[- ](fips|ndcpp))?$/i
const citrix: Parser = (text) => {
  const m = CITRIX.exec(text)
  if (!m) return null
  const [, major, minor, editionBefore, build1, build2, editionAfter] = m
  if (editionBefore !== undefined && editionAfter !== undefined) return null
  const edition = (editionBefore ?? editionAfter ?? '').toLowerCase()
  const printed = edition === 'fips' ? '-FIPS' : edition === 'ndcpp' ? '-NDcPP' : ''
  // The standard edition gets a word of its own (empty sorts first) so that editions never interleave.
  const base = [num(major!), num(minor!), '\u0003' + edition + '\u0000']
  if (build1 === undefined) return { slots: base, given: 3, canonical: `${t(major!)}.${t(minor!)}${printed}` }
  return { slots: [...base, num(build1), num(build2!)], given: 5, canonical: `${t(major!)}.${t(minor!)}-${t(build1)}.${t(build2!)}${printed}` }
}

const FIRMWARE_CORE = /^(?:v ?)?(\d+(?:\.\d+)*)(.*)$/i
const FIRMWARE_PART = /^[ _-]*(sp|service pack|upd|update|hf|hotfix|patch|p|build|b)[ ]?(\d+)/i
const firmware: Parser = (text) => {
  const m = FIRMWARE_CORE.exec(text)
  if (!m) return null
  const hadV = /^v/i.test(text)
  const core = m[1]!.split('.')
  const parts: Record<'sp' | 'upd' | 'hf' | 'patch', string | undefined> = { sp: undefined, upd: undefined, hf: undefined, patch: undefined }
  let rest = m[2]!
  while (rest.trim() !== '') {
    const p = FIRMWARE_PART.exec(rest)
    if (!p) return null
    const kind = p[1]!.toLowerCase()
    const slot = kind === 'sp' || kind === 'service pack' ? 'sp' : kind === 'upd' || kind === 'update' ? 'upd' : kind === 'hf' || kind === 'hotfix' ? 'hf' : kind === 'patch' || kind === 'p' ? 'patch' : null
    if (slot !== null) {
      if (parts[slot] !== undefined) return null
      parts[slot] = p[2]!
    }
    rest = rest.slice(p[0].length)
  }
  const slots = [...dotted(core, 4), n(parts.sp), n(parts.upd), n(parts.hf), n(parts.patch)]
  const qualifiers = [parts.sp, parts.upd, parts.hf, parts.patch]
  let given = Math.min(core.length, slots.length)
  const lastQualifier = qualifiers.map((q) => q !== undefined).lastIndexOf(true)
  if (lastQualifier >= 0) given = Math.max(core.length, 4) + lastQualifier + 1
  let canonical = (hadV ? 'V' : '') + core.map(t).join('.')
  if (parts.sp !== undefined) canonical += ` SP${t(parts.sp)}`
  if (parts.upd !== undefined) canonical += ` Upd${t(parts.upd)}`
  if (parts.hf !== undefined) canonical += ` HF${t(parts.hf)}`
  if (parts.patch !== undefined) canonical += ` Patch${t(parts.patch).padStart(2, '0')}`
  return { slots, given, canonical }
}

const GENERIC_SHAPE = /^v?\d[0-9A-Za-z]*(?:[._\-()+]+[0-9A-Za-z]+)*[)]?$/i
const generic: Parser = (text) => {
  if (!GENERIC_SHAPE.test(text)) return null
  const body = text.replace(/^v(?=\d)/i, '')
  const tokens = body.match(/\d+|[A-Za-z]+/g) ?? []
  // The leading run of numbers is a dotted core: padded so that 7.2 = 7.2.0.
  let core = 0
  while (core < tokens.length && /^\d/.test(tokens[core]!)) core++
  const padded = dotted(tokens.slice(0, core), 4)
  const slots = [...padded, ...tokens.slice(core).map((tok) => (/^\d/.test(tok) ? num(tok) : word(tok)))]
  const given = core === tokens.length ? core : padded.length + tokens.length - core
  return { slots, given, canonical: body }
}

export const SCHEMES: Record<SchemeId, Parser> = {
  semver,
  'cisco-ios': ciscoIos,
  'cisco-ios-xe': ciscoIosXe,
  'cisco-nxos': generic,
  fortios,
  junos,
  panos,
  ivanti,
  citrix,
  firmware,
  generic,
}
