import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { EpochCache } from './epoch-cache.ts'

describe('EpochCache', () => {
  it('returns a value only for the epoch it was stored in', () => {
    const cache = new EpochCache<string>(10)
    cache.set(5, 'a', 'x')
    expect(cache.get(5, 'a')).toBe('x')
    expect(cache.get(6, 'a')).toBeUndefined()
    cache.set(6, 'b', 'y')
    expect(cache.get(6, 'a')).toBeUndefined()
    expect(cache.get(6, 'b')).toBe('y')
  })

  it('ignores values computed under an older epoch than the current one', () => {
    const cache = new EpochCache<string>(10)
    cache.set(7, 'a', 'new')
    cache.set(6, 'a', 'old')
    expect(cache.get(7, 'a')).toBe('new')
  })

  it('never holds more than its capacity and evicts the least recently used', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.string({ maxLength: 3 }), { maxLength: 100 }), (capacity, keys) => {
      const cache = new EpochCache<number>(capacity)
      keys.forEach((k, i) => cache.set(1, k, i))
      const last = [...new Set([...keys].reverse())].slice(0, capacity)
      for (const k of last) expect(cache.get(1, k)).toBe(keys.lastIndexOf(k))
    }))
  })
})
