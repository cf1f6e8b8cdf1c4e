import { createCaches, DEFAULT_SECURITY, type AppContext, type OidcSettings, type SecuritySettings } from './context.ts'
import { openDatabase, resolveDatabaseUrl } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { seedReference } from '../org/seed/seed.ts'

export interface ContextOptions {
  databaseUrl?: string | undefined
  demo?: boolean
  security?: Partial<SecuritySettings>
  oidc?: OidcSettings | null
  now?: () => Date
}

/** Opens the database, applies migrations and reference data: everything a command or the server needs first. */
export async function openContext(options: ContextOptions = {}): Promise<AppContext> {
  const database = openDatabase(resolveDatabaseUrl(options.databaseUrl))
  try {
    await migrateToLatest(database)
    const ctx: AppContext = {
      database,
      now: options.now ?? (() => new Date()),
      security: { ...DEFAULT_SECURITY, ...options.security },
      oidc: options.oidc ?? oidcFromEnv(),
      demo: options.demo ?? false,
      caches: createCaches(),
    }
    await seedReference(ctx)
    return ctx
  } catch (error) {
    await database.close()
    throw error
  }
}

/** OIDC is configured by environment: KANAME_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, and KANAME_PUBLIC_URL. */
export function oidcFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.KANAME_OIDC_ISSUER
  const clientId = env.KANAME_OIDC_CLIENT_ID
  if (!issuer || !clientId) return null
  const publicUrl = (env.KANAME_PUBLIC_URL ?? 'http://localhost:8080').replace(/\/$/, '')
  return { issuer, clientId, clientSecret: env.KANAME_OIDC_CLIENT_SECRET ?? '', redirectUri: `${publicUrl}/api/v1/auth/oidc/callback` }
}
