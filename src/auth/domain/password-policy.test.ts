import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { describePasswordProblems, passwordProblems, PASSWORD_MIN_LENGTH } from './password-policy.ts'

// Code points from several scripts, as people type them: ASCII, kana, kanji, symbols, emoji.
const wideChar = fc.oneof(
  fc.integer({ min: 0x21, max: 0x7e }),
  fc.integer({ min: 0x3041, max: 0x30ff }),
  fc.integer({ min: 0x4e00, max: 0x9fff }),
  fc.integer({ min: 0x2190, max: 0x21ff }),
  fc.integer({ min: 0x1f600, max: 0x1f64f }),
).map((cp) => String.fromCodePoint(cp))

const localPart = fc.stringMatching(/^[a-z][a-z0-9._-]{3,15}$/)

describe('password policy', () => {
  it('rejects anything shorter than 12 characters, counted in characters not UTF-16 units', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: PASSWORD_MIN_LENGTH - 1 }), fc.emailAddress(), (password, email) => {
      expect(passwordProblems(password, email)).toContain('too_short')
    }))
    // Eleven emoji are 22 UTF-16 units but still only eleven characters.
    expect(passwordProblems('😀😁😂🤣😃😄😅😆😉😊😋', 'someone@example.jp')).toContain('too_short')
  })

  it('rejects a password containing the e-mail local part, in any letter case', () => {
    fc.assert(fc.property(localPart, fc.array(wideChar, { maxLength: 10 }), fc.array(wideChar, { maxLength: 10 }), fc.boolean(),
      (local, before, after, upper) => {
        const email = `${local}@example.jp`
        const password = before.join('') + (upper ? local.toUpperCase() : local) + after.join('')
        expect(passwordProblems(password, email)).toContain('contains_email')
      }))
  })

  it('accepts long passwords drawn from a wide alphabet', () => {
    fc.assert(fc.property(
      // Four distinct characters up front: a password of one repeated character is rejected on purpose.
      fc.uniqueArray(wideChar, { minLength: 4, maxLength: 4 }), fc.array(wideChar, { minLength: 12, maxLength: 60 }), localPart,
      (distinct, rest, local) => {
        const password = distinct.join('') + rest.join('')
        fc.pre(!password.toLowerCase().includes(local))
        expect(passwordProblems(password, `${local}@example.jp`)).toEqual([])
      }))
  })

  it('rejects passwords of fewer than four different characters however long', () => {
    fc.assert(fc.property(fc.uniqueArray(wideChar, { minLength: 1, maxLength: 3 }), fc.integer({ min: 12, max: 80 }), (chars, length) => {
      const password = Array.from({ length }, (_, i) => chars[i % chars.length]).join('')
      expect(passwordProblems(password, 'someone@example.jp')).toContain('repetitive')
    }))
  })

  it('rejects passwords over 256 characters and the most common choices', () => {
    expect(passwordProblems('aB3$'.repeat(65), 'someone@example.jp')).toContain('too_long')
    expect(passwordProblems('Password1234', 'someone@example.jp')).toContain('common')
  })

  it('explains each problem in words', () => {
    expect(describePasswordProblems(passwordProblems('short', 'someone@example.jp'))).toMatch(/at least 12 characters/)
  })
})
