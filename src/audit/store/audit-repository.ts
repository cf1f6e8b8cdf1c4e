import type { Executor } from '../../platform/db/database.ts'
import type { CompiledQuery, Kysely, Transaction } from 'kysely'
import type { DB, AuditEntryTable } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import { seesWholeAuditLog } from '../../authz/domain/policy.ts'
import { ChainWalker, entryHash, GENESIS_HASH, stateDigest, type AuditEntry, type ChainVerdict } from '../domain/audit-chain.ts'

export interface AuditEvent {
  actor: string
  organisationId: string | null
  action: string
  targetType: string
  targetId: string
  before?: unknown
  after?: unknown
}

/**
 * Appends one entry in the caller's transaction, so the entry commits with the change it records or not at all.
 * Takes a Transaction, not any executor: an audit entry outside a transaction could outlive a rolled-back change.
 * SQL: update audit_head set seq = seq + 1 … (row lock serialises appenders on PostgreSQL), then insert.
 */
export async function appendAudit(trx: Transaction<DB>, event: AuditEvent, at: Date): Promise<AuditEntry> {
  // Bumping the head first takes its row lock before we read it, so concurrent appenders queue here.
  const bumped = await trx.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', 1) })).where('id', '=', 1)
    .returning(['seq', 'hash']).executeTakeFirst()
  let seq: number
  let prevHash: string
  if (bumped) {
    seq = Number(bumped.seq)
    prevHash = bumped.hash
  } else {
    seq = 1
    prevHash = GENESIS_HASH
    await trx.insertInto('audit_head').values({ id: 1, seq: 1, hash: GENESIS_HASH }).execute()
  }
  const fields = {
    seq,
    at: at.toISOString(),
    actor: event.actor,
    organisationId: event.organisationId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    beforeDigest: stateDigest(event.before),
    afterDigest: stateDigest(event.after),
    prevHash,
  }
  const entry: AuditEntry = { ...fields, hash: entryHash(fields) }
  await trx.insertInto('audit_entry').values(toRow(entry)).execute()
  await trx.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute()
  return entry
}

/** The change epoch: the audit head's sequence number, bumped by every committed change of state. */
export async function readChangeEpoch(db: Kysely<DB>): Promise<number> {
  // Read on every authenticated request: compile once per database instead of building the query each time.
  let compiled = epochQueries.get(db)
  if (!compiled) {
    compiled = db.selectFrom('audit_head').select('seq').where('id', '=', 1).compile()
    epochQueries.set(db, compiled)
  }
  const { rows } = await db.executeQuery(compiled)
  return rows[0] ? Number(rows[0].seq) : 0
}

const epochQueries = new WeakMap<Kysely<DB>, CompiledQuery<{ seq: number }>>()

export async function listAuditEntries(db: Executor, scope: Scope, options: { limit: number; beforeSeq?: number }): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_entry').selectAll().orderBy('seq', 'desc').limit(options.limit)
  if (!seesWholeAuditLog(scope)) query = query.where('organisation_id', '=', scope.organisationId)
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq)
  return (await query.execute()).map(fromRow)
}

const PAGE = 5000

/** Verifies the whole chain page by page (constant memory); `onProgress` gets the count so far. */
export async function verifyAuditChain(db: Executor, onProgress?: (checked: number, total: number) => void): Promise<ChainVerdict> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()
  const total = head ? Number(head.seq) : 0
  async function* pages(): AsyncGenerator<AuditEntry[]> {
    let after = 0
    for (;;) {
      const rows = await db.selectFrom('audit_entry').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute()
      if (rows.length === 0) return
      yield rows.map(fromRow)
      after = Number(rows[rows.length - 1]!.seq)
      onProgress?.(Math.min(after, total), total)
    }
  }
  const walker = new ChainWalker()
  for await (const page of pages()) {
    for (const entry of page) {
      const fault = walker.push(entry)
      if (fault) return { ok: false, checked: walker.checked, firstBad: fault }
    }
  }
  return walker.finish(head ? { seq: Number(head.seq), hash: head.hash } : null)
}

function toRow(entry: AuditEntry): AuditEntryTable {
  return {
    seq: entry.seq, at: entry.at, actor: entry.actor, organisation_id: entry.organisationId, action: entry.action,
    target_type: entry.targetType, target_id: entry.targetId, before_digest: entry.beforeDigest,
    after_digest: entry.afterDigest, prev_hash: entry.prevHash, hash: entry.hash,
  }
}

function fromRow(row: AuditEntryTable): AuditEntry {
  return {
    seq: Number(row.seq), at: row.at, actor: row.actor, organisationId: row.organisation_id, action: row.action,
    targetType: row.target_type, targetId: row.target_id, beforeDigest: row.before_digest,
    afterDigest: row.after_digest, prevHash: row.prev_hash, hash: row.hash,
  }
}
