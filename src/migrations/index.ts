import type { Migration } from 'kysely'
import * as createFoundation from './202611270800_create_foundation.ts'
import * as createStandards from './202611270900_create_standards.ts'

/** Every migration, in order. One set for both engines; never edit one that has been merged. */
export const MIGRATIONS: Record<string, Migration> = {
  '202611270800_create_foundation': createFoundation,
  '202611270900_create_standards': createStandards,
}
