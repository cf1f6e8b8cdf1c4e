import type { Migration } from 'kysely'
import * as createFoundation from './202611270800_create_foundation.ts'
import * as createStandards from './202611270900_create_standards.ts'
import * as createAssessments from './202611271000_create_assessments.ts'
import * as createResultStats from './202611271200_create_result_stats.ts'
import * as itemStatIndexes from './202611271210_item_stat_indexes.ts'
import * as scoresDoublePrecision from './202611271220_scores_double_precision.ts'
import * as createServices from './202611271300_create_services.ts'
import * as createDependencies from './202611271310_create_dependencies.ts'
import * as dependencyEdgeType from './202611271320_dependency_edge_type.ts'
import * as createVulnerabilities from './202611271400_create_vulnerabilities.ts'
import * as createAssets from './202611271410_create_assets.ts'
import * as createAssetExceptionsPlans from './202611271420_create_asset_exceptions_plans.ts'
import * as createExposure from './202611271430_create_exposure.ts'

/** Every migration, in order. One set for both engines; never edit one that has been merged. */
export const MIGRATIONS: Record<string, Migration> = {
  '202611270800_create_foundation': createFoundation,
  '202611270900_create_standards': createStandards,
  '202611271000_create_assessments': createAssessments,
  '202611271200_create_result_stats': createResultStats,
  '202611271210_item_stat_indexes': itemStatIndexes,
  '202611271220_scores_double_precision': scoresDoublePrecision,
  '202611271300_create_services': createServices,
  '202611271310_create_dependencies': createDependencies,
  '202611271320_dependency_edge_type': dependencyEdgeType,
  '202611271400_create_vulnerabilities': createVulnerabilities,
  '202611271410_create_assets': createAssets,
  '202611271420_create_asset_exceptions_plans': createAssetExceptionsPlans,
  '202611271430_create_exposure': createExposure,
}
