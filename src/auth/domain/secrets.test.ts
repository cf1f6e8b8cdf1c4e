import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatApiToken, hashSecret, newSecret, parseApiToken, sameHash } from './secrets.ts'

const secret = fc.stringMatching(/^[A-Za-z0-9_-]{20,80}$/)

describe('API token format', () => {
  it('parse(format(id, secret)) gives back the id and the secret', () => {
    fc.assert(fc.property(fc.uuid(), secret, (id, s) => {
      expect(parseApiToken(formatApiToken(id, s))).toEqual({ id, secret: s })
    }))
  })

  it('round-trips the secrets the platform actually issues', () => {
    fc.assert(fc.property(fc.uuid(), fc.integer({ min: 16, max: 64 }), (id, bytes) => {
      const s = newSecret(bytes)
      expect(parseApiToken(formatApiToken(id, s))).toEqual({ id, secret: s })
    }))
  })

  it('accepts nothing it could not have formatted itself', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string().map((s) => `kn_${s}`)), (garbage) => {
      const parsed = parseApiToken(garbage)
      if (parsed) expect(formatApiToken(parsed.id, parsed.secret)).toBe(garbage)
      else expect(parsed).toBeNull()
    }))
    for (const garbage of ['', 'kn_', 'kn_.', 'Bearer', 'kn_not-a-uuid.AAAAAAAAAAAAAAAAAAAAAAAA', 'kn_00000000-0000-0000-0000-000000000000']) {
      expect(parseApiToken(garbage), garbage).toBeNull()
    }
  })

  it('rejects a well-formed token with any character replaced by one outside its alphabet', () => {
    fc.assert(fc.property(fc.uuid(), secret, fc.nat(), fc.constantFrom(' ', '\n', '.', '/', '+', '=', 'é', '\u0000'), (id, s, at, bad) => {
      const token = formatApiToken(id, s)
      const i = at % token.length
      const broken = token.slice(0, i) + bad + token.slice(i + 1)
      // Replacing the one '.' separator with '.' changes nothing; every other replacement must fail.
      fc.pre(broken !== token)
      expect(parseApiToken(broken)).toBeNull()
    }))
  })

  it('rejects truncated tokens, short secrets and surrounding text', () => {
    fc.assert(fc.property(fc.uuid(), secret, (id, s) => {
      const token = formatApiToken(id, s)
      expect(parseApiToken(token.slice(0, 3 + 36))).toBeNull()
      expect(parseApiToken(formatApiToken(id, s.slice(0, 19)))).toBeNull()
      expect(parseApiToken(`Bearer ${token}`)).toBeNull()
      expect(parseApiToken(`${token}\n`)).toBeNull()
    }))
  })
})

describe('secret hashes', () => {
  it('compare equal only for the same secret', () => {
    fc.assert(fc.property(secret, secret, (a, b) => {
      expect(sameHash(hashSecret(a), hashSecret(a))).toBe(true)
      expect(sameHash(hashSecret(a), hashSecret(b))).toBe(a === b)
    }))
  })
})
