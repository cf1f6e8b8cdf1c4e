import { afterEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeEachEngine, openTestContext } from '../../../test/harness/engines.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { entryHash } from '../domain/audit-chain.ts'
import { appendAudit, verifyAuditChain, type AuditEvent } from './audit-repository.ts'

type TestContext = Awaited<ReturnType<typeof openTestContext>>

const event = (n: number): AuditEvent => ({
  actor: 'user:tester', organisationId: n % 3 === 0 ? null : 'clinic-kaede', action: `test.action_${n}`,
  targetType: 'thing', targetId: `thing-${n}`, before: n % 2 === 0 ? { n, state: 'old' } : undefined, after: { n, state: 'new' },
})

describeEachEngine('audit repository', (engine) => {
  const opened: TestContext[] = []
  afterEach(async () => { for (const ctx of opened.splice(0)) await ctx.close() })

  async function fresh(): Promise<TestContext> {
    const ctx = await openTestContext(engine)
    opened.push(ctx)
    return ctx
  }

  /** Rows as stored, in seq order: what the tamper tests manipulate directly. */
  async function rows(ctx: TestContext) {
    return (await ctx.database.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute())
      .map((r) => ({ ...r, seq: Number(r.seq) }))
  }

  async function head(ctx: TestContext) {
    const h = await ctx.database.db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
    return { seq: Number(h.seq), hash: h.hash }
  }

  /** A context whose chain holds the reference seed's entries plus `n` appended here. */
  async function chainOf(n: number): Promise<TestContext> {
    const ctx = await fresh()
    for (let i = 1; i <= n; i++) await inTransaction(ctx.database, (trx) => appendAudit(trx, event(i), ctx.now()))
    return ctx
  }

  it('entries appended in transactions form a chain that verifies', async () => {
    const ctx = await fresh()
    const before = await rows(ctx)
    // Several appends in one transaction, and several transactions.
    await inTransaction(ctx.database, async (trx) => {
      for (let i = 1; i <= 3; i++) await appendAudit(trx, event(i), ctx.now())
    })
    for (let i = 4; i <= 8; i++) await inTransaction(ctx.database, (trx) => appendAudit(trx, event(i), ctx.now()))
    const after = await rows(ctx)
    expect(after).toHaveLength(before.length + 8)
    expect(after.map((r) => r.seq)).toEqual(after.map((_, i) => i + 1))
    expect(after.slice(before.length).map((r) => r.action)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `test.action_${n}`))
    for (let i = 1; i < after.length; i++) expect(after[i]!.prev_hash).toBe(after[i - 1]!.hash)
    expect(await head(ctx)).toEqual({ seq: after.length, hash: after.at(-1)!.hash })
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: true, checked: after.length })
  })

  it('a rolled-back transaction leaves no entry, and the next append continues without a gap', async () => {
    const ctx = await chainOf(2)
    const before = await rows(ctx)
    const headBefore = await head(ctx)
    await expect(inTransaction(ctx.database, async (trx) => {
      await appendAudit(trx, event(99), ctx.now())
      throw new Error('the recorded change failed')
    })).rejects.toThrow('the recorded change failed')
    expect(await rows(ctx)).toEqual(before)
    expect(await head(ctx)).toEqual(headBefore)

    await inTransaction(ctx.database, (trx) => appendAudit(trx, event(100), ctx.now()))
    const after = await rows(ctx)
    expect(after.at(-1)).toMatchObject({ seq: headBefore.seq + 1, prev_hash: headBefore.hash, action: 'test.action_100' })
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: true, checked: headBefore.seq + 1 })
  })

  it('50 concurrent transactions append a gap-free chain', async () => {
    const ctx = await fresh()
    const start = (await head(ctx)).seq
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      inTransaction(ctx.database, async (trx) => {
        // Some work before the append, so transactions really overlap on PostgreSQL's pool.
        await trx.selectFrom('organisation').select('id').execute()
        return appendAudit(trx, event(i + 1), ctx.now())
      })))
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => start + i + 1))
    const stored = await rows(ctx)
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => i + 1))
    expect(new Set(stored.slice(start).map((r) => r.action)).size).toBe(50)
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: true, checked: start + 50 })
  })

  it('an altered field is named at its entry', async () => {
    const ctx = await chainOf(6)
    const all = await rows(ctx)
    const target = all[all.length - 4]!.seq
    await sql`update audit_entry set action = ${'org.delete'} where seq = ${target}`.execute(ctx.database.db)
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: false, checked: target - 1, firstBad: { seq: target, reason: 'altered' } })
  })

  it('an altered digest is named at its entry too', async () => {
    const ctx = await chainOf(4)
    const all = await rows(ctx)
    const target = all[all.length - 2]!.seq
    await sql`update audit_entry set after_digest = ${'f'.repeat(64)} where seq = ${target}`.execute(ctx.database.db)
    expect((await verifyAuditChain(ctx.database.db)).firstBad).toEqual({ seq: target, reason: 'altered' })
  })

  it('a removed middle entry is reported missing at its seq', async () => {
    const ctx = await chainOf(6)
    const all = await rows(ctx)
    const target = all[all.length - 3]!.seq
    await sql`delete from audit_entry where seq = ${target}`.execute(ctx.database.db)
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: false, checked: target - 1, firstBad: { seq: target, reason: 'missing' } })
  })

  it('two entries swapped (reordered) fail at the first swapped seq', async () => {
    const ctx = await chainOf(6)
    const all = await rows(ctx)
    const a = all[all.length - 5]!
    const b = all[all.length - 2]!
    const contents = (r: typeof a) => ({
      at: r.at, actor: r.actor, organisation_id: r.organisation_id, action: r.action, target_type: r.target_type,
      target_id: r.target_id, before_digest: r.before_digest, after_digest: r.after_digest, prev_hash: r.prev_hash, hash: r.hash,
    })
    await inTransaction(ctx.database, async (trx) => {
      await trx.updateTable('audit_entry').set(contents(b)).where('seq', '=', a.seq).execute()
      await trx.updateTable('audit_entry').set(contents(a)).where('seq', '=', b.seq).execute()
    })
    const verdict = await verifyAuditChain(ctx.database.db)
    expect(verdict.ok).toBe(false)
    expect(verdict.checked).toBe(a.seq - 1)
    expect(verdict.firstBad?.seq).toBe(a.seq)
    expect(['altered', 'broken_link']).toContain(verdict.firstBad?.reason)
  })

  it('a rewritten entry with a recomputed own hash still breaks the link of its successor', async () => {
    // A forger who recomputes the altered entry's hash must rewrite every later entry too; one is not enough.
    const ctx = await chainOf(4)
    const all = await rows(ctx)
    const target = all[all.length - 3]!
    const forged = { ...target, action: 'org.delete' }
    const hash = entryHash({
      seq: forged.seq, at: forged.at, actor: forged.actor, organisationId: forged.organisation_id, action: forged.action,
      targetType: forged.target_type, targetId: forged.target_id, beforeDigest: forged.before_digest,
      afterDigest: forged.after_digest, prevHash: forged.prev_hash,
    })
    await sql`update audit_entry set action = ${forged.action}, hash = ${hash} where seq = ${target.seq}`.execute(ctx.database.db)
    expect((await verifyAuditChain(ctx.database.db)).firstBad).toEqual({ seq: target.seq + 1, reason: 'broken_link' })
  })

  it('a removed last entry is reported as truncation', async () => {
    const ctx = await chainOf(3)
    const last = (await rows(ctx)).at(-1)!.seq
    await sql`delete from audit_entry where seq = ${last}`.execute(ctx.database.db)
    expect(await verifyAuditChain(ctx.database.db)).toEqual({ ok: false, checked: last - 1, firstBad: { seq: last, reason: 'truncated' } })
  })

  it('an intact chain reports progress up to its length', async () => {
    const ctx = await chainOf(2)
    const length = (await head(ctx)).seq
    const seen: { done: number; total: number }[] = []
    const verdict = await verifyAuditChain(ctx.database.db, (done, total) => { seen.push({ done, total }) })
    expect(verdict).toEqual({ ok: true, checked: length })
    expect(seen.at(-1)).toEqual({ done: length, total: length })
  })
})
