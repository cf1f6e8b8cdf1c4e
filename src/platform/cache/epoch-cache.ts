/**
 * A bounded cache whose entries are valid for one *epoch* only. The epoch is the audit chain's head
 * sequence number: every change of state appends an audit entry in the same transaction, so an unchanged
 * head means no committed write since the entry was cached. One primary-key read of the head per request
 * therefore replaces several queries, with no staleness, also across several instances on PostgreSQL.
 * (Time-based validity, such as session or membership expiry, is the caller's to check.)
 */
export class EpochCache<V> {
  private epoch = -1
  private readonly entries = new Map<string, V>()
  private readonly capacity: number

  constructor(capacity: number) {
    this.capacity = capacity
  }

  get(epoch: number, key: string): V | undefined {
    if (epoch !== this.epoch) return undefined
    const value = this.entries.get(key)
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as recently used.
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }

  set(epoch: number, key: string, value: V): void {
    if (epoch < this.epoch) return
    if (epoch !== this.epoch) {
      this.entries.clear()
      this.epoch = epoch
    }
    // Replacing a key must not evict another entry: remove it first, then make room only if still full.
    this.entries.delete(key)
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, value)
  }
}
