import type { Database } from './db/database.ts'
import { EpochCache } from './cache/epoch-cache.ts'

export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string
  /** Where the IdP sends the browser back: `<public URL>/api/v1/auth/oidc/callback`. */
  redirectUri: string
}

export interface SecuritySettings {
  /** Set `Secure` on cookies; on when the public URL is https or behind a TLS proxy. */
  secureCookies: boolean
  sessionHours: number
  loginRateLimit: { max: number; timeWindowMs: number }
  lockout: { maxFailures: number; lockMinutes: number }
}

/** What every module's routes and services receive: the database, a clock, and settings. No globals. */
export interface AppContext {
  database: Database
  now: () => Date
  security: SecuritySettings
  oidc: OidcSettings | null
  demo: boolean
  /** Read caches valid for one audit-head epoch (see epoch-cache.ts). */
  caches: AppCaches
}

export interface AppCaches {
  scopes: EpochCache<unknown>
  reads: EpochCache<unknown>
}

export function createCaches(): AppCaches {
  return { scopes: new EpochCache(10_000), reads: new EpochCache(2_000) }
}

export const DEFAULT_SECURITY: SecuritySettings = {
  secureCookies: false,
  sessionHours: 12,
  loginRateLimit: { max: 20, timeWindowMs: 60_000 },
  lockout: { maxFailures: 5, lockMinutes: 15 },
}
