import type { DocumentKind, LocalizedText, ProfileSpec, VersionStatus } from './model.ts'

export interface StandardDocument {
  id: string
  kind: DocumentKind
  ownerOrganisationId: string
  sectorId: string | null
  title: LocalizedText
  versions: VersionSummary[]
}

export interface VersionSummary {
  id: string
  documentId: string
  label: string
  status: VersionStatus
  effectiveFrom: string | null
  publishedAt: string | null
  consultationOpen: boolean
  isProfile: boolean
}

export interface StandardVersion extends VersionSummary {
  notice: LocalizedText
  profile: ProfileSpec | null
  source: string
  contentDigest: string
  document: { id: string; kind: DocumentKind; title: LocalizedText; ownerOrganisationId: string; sectorId: string | null }
}

/** Allowed moves of a version's status; publishing is one-way and freezes the content. */
const NEXT: Record<VersionStatus, VersionStatus[]> = {
  draft: ['published'],
  published: ['in_force', 'superseded'],
  in_force: ['superseded'],
  superseded: [],
}

export function canMove(from: VersionStatus, to: VersionStatus): boolean {
  return NEXT[from].includes(to)
}

export function isFrozen(status: VersionStatus): boolean {
  return status !== 'draft'
}
