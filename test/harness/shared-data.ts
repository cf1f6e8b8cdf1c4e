import { fileURLToPath } from 'node:url'

/** The project's public reference data: `../shared/data` beside the repository (on CI too), never modified. */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url))
