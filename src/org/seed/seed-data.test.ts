import { describe, it, expect } from 'vitest'
import { SECTORS } from './sectors.ts'
import { PREFECTURES } from './prefectures.ts'
import { DEMO_ORGANISATIONS, DEMO_USERS } from './demo-data.ts'
import type { DemoOrganisation, Role } from './demo-data.ts'

const sectorIds = new Set(SECTORS.map((s) => s.id))
const prefectureCodes = new Set(PREFECTURES.map((p) => p.code))
const orgByKey = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o]))
const ofKind = (kind: DemoOrganisation['kind']) => DEMO_ORGANISATIONS.filter((o) => o.kind === kind)

function usersWith(predicate: (org: DemoOrganisation, role: Role) => boolean) {
  return DEMO_USERS.filter((u) =>
    u.memberships.some((m) => {
      const org = orgByKey.get(m.orgKey)
      return org !== undefined && predicate(org, m.role)
    }),
  )
}

describe('sectors', () => {
  it('has the 15 action-plan sectors with unique ids and names', () => {
    expect(SECTORS).toHaveLength(15)
    expect(sectorIds.size).toBe(15)
    expect(new Set(SECTORS.map((s) => s.nameJa)).size).toBe(15)
    expect([...sectorIds].sort()).toEqual(
      [
        'telecom', 'finance', 'aviation', 'airport', 'railway', 'logistics', 'port', 'electricity', 'gas',
        'chemical', 'credit', 'petroleum', 'government', 'medical', 'water',
      ].sort(),
    )
  })

  it('names at least one ministry per sector, each resolving to a ministry organisation', () => {
    for (const sector of SECTORS) {
      expect(sector.ministryKeys.length, sector.id).toBeGreaterThan(0)
      for (const key of sector.ministryKeys) {
        expect(orgByKey.get(key)?.kind, `${sector.id} → ${key}`).toBe('ministry')
      }
    }
  })

  it('agrees with the jurisdiction recorded on each ministry, both ways', () => {
    for (const ministry of ofKind('ministry')) {
      const fromSectors = SECTORS.filter((s) => s.ministryKeys.includes(ministry.key)).map((s) => s.id)
      expect([...ministry.sectorIds].sort(), ministry.key).toEqual(fromSectors.sort())
    }
  })

  it('puts water under MLIT (since 2024-04) and medical under MHLW', () => {
    expect(SECTORS.find((s) => s.id === 'water')?.ministryKeys).toEqual(['mlit'])
    expect(SECTORS.find((s) => s.id === 'medical')?.ministryKeys).toEqual(['mhlw'])
  })
})

describe('prefectures', () => {
  it('lists the 47 JIS X 0401 codes 01..47 in order', () => {
    expect(PREFECTURES).toHaveLength(47)
    PREFECTURES.forEach((p, i) => expect(p.code).toBe(String(i + 1).padStart(2, '0')))
  })

  it('has unique Japanese and English names', () => {
    expect(new Set(PREFECTURES.map((p) => p.nameJa)).size).toBe(47)
    expect(new Set(PREFECTURES.map((p) => p.nameEn)).size).toBe(47)
  })

  it('has the expected anchors and suffix conventions', () => {
    expect(PREFECTURES[0]).toEqual({ code: '01', nameJa: '北海道', nameEn: 'Hokkaido' })
    expect(PREFECTURES.find((p) => p.code === '13')?.nameJa).toBe('東京都')
    expect(PREFECTURES.find((p) => p.code === '26')?.nameJa).toBe('京都府')
    expect(PREFECTURES.find((p) => p.code === '27')?.nameJa).toBe('大阪府')
    expect(PREFECTURES[46]).toEqual({ code: '47', nameJa: '沖縄県', nameEn: 'Okinawa' })
    for (const p of PREFECTURES.slice(1)) {
      expect(p.nameJa, p.code).toMatch(/[都府県]$/)
      expect(p.nameEn, p.code).toMatch(/^[A-Z][a-z]+$/)
    }
  })
})

describe('demo organisations', () => {
  it('has unique keys and names', () => {
    expect(orgByKey.size).toBe(DEMO_ORGANISATIONS.length)
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.name)).size).toBe(DEMO_ORGANISATIONS.length)
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.nameEn)).size).toBe(DEMO_ORGANISATIONS.length)
  })

  it('has exactly one national office, keyed nco', () => {
    expect(ofKind('national_office').map((o) => o.key)).toEqual(['nco'])
  })

  it('has the six ministries', () => {
    expect(ofKind('ministry').map((o) => o.key).sort()).toEqual(['digital', 'fsa', 'meti', 'mhlw', 'mic', 'mlit'])
  })

  it('uses only valid sector ids and prefecture codes', () => {
    for (const o of DEMO_ORGANISATIONS) {
      for (const id of o.sectorIds) expect(sectorIds.has(id), `${o.key}: ${id}`).toBe(true)
      if (o.prefectureCode !== null) expect(prefectureCodes.has(o.prefectureCode), o.key).toBe(true)
    }
  })

  it('gives every operator and provider a valid prefecture', () => {
    for (const o of [...ofKind('operator'), ...ofKind('provider')]) {
      expect(o.prefectureCode !== null && prefectureCodes.has(o.prefectureCode), o.key).toBe(true)
    }
  })

  it('has exactly one sharing body per sector, serving only that sector', () => {
    for (const sector of SECTORS) {
      const bodies = ofKind('sharing_body').filter((o) => o.sectorIds.includes(sector.id))
      expect(bodies.length, sector.id).toBe(1)
    }
    for (const body of ofKind('sharing_body')) expect(body.sectorIds, body.key).toHaveLength(1)
  })

  it('has about 60 operators, each in exactly one sector, covering every sector', () => {
    const operators = ofKind('operator')
    expect(operators.length).toBeGreaterThanOrEqual(55)
    expect(operators.length).toBeLessThanOrEqual(70)
    for (const o of operators) expect(o.sectorIds.length, o.key).toBeGreaterThan(0)
    for (const sector of SECTORS) {
      expect(operators.filter((o) => o.sectorIds.includes(sector.id)).length, sector.id).toBeGreaterThanOrEqual(2)
    }
  })

  it('spreads operators over many prefectures', () => {
    const used = new Set(ofKind('operator').map((o) => o.prefectureCode))
    expect(used.size).toBeGreaterThanOrEqual(30)
  })

  it('has enough medical and finance operators that sector aggregates are not suppressed (< 5)', () => {
    const count = (id: string) => ofKind('operator').filter((o) => o.sectorIds.includes(id)).length
    expect(count('medical')).toBeGreaterThanOrEqual(8)
    expect(count('finance')).toBeGreaterThanOrEqual(6)
  })

  it('has at least 5 small clinics, all medical operators and not designated', () => {
    const clinics = DEMO_ORGANISATIONS.filter((o) => o.profile === 'small-clinic')
    expect(clinics.length).toBeGreaterThanOrEqual(5)
    for (const c of clinics) {
      expect(c.kind, c.key).toBe('operator')
      expect(c.sectorIds, c.key).toEqual(['medical'])
      expect(c.esDesignated || c.acdDesignated, c.key).toBe(false)
    }
    expect(new Set(clinics.map((c) => c.prefectureCode)).size).toBe(clinics.length)
  })

  it('has the national medical claims operator, designated under both acts', () => {
    const claims = orgByKey.get('medical-claims')
    expect(claims).toMatchObject({
      kind: 'operator', sectorIds: ['medical'], prefectureCode: '13', esDesignated: true, acdDesignated: true,
    })
  })

  it('designates only operators, and ACD designation implies ES designation', () => {
    for (const o of DEMO_ORGANISATIONS) {
      if (o.kind !== 'operator') expect(o.esDesignated || o.acdDesignated, o.key).toBe(false)
      if (o.acdDesignated) expect(o.esDesignated, o.key).toBe(true)
    }
    const es = DEMO_ORGANISATIONS.filter((o) => o.esDesignated).length
    const acd = DEMO_ORGANISATIONS.filter((o) => o.acdDesignated).length
    expect(es).toBeGreaterThanOrEqual(5)
    expect(acd).toBeGreaterThan(0)
    expect(acd).toBeLessThan(es)
  })

  it('keeps providers outside the designated sectors, with the cloud, data-centre and retail-logistics cases', () => {
    for (const p of ofKind('provider')) expect(p.sectorIds, p.key).toEqual([])
    const profiles = new Set(ofKind('provider').map((p) => p.profile))
    for (const profile of ['cloud', 'datacentre', 'retail-logistics']) expect(profiles.has(profile), profile).toBe(true)
  })
})

describe('demo users', () => {
  it('has unique, lower-case demo emails', () => {
    const emails = DEMO_USERS.map((u) => u.email)
    expect(new Set(emails).size).toBe(emails.length)
    for (const e of emails) expect(e).toMatch(/^[a-z0-9-]+@demo\.kaname\.jp$/)
  })

  it('resolves every membership and has no duplicate membership per user', () => {
    for (const u of DEMO_USERS) {
      expect(u.memberships.length, u.email).toBeGreaterThan(0)
      for (const m of u.memberships) expect(orgByKey.has(m.orgKey), `${u.email} → ${m.orgKey}`).toBe(true)
      expect(new Set(u.memberships.map((m) => m.orgKey)).size, u.email).toBe(u.memberships.length)
    }
  })

  it('has the fixed logins other code and docs rely on', () => {
    const byEmail = new Map(DEMO_USERS.map((u) => [u.email, u]))
    expect(byEmail.get('mhlw@demo.kaname.jp')?.memberships).toEqual([{ orgKey: 'mhlw', role: 'admin' }])
    expect(byEmail.get('auditor@demo.kaname.jp')?.memberships).toEqual([{ orgKey: 'nco', role: 'auditor' }])
    const firstClinic = DEMO_ORGANISATIONS.find((o) => o.profile === 'small-clinic')
    expect(byEmail.get('clinic@demo.kaname.jp')?.memberships).toEqual([{ orgKey: firstClinic?.key, role: 'admin' }])
  })

  it('has an admin officer for every ministry', () => {
    for (const ministry of ofKind('ministry')) {
      expect(usersWith((o, r) => o.key === ministry.key && r === 'admin').length, ministry.key).toBeGreaterThan(0)
    }
  })

  it('has an admin user for every small clinic', () => {
    for (const clinic of DEMO_ORGANISATIONS.filter((o) => o.profile === 'small-clinic')) {
      expect(usersWith((o, r) => o.key === clinic.key && r === 'admin').length, clinic.key).toBeGreaterThan(0)
    }
  })

  it('has a user for every persona of DESIGN.md', () => {
    const personas: Record<string, (o: DemoOrganisation, r: Role) => boolean> = {
      'NCO analyst': (o, r) => o.kind === 'national_office' && r === 'admin',
      'ministry officer': (o, r) => o.kind === 'ministry' && r === 'admin',
      'ministry reviewer': (o, r) => o.kind === 'ministry' && r === 'reviewer',
      'operator CISO': (o, r) => o.kind === 'operator' && r === 'ciso',
      'operator security staff': (o, r) => o.kind === 'operator' && r === 'assessor',
      'small clinic manager': (o) => o.kind === 'operator' && o.profile === 'small-clinic',
      'CEPTOAR coordinator': (o, r) => o.kind === 'sharing_body' && r === 'admin',
      provider: (o) => o.kind === 'provider',
      auditor: (_o, r) => r === 'auditor',
    }
    for (const [persona, predicate] of Object.entries(personas)) {
      expect(usersWith(predicate).length, persona).toBeGreaterThan(0)
    }
  })

  it('has a user with two organisations and an English-locale user', () => {
    expect(DEMO_USERS.some((u) => new Set(u.memberships.map((m) => m.orgKey)).size >= 2)).toBe(true)
    expect(DEMO_USERS.some((u) => u.locale === 'en')).toBe(true)
  })
})
