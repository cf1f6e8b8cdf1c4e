import type { DesignationContext } from './domain/designation.ts'

/**
 * Population by prefecture (JIS X 0401 code), the denominators of the coverage criteria.
 *
 * Source: Statistics Bureau of Japan, 2020 Population Census (令和2年国勢調査), final counts, table
 * "Population by prefecture" (人口等基本集計), published 2021-11-30 on e-Stat (https://www.e-stat.go.jp/).
 * The 47 figures add up to the national total of 126,146,099 (checked in population.test.ts).
 * Public statistics; replace with the next census when it is published.
 */
export const CENSUS_2020_POPULATION: Readonly<Record<string, number>> = Object.freeze({
  '01': 5_224_614, '02': 1_237_984, '03': 1_210_534, '04': 2_301_996, '05': 959_502, '06': 1_068_027, '07': 1_833_152,
  '08': 2_867_009, '09': 1_933_146, '10': 1_939_110, '11': 7_344_765, '12': 6_284_480, '13': 14_047_594, '14': 9_237_337,
  '15': 2_201_272, '16': 1_034_814, '17': 1_132_526, '18': 766_863, '19': 809_974, '20': 2_048_011, '21': 1_978_742,
  '22': 3_633_202, '23': 7_542_415, '24': 1_770_254, '25': 1_413_610, '26': 2_578_087, '27': 8_837_685, '28': 5_465_002,
  '29': 1_324_473, '30': 922_584, '31': 553_407, '32': 671_126, '33': 1_888_432, '34': 2_799_702, '35': 1_342_059,
  '36': 719_559, '37': 950_244, '38': 1_334_841, '39': 691_527, '40': 5_135_214, '41': 811_442, '42': 1_312_317,
  '43': 1_738_301, '44': 1_123_852, '45': 1_069_576, '46': 1_588_256, '47': 1_467_480,
})

/** The national total of the 2020 census. */
export const CENSUS_2020_NATIONAL = 126_146_099

/** What the designation criteria divide by. */
export function designationContext(): DesignationContext {
  return { nationalPopulation: CENSUS_2020_NATIONAL, prefecturePopulations: CENSUS_2020_POPULATION }
}
