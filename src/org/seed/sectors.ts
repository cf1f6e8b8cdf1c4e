/**
 * The 15 critical-infrastructure sectors of the action plan (行動計画, 2022, as amended 2024) and the
 * ministries in charge of each. This is seed data: it is meant to be edited (a 16th sector is reportedly
 * added in 2026 (check)), never hard-coded elsewhere.
 *
 * Order follows the action plan. `ministryKeys` are organisation keys of kind `ministry` in demo-data.ts:
 * mic (総務省), fsa (金融庁), mhlw (厚生労働省), meti (経済産業省), mlit (国土交通省), digital (デジタル庁).
 * Water supply (水道) moved from MHLW to MLIT on 2024-04-01.
 */
export interface SectorSeed {
  id: string
  nameJa: string
  nameEn: string
  ministryKeys: string[]
}

export const SECTORS: readonly SectorSeed[] = [
  { id: 'telecom', nameJa: '情報通信', nameEn: 'Information and communication services', ministryKeys: ['mic'] },
  { id: 'finance', nameJa: '金融', nameEn: 'Financial services', ministryKeys: ['fsa'] },
  { id: 'aviation', nameJa: '航空', nameEn: 'Aviation services', ministryKeys: ['mlit'] },
  { id: 'airport', nameJa: '空港', nameEn: 'Airport services', ministryKeys: ['mlit'] },
  { id: 'railway', nameJa: '鉄道', nameEn: 'Railway services', ministryKeys: ['mlit'] },
  { id: 'electricity', nameJa: '電力', nameEn: 'Electric power supply services', ministryKeys: ['meti'] },
  { id: 'gas', nameJa: 'ガス', nameEn: 'Gas supply services', ministryKeys: ['meti'] },
  {
    id: 'government',
    nameJa: '政府・行政サービス',
    nameEn: 'Government and administrative services (including local governments)',
    ministryKeys: ['digital', 'mic'],
  },
  { id: 'medical', nameJa: '医療', nameEn: 'Medical services', ministryKeys: ['mhlw'] },
  { id: 'water', nameJa: '水道', nameEn: 'Water supply services', ministryKeys: ['mlit'] },
  { id: 'logistics', nameJa: '物流', nameEn: 'Logistics services', ministryKeys: ['mlit'] },
  { id: 'chemical', nameJa: '化学', nameEn: 'Chemical industries', ministryKeys: ['meti'] },
  { id: 'credit', nameJa: 'クレジット', nameEn: 'Credit card services', ministryKeys: ['meti'] },
  { id: 'petroleum', nameJa: '石油', nameEn: 'Petroleum industries', ministryKeys: ['meti'] },
  { id: 'port', nameJa: '港湾', nameEn: 'Port services', ministryKeys: ['mlit'] },
]
