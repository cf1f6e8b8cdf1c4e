import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Session and API-token secrets are 256-bit random values; storing their SHA-256 is enough (no brute force
 * of a 256-bit secret), and a stolen database then holds nothing that signs in.
 */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** API tokens read `kn_<id>.<secret>` so the id finds the row and the secret proves possession. */
export function formatApiToken(id: string, secret: string): string {
  return `kn_${id}.${secret}`
}

export function parseApiToken(value: string): { id: string; secret: string } | null {
  const match = /^kn_([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(value)
  return match ? { id: match[1]!, secret: match[2]! } : null
}
