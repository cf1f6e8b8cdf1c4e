import { describe, expect, it } from 'vitest'
import { PREFECTURES } from '../org/seed/prefectures.ts'
import { CENSUS_2020_NATIONAL, CENSUS_2020_POPULATION } from './population.ts'

describe('2020 census populations', () => {
  it('cover exactly the 47 prefectures of the reference data', () => {
    expect(Object.keys(CENSUS_2020_POPULATION).sort()).toEqual(PREFECTURES.map((p) => p.code))
  })

  it('add up to the published national total', () => {
    expect(Object.values(CENSUS_2020_POPULATION).reduce((a, b) => a + b, 0)).toBe(CENSUS_2020_NATIONAL)
  })

  it('put Tokyo first and Tottori last, as the 2020 census does', () => {
    const sorted = Object.entries(CENSUS_2020_POPULATION).sort((a, b) => b[1] - a[1]).map(([code]) => code)
    expect(sorted[0]).toBe('13')
    expect(sorted[46]).toBe('31')
  })
})
