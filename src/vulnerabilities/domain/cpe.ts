/**
 * CPE names (Common Platform Enumeration): the 2.3 formatted string `cpe:2.3:part:vendor:product:version:update:
 * edition:language:sw_edition:target_sw:target_hw:other` and the older 2.2 URI `cpe:/part:vendor:product:version:
 * update:edition:language`. In the formatted string `\` escapes the next character (`15.2\(4\)m7`, `a\:b`), `*` is
 * ANY and `-` is NA (not applicable).
 */
export interface Cpe {
  part: 'a' | 'o' | 'h'
  vendor: string
  product: string
  /** Unescaped; '*' (any) and '-' (not applicable) kept as written. */
  version: string
  update: string
  edition: string
  swEdition: string
  /** The string as given. */
  text: string
}

export const CPE_ANY = '*'
export const CPE_NA = '-'

function splitEscaped(body: string): string[] | null {
  const fields: string[] = []
  let current = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (c === '\\') {
      if (i + 1 >= body.length) return null
      current += body[++i]!
    } else if (c === ':') {
      fields.push(current)
      current = ''
    } else current += c
  }
  fields.push(current)
  return fields
}

/** Parse a CPE 2.3 formatted string or 2.2 URI; null when it is neither. */
export function parseCpe(text: string): Cpe | null {
  if (typeof text !== 'string') return null
  const s = text.trim()
  let fields: string[] | null
  if (/^cpe:2\.3:/i.test(s)) {
    fields = splitEscaped(s.slice('cpe:2.3:'.length))
    if (!fields || fields.length !== 11) return null
  } else if (/^cpe:\/[aoh]:/i.test(s)) {
    fields = s.slice('cpe:/'.length).split(':').map((f) => decodeURIComponent(f.replace(/%(?![0-9a-f]{2})/gi, '%25')))
    if (fields.length < 3 || fields.length > 7) return null
    while (fields.length < 11) fields.push(CPE_ANY)
  } else return null
  const [part, vendor, product, version, update, edition, , swEdition] = fields.map((f) => (f === '' ? CPE_ANY : f))
  const p = part!.toLowerCase()
  if (p !== 'a' && p !== 'o' && p !== 'h') return null
  if (vendor === CPE_ANY || product === CPE_ANY || vendor === CPE_NA || product === CPE_NA) return null
  return { part: p, vendor: vendor!, product: product!, version: version!, update: update!, edition: edition!, swEdition: swEdition!, text: s }
}

/** True when the field names a value (neither ANY nor NA). */
export function cpeValue(field: string): boolean {
  return field !== CPE_ANY && field !== CPE_NA
}

/**
 * The version a CPE names, as a version text: the version field with the update appended (NVD writes
 * `pan-os:11.1.2:h12` and `junos:21.4:r3-s5`, which read as `11.1.2h12` and `21.4r3-s5`); null when the CPE names
 * no version (`*`, `-`) or the "version 0" CISA-ADP uses to mean "any version".
 */
export function cpeVersionText(cpe: Cpe): string | null {
  if (!cpeValue(cpe.version)) return null
  return cpeValue(cpe.update) ? cpe.version + cpe.update : cpe.version
}
