import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('..', import.meta.url).pathname
const SRC = join(ROOT, 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

function imports(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
}

/** DESIGN.md layering: domain code is pure (no database, HTTP, file system or network); node:crypto is computation. */
const FORBIDDEN_IN_DOMAIN = [/\/store\//, /\/api\//, /^kysely/, /^fastify/, /^pg$/, /^node:(?!crypto$)/, /^@fastify\//]

describe('architecture', () => {
  const domainFiles = files(SRC).filter((f) => f.includes('/domain/'))

  it('has domain modules to check', () => {
    expect(domainFiles.length).toBeGreaterThan(3)
  })

  it.each(domainFiles.map((f) => [relative(ROOT, f), f]))('%s imports no I/O', (_name, file) => {
    const bad = imports(file).filter((spec) => FORBIDDEN_IN_DOMAIN.some((rule) => rule.test(spec)))
    expect(bad).toEqual([])
  })

  it('every route module declares an access rule on each route it registers', () => {
    const routeFiles = files(SRC).filter((f) => /\/api\/[^/]*-routes\.ts$/.test(f))
    for (const file of routeFiles) {
      const text = readFileSync(file, 'utf8')
      const registrations = [...text.matchAll(/\bapp\.(get|post|put|patch|delete)\(/g)].length
      const rules = [...text.matchAll(/access: '/g)].length
      expect(rules, relative(ROOT, file)).toBeGreaterThanOrEqual(registrations)
    }
  })
})
