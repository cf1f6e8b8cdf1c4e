import { createHash } from 'node:crypto'

/**
 * The hash chain of the audit log. Each entry's hash covers its own fields and the previous entry's hash,
 * so altering, removing or reordering any entry breaks every hash after it; the head row remembers the
 * last (seq, hash) so truncating the tail is caught too.
 *
 * node:crypto's hash is pure computation, not I/O, which is why it is allowed in domain code.
 */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditFields {
  seq: number
  at: string
  actor: string
  organisationId: string | null
  action: string
  targetType: string
  targetId: string
  beforeDigest: string | null
  afterDigest: string | null
  prevHash: string
}

export interface AuditEntry extends AuditFields {
  hash: string
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function entryHash(fields: AuditFields): string {
  return sha256Hex(JSON.stringify([
    fields.seq, fields.at, fields.actor, fields.organisationId, fields.action,
    fields.targetType, fields.targetId, fields.beforeDigest, fields.afterDigest, fields.prevHash,
  ]))
}

/** Digest of a before/after state: canonical JSON (sorted keys) so equal states give equal digests. */
export function stateDigest(state: unknown): string | null {
  if (state === undefined || state === null) return null
  return sha256Hex(canonicalJson(state))
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export type ChainFault =
  | { seq: number; reason: 'altered' }
  | { seq: number; reason: 'missing' }
  | { seq: number; reason: 'broken_link' }
  | { seq: number; reason: 'truncated' }

export interface ChainVerdict {
  ok: boolean
  checked: number
  firstBad?: ChainFault
}

/**
 * Walks entries in stored order (by seq) and names the first fault:
 * - `missing`: a sequence number is skipped (an entry was removed),
 * - `altered`: an entry's fields no longer give its stored hash,
 * - `broken_link`: an entry does not point at its predecessor's hash (reordered, or a predecessor replaced),
 * - `truncated`: the head records a later entry than the last one present.
 */
export function verifyChain(entries: Iterable<AuditEntry>, head: { seq: number; hash: string } | null): ChainVerdict {
  const walker = new ChainWalker()
  for (const entry of entries) {
    const fault = walker.push(entry)
    if (fault) return { ok: false, checked: walker.checked, firstBad: fault }
  }
  return walker.finish(head)
}

/** The same walk fed one entry at a time, so a store can verify millions of entries page by page. */
export class ChainWalker {
  checked = 0
  private previousHash = GENESIS_HASH

  push(entry: AuditEntry): ChainFault | null {
    const expectedSeq = this.checked + 1
    if (entry.seq !== expectedSeq) return { seq: expectedSeq, reason: 'missing' }
    if (entryHash(entry) !== entry.hash) return { seq: entry.seq, reason: 'altered' }
    if (entry.prevHash !== this.previousHash) return { seq: entry.seq, reason: 'broken_link' }
    this.previousHash = entry.hash
    this.checked += 1
    return null
  }

  finish(head: { seq: number; hash: string } | null): ChainVerdict {
    const checked = this.checked
    if (head && head.seq > checked) return { ok: false, checked, firstBad: { seq: checked + 1, reason: 'truncated' } }
    if (head && (head.seq < checked || (checked > 0 && head.hash !== this.previousHash))) {
      return { ok: false, checked, firstBad: { seq: head.seq, reason: 'altered' } }
    }
    return { ok: true, checked }
  }
}
