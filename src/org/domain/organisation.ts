import type { OrganisationKind } from '../../authz/domain/vocabulary.ts'

export interface Organisation {
  id: string
  name: string
  nameEn: string
  kind: OrganisationKind
  /** For operators and sharing bodies, the sectors they belong to; for ministries, their jurisdiction. */
  sectors: string[]
  prefectureCode: string | null
  /** 特定社会基盤事業者 (Economic Security Promotion Act). */
  esDesignated: boolean
  /** 特別社会基盤事業者 (2025 Active Cyber Defense act). */
  acdDesignated: boolean
  profile: string | null
  createdAt: string
}

export interface Sector {
  id: string
  nameJa: string
  nameEn: string
  ministryIds: string[]
}

export interface Prefecture {
  code: string
  nameJa: string
  nameEn: string
}
