import type { DependencyType } from '../domain/model.ts'

/**
 * Demo data for issue 5 (S12, S14, S15, S25, S27, S8): the demo operators' critical-infrastructure services,
 * the provider registry (the provider organisations of src/org/seed/demo-data.ts, plus two regional grids), the
 * dependencies between them, and the NCO's designation criteria.
 *
 * Everything is FICTIONAL: names, people counts, hours and probabilities were invented to be plausible, not taken
 * from any real company. People per prefecture never exceed the 2020 census population of the prefecture, and
 * list only the main prefectures of a national service (so they add up to less than `people`).
 *
 * The story the structure tells (the SPOF table at the default 72 hours):
 * - そらクラウド 東日本リージョン (S27): many finance services (internet banking, online securities, insurance)
 *   run on it with no other region, the cloud EHR かるて runs on it (small hospitals and clinics), and so does the
 *   joint local-government centre (ガバメントクラウド). Its two zones are alternatives to each other, so no single
 *   data centre takes it down; the region itself does, across three sectors.
 * - まるやまリテール物流 (S14): outside the designated sectors, yet the only supplier of medicines, medical
 *   materials and food for the small hospitals and clinics below, and the only contracted supplier of relief goods
 *   for four municipalities. Their stock lasts 12–48 hours, less than the 72 hours of the table; the disaster base
 *   hospitals (災害拠点病院) hold the required three days and so ride out 72 hours, and one hospital has a second
 *   supplier (an alternative).
 * - Power and telecom: data centres and disaster base hospitals run on generators for 72 hours (manual failover of
 *   72 h, what 災害拠点病院 must hold); national telecom services only degrade when one regional grid fails; the
 *   grid's control lines have a mobile backup; a 新電力 microgrid islands automatically. Power depends on telecom
 *   and on fuel, which depend on power again (two cycles). So at 72 hours the power services are not single
 *   points of failure; ask for 96 hours and they are (S12: what reaching the MTPD requires).
 * - Concentration (exposure, whatever the failover) is highest on the data centres under the cloud region and
 *   the national medical system; the cloud region itself carries three sectors.
 * - つむぎ決済ネットワーク: card authorisation has no other network (a 2-hour stand-in only); banks' transfers
 *   only degrade without it.
 */

/** A CI service of a demo operator. `key` names it in this file; its id is derived from the key. */
export interface DemoServiceSpec {
  key: string
  operator: string
  ja: string
  en: string
  sector: string
  type: string
  people: number
  businesses: number
  /** People served per prefecture (JIS X 0401), main prefectures only. */
  prefectures: Readonly<Record<string, number>>
  /** Other services (by key) that can take over, and how many hours the switch takes. */
  substitutes?: readonly (readonly [string, number])[]
  mtpd: number
  rto: number
  rpo: number
  rlo: number
  /** Share of the people affected after one hour, one day and one week of disruption (non-decreasing, ≤ 1). */
  impact: readonly [number, number, number]
}

/** A provider registry entry; `org` is the organisation that registered it (the provider itself where there is one). */
export interface DemoProviderSpec {
  key: string
  org: string
  ja: string
  en: string
  providerType: 'cloud' | 'data_centre' | 'telecom' | 'power' | 'logistics' | 'payment' | 'software'
  prefectures: readonly string[]
  annualFailureProbability?: number
}

/**
 * `from` depends on `to` (keys of services or providers). `failover`: 'none', 'automatic' (the loss never stops
 * `from`), or the hours a manual fallback (stock, generator fuel, paper operation) rides out. Zones, backup sites
 * and second carriers are `alternatives`: the dependency holds while any of them is up. `owner`: the organisation
 * that recorded it.
 */
export interface DemoEdgeSpec {
  from: string
  to: string
  /** What `from` gets from `to` (DEPENDENCY_TYPES): hosting, power, network, supplies, payments … */
  type: DependencyType
  criticality?: 'critical' | 'degraded'
  failover: 'none' | 'automatic' | number
  alternatives?: readonly string[]
  owner: string
}

// ---------------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------------

const FULL = [1, 1, 1] as const

const HOSPITAL_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  'aoba-hospital': ['あおば中央病院', 'Aoba Central Hospital'],
  'komorebi-medical-center': ['こもれび総合医療センター', 'Komorebi General Medical Centre'],
  'harukaze-univ-hospital': ['はるかぜ大学病院', 'Harukaze University Hospital'],
  'shirakaba-hospital': ['しらかば記念病院', 'Shirakaba Memorial Hospital'],
  'shiosai-hospital': ['しおさい市民病院', 'Shiosai Municipal Hospital'],
  'tomoe-hospital': ['ともえ記念病院', 'Tomoe Memorial Hospital'],
}

export const DEMO_SERVICES: readonly DemoServiceSpec[] = [
  // 情報通信 (telecom)
  {
    key: 'yamabiko-fixed', operator: 'yamabiko-tsushin', ja: '固定ブロードバンド・固定電話', en: 'Fixed broadband and telephone', sector: 'telecom', type: '固定通信',
    people: 21_500_000, businesses: 1_200_000,
    prefectures: { 13: 4_100_000, 14: 2_600_000, 11: 2_100_000, 12: 1_800_000, 27: 2_300_000, 23: 2_000_000, '01': 1_300_000, 40: 1_400_000 },
    substitutes: [['akatsuki-mobile', 1]], mtpd: 12, rto: 4, rpo: 0, rlo: 0.6, impact: [0.04, 0.45, 1],
  },
  {
    key: 'akatsuki-mobile', operator: 'akatsuki-mobile', ja: '携帯電話・モバイルデータ通信', en: 'Mobile voice and data', sector: 'telecom', type: '移動通信',
    people: 41_000_000, businesses: 900_000,
    prefectures: { 13: 6_000_000, 14: 3_900_000, 27: 3_600_000, 11: 3_000_000, 23: 3_100_000, 12: 2_600_000, '01': 2_100_000, 40: 2_000_000, 28: 2_200_000 },
    substitutes: [['yamabiko-fixed', 1]], mtpd: 6, rto: 2, rpo: 0, rlo: 0.5, impact: [0.06, 0.75, 1],
  },
  {
    key: 'uzushio-catv', operator: 'uzushio-catv', ja: 'ケーブルテレビ・インターネット', en: 'Cable TV and internet', sector: 'telecom', type: '固定通信',
    people: 190_000, businesses: 6_500, prefectures: { 36: 168_000, 37: 20_000 },
    substitutes: [['yamabiko-fixed', 72]], mtpd: 48, rto: 12, rpo: 24, rlo: 0.8, impact: [0.03, 0.3, 1],
  },
  {
    key: 'hoshizora-broadcast', operator: 'hoshizora-broadcasting', ja: '地上デジタルテレビ放送（防災情報を含む）', en: 'Terrestrial digital TV (including disaster information)', sector: 'telecom', type: '放送',
    people: 1_250_000, businesses: 30_000, prefectures: { 42: 1_180_000, 41: 60_000 },
    mtpd: 6, rto: 1, rpo: 0, rlo: 0.9, impact: [0.8, 0.95, 1],
  },

  // 金融 (finance)
  {
    key: 'shinonome-core', operator: 'shinonome-bank', ja: '預金・為替（窓口・ATM）', en: 'Deposits and transfers (branches and ATMs)', sector: 'finance', type: '資金決済',
    people: 24_000_000, businesses: 1_100_000,
    prefectures: { 13: 5_200_000, 14: 2_400_000, 11: 1_900_000, 12: 1_600_000, 27: 2_200_000, 23: 1_500_000 },
    mtpd: 24, rto: 2, rpo: 0, rlo: 0.7, impact: [0.05, 0.5, 1],
  },
  {
    key: 'shinonome-ib', operator: 'shinonome-bank', ja: 'インターネットバンキング', en: 'Internet banking', sector: 'finance', type: 'インターネットバンキング',
    people: 12_000_000, businesses: 420_000, prefectures: { 13: 3_100_000, 14: 1_400_000, 11: 1_000_000, 12: 900_000, 27: 1_200_000 },
    substitutes: [['shinonome-core', 1]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.6, impact: [0.05, 0.6, 1],
  },
  {
    key: 'hokuto-core', operator: 'hokuto-mirai-bank', ja: '預金・為替', en: 'Deposits and transfers', sector: 'finance', type: '資金決済',
    people: 3_900_000, businesses: 160_000, prefectures: { '01': 3_700_000, '02': 120_000 },
    substitutes: [['shinonome-core', 24]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.7, impact: [0.05, 0.5, 1],
  },
  {
    key: 'hokuto-ib', operator: 'hokuto-mirai-bank', ja: 'インターネットバンキング', en: 'Internet banking', sector: 'finance', type: 'インターネットバンキング',
    people: 1_500_000, businesses: 52_000, prefectures: { '01': 1_450_000 },
    substitutes: [['hokuto-core', 1]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.6, impact: [0.05, 0.6, 1],
  },
  {
    key: 'asanagi-core', operator: 'asanagi-bank', ja: '預金・為替', en: 'Deposits and transfers', sector: 'finance', type: '資金決済',
    people: 1_350_000, businesses: 70_000, prefectures: { 33: 1_150_000, 34: 120_000, 37: 50_000 },
    substitutes: [['shinonome-core', 24]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.7, impact: [0.05, 0.5, 1],
  },
  {
    key: 'asanagi-ib', operator: 'asanagi-bank', ja: 'インターネットバンキング', en: 'Internet banking', sector: 'finance', type: 'インターネットバンキング',
    people: 520_000, businesses: 21_000, prefectures: { 33: 450_000, 34: 50_000 },
    substitutes: [['asanagi-core', 2]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.6, impact: [0.05, 0.6, 1],
  },
  {
    key: 'wakaba-deposits', operator: 'wakaba-shinkin', ja: '預金・融資（地域）', en: 'Deposits and loans (local)', sector: 'finance', type: '資金決済',
    people: 310_000, businesses: 24_000, prefectures: { 10: 305_000 },
    // Members' cards work at the megabank's ATMs (提携ATM) within a day.
    substitutes: [['shinonome-core', 24]], mtpd: 48, rto: 8, rpo: 0, rlo: 0.7, impact: [0.02, 0.3, 1],
  },
  {
    key: 'hanamizuki-deposits', operator: 'hanamizuki-shinkumi', ja: '預金・融資（組合員）', en: 'Deposits and loans (members)', sector: 'finance', type: '資金決済',
    people: 62_000, businesses: 5_200, prefectures: { 44: 62_000 },
    substitutes: [['shinonome-core', 24]], mtpd: 48, rto: 8, rpo: 0, rlo: 0.7, impact: [0.02, 0.3, 1],
  },
  {
    key: 'amane-trading', operator: 'amane-securities', ja: 'オンライン株式取引', en: 'Online share trading', sector: 'finance', type: '証券取引',
    people: 3_300_000, businesses: 12_000, prefectures: { 13: 900_000, 14: 420_000, 11: 300_000, 27: 350_000 },
    substitutes: [['kazahana-trading', 48]], mtpd: 8, rto: 2, rpo: 0, rlo: 0.8, impact: [0.2, 0.8, 1],
  },
  {
    key: 'shirasagi-claims', operator: 'shirasagi-life', ja: '保険金・給付金の支払', en: 'Insurance claims and benefit payments', sector: 'finance', type: '保険',
    people: 6_800_000, businesses: 45_000, prefectures: { 28: 900_000, 27: 1_000_000, 13: 800_000 },
    mtpd: 48, rto: 12, rpo: 1, rlo: 0.5, impact: [0, 0.1, 0.6],
  },
  {
    key: 'suirei-accident', operator: 'suirei-nonlife', ja: '自動車事故受付・ロードサービス手配', en: 'Motor accident reporting and roadside assistance', sector: 'finance', type: '保険',
    people: 2_600_000, businesses: 30_000, prefectures: { 27: 700_000, 28: 300_000, 26: 200_000, 13: 400_000 },
    mtpd: 12, rto: 2, rpo: 0, rlo: 0.8, impact: [0.01, 0.2, 1],
  },
  {
    key: 'hoshikage-trust', operator: 'hoshikage-trust', ja: '年金・信託財産管理', en: 'Pension and trust asset administration', sector: 'finance', type: '信託',
    people: 1_900_000, businesses: 8_000, prefectures: { 13: 600_000, 14: 250_000 },
    mtpd: 48, rto: 8, rpo: 0, rlo: 0.7, impact: [0, 0.2, 1],
  },
  {
    key: 'kazahana-trading', operator: 'kazahana-securities', ja: 'オンライン株式取引', en: 'Online share trading', sector: 'finance', type: '証券取引',
    people: 1_150_000, businesses: 4_000, prefectures: { 27: 380_000, 28: 160_000 },
    substitutes: [['amane-trading', 48]], mtpd: 8, rto: 2, rpo: 0, rlo: 0.8, impact: [0.2, 0.8, 1],
  },
  {
    key: 'minatomachi-deposits', operator: 'minatomachi-shinkin', ja: '預金・融資（地域）', en: 'Deposits and loans (local)', sector: 'finance', type: '資金決済',
    people: 240_000, businesses: 19_000, prefectures: { 38: 235_000 },
    substitutes: [['shinonome-core', 24]], mtpd: 48, rto: 8, rpo: 0, rlo: 0.7, impact: [0.02, 0.3, 1],
  },
  {
    key: 'yamanami-core', operator: 'yamanami-bank', ja: '預金・為替', en: 'Deposits and transfers', sector: 'finance', type: '資金決済',
    people: 780_000, businesses: 41_000, prefectures: { 19: 420_000, 20: 330_000 },
    substitutes: [['shinonome-core', 24]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.7, impact: [0.05, 0.5, 1],
  },
  {
    key: 'yamanami-ib', operator: 'yamanami-bank', ja: 'インターネットバンキング', en: 'Internet banking', sector: 'finance', type: 'インターネットバンキング',
    people: 260_000, businesses: 11_000, prefectures: { 19: 140_000, 20: 110_000 },
    substitutes: [['yamanami-core', 2]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.6, impact: [0.05, 0.6, 1],
  },
  {
    key: 'kasasagi-core', operator: 'kasasagi-bank', ja: '預金・為替', en: 'Deposits and transfers', sector: 'finance', type: '資金決済',
    people: 560_000, businesses: 29_000, prefectures: { 41: 470_000, 42: 60_000 },
    substitutes: [['shinonome-core', 24]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.7, impact: [0.05, 0.5, 1],
  },
  {
    key: 'kasasagi-ib', operator: 'kasasagi-bank', ja: 'インターネットバンキング', en: 'Internet banking', sector: 'finance', type: 'インターネットバンキング',
    people: 190_000, businesses: 8_000, prefectures: { 41: 170_000 },
    substitutes: [['kasasagi-core', 2]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.6, impact: [0.05, 0.6, 1],
  },

  // クレジット (credit)
  {
    key: 'asagao-card', operator: 'asagao-card', ja: 'クレジットカード決済（加盟店オーソリ）', en: 'Card payments (merchant authorisation)', sector: 'credit', type: 'カード決済',
    people: 18_000_000, businesses: 1_500_000, prefectures: { 13: 3_000_000, 14: 1_700_000, 27: 1_500_000, 23: 1_100_000 },
    substitutes: [['yunagi-card', 0]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.8, impact: [0.1, 0.7, 1],
  },
  {
    key: 'yunagi-card', operator: 'yunagi-credit', ja: 'クレジットカード決済', en: 'Card payments', sector: 'credit', type: 'カード決済',
    people: 4_500_000, businesses: 380_000, prefectures: { 40: 1_400_000, 43: 400_000, 41: 200_000 },
    substitutes: [['asagao-card', 0]], mtpd: 24, rto: 4, rpo: 0, rlo: 0.8, impact: [0.1, 0.7, 1],
  },

  // 航空・空港 (aviation, airport)
  {
    key: 'amatsukaze-domestic', operator: 'amatsukaze-air', ja: '国内線旅客輸送', en: 'Domestic passenger flights', sector: 'aviation', type: '航空輸送',
    people: 15_000_000, businesses: 60_000, prefectures: { 13: 4_000_000, '01': 1_200_000, 40: 1_100_000, 47: 900_000, 27: 1_800_000 },
    substitutes: [['churasora-islands', 24]], mtpd: 24, rto: 6, rpo: 0, rlo: 0.5, impact: [0.01, 0.3, 1],
  },
  {
    key: 'churasora-islands', operator: 'churasora-air', ja: '沖縄離島路線', en: 'Okinawa island routes', sector: 'aviation', type: '航空輸送',
    people: 1_300_000, businesses: 9_000, prefectures: { 47: 1_100_000 },
    substitutes: [['amatsukaze-domestic', 24]], mtpd: 24, rto: 6, rpo: 0, rlo: 0.5, impact: [0.01, 0.3, 1],
  },
  {
    key: 'wangan-terminal', operator: 'wangan-airport', ja: '空港運営（旅客・貨物ターミナル）', en: 'Airport operations (passenger and cargo terminals)', sector: 'airport', type: '空港運営',
    people: 30_000_000, businesses: 14_000, prefectures: { 12: 2_000_000, 13: 8_000_000 },
    mtpd: 24, rto: 8, rpo: 0, rlo: 0.5, impact: [0.01, 0.3, 1],
  },
  {
    key: 'inaho-terminal', operator: 'inaho-airport', ja: '地方空港運営', en: 'Regional airport operations', sector: 'airport', type: '空港運営',
    people: 560_000, businesses: 1_100, prefectures: { '05': 420_000 },
    mtpd: 48, rto: 12, rpo: 0, rlo: 0.5, impact: [0.01, 0.2, 1],
  },

  // 鉄道 (railway)
  {
    key: 'kasumi-rail', operator: 'kasumi-railway', ja: '都市間・通勤鉄道輸送', en: 'Intercity and commuter rail', sector: 'railway', type: '鉄道輸送',
    people: 6_500_000, businesses: 0, prefectures: { 13: 3_200_000, 11: 1_500_000, 12: 900_000, 14: 700_000 },
    mtpd: 24, rto: 6, rpo: 0, rlo: 0.6, impact: [0.3, 0.9, 1],
  },
  {
    key: 'namihaya-rail', operator: 'namihaya-railway', ja: '通勤鉄道輸送', en: 'Commuter rail', sector: 'railway', type: '鉄道輸送',
    people: 3_100_000, businesses: 0, prefectures: { 27: 2_400_000, 29: 400_000, 30: 200_000 },
    mtpd: 24, rto: 6, rpo: 0, rlo: 0.6, impact: [0.3, 0.9, 1],
  },
  {
    key: 'kumoi-rail', operator: 'kumoi-railway', ja: '地域鉄道輸送', en: 'Regional rail', sector: 'railway', type: '鉄道輸送',
    people: 180_000, businesses: 0, prefectures: { 20: 180_000 },
    mtpd: 48, rto: 12, rpo: 0, rlo: 0.5, impact: [0.2, 0.8, 1],
  },

  // 電力 (electricity)
  {
    key: 'hokuriku-power', operator: 'hokuriku-hikari-power', ja: '電力供給（北陸エリア）', en: 'Electricity supply (Hokuriku area)', sector: 'electricity', type: '電力供給',
    people: 2_900_000, businesses: 130_000, prefectures: { 16: 1_030_000, 17: 1_120_000, 18: 640_000, 21: 60_000 },
    mtpd: 12, rto: 4, rpo: 0, rlo: 0.5, impact: FULL,
  },
  {
    key: 'akebono-power', operator: 'akebono-power', ja: '電力供給（関東エリア）', en: 'Electricity supply (Kanto area)', sector: 'electricity', type: '電力供給',
    people: 45_000_000, businesses: 2_300_000,
    prefectures: { 13: 13_900_000, 14: 9_100_000, 11: 7_200_000, 12: 6_200_000, '08': 2_800_000, '09': 1_900_000, 10: 1_900_000, 19: 800_000, 22: 1_100_000 },
    mtpd: 12, rto: 4, rpo: 0, rlo: 0.5, impact: FULL,
  },
  {
    key: 'shiranui-power', operator: 'shiranui-power', ja: '電力供給（九州エリア）', en: 'Electricity supply (Kyushu area)', sector: 'electricity', type: '電力供給',
    people: 12_700_000, businesses: 620_000,
    prefectures: { 40: 5_100_000, 41: 800_000, 42: 1_300_000, 43: 1_720_000, 44: 1_100_000, 45: 1_050_000, 46: 1_570_000 },
    mtpd: 12, rto: 4, rpo: 0, rlo: 0.5, impact: FULL,
  },
  {
    key: 'midori-microgrid', operator: 'midori-community-power', ja: '地域電力小売・マイクログリッド', en: 'Community power retail and microgrid', sector: 'electricity', type: '電力供給',
    people: 85_000, businesses: 3_000, prefectures: { 18: 85_000 },
    // The grid operator's last-resort supply (最終保障供給) takes the customers over at once.
    substitutes: [['hokuriku-power', 0]], mtpd: 24, rto: 6, rpo: 0, rlo: 0.5, impact: FULL,
  },

  // ガス (gas)
  {
    key: 'ibuki-gas', operator: 'chukyo-ibuki-gas', ja: '都市ガス供給（中京圏）', en: 'City gas supply (Chukyo area)', sector: 'gas', type: 'ガス供給',
    people: 5_600_000, businesses: 160_000, prefectures: { 23: 5_000_000, 21: 400_000, 24: 200_000 },
    mtpd: 72, rto: 24, rpo: 0, rlo: 0.5, impact: [0.2, 1, 1],
  },
  {
    key: 'tomoshibi-gas', operator: 'tomoshibi-gas', ja: '都市ガス供給（道央）', en: 'City gas supply (central Hokkaido)', sector: 'gas', type: 'ガス供給',
    people: 1_400_000, businesses: 38_000, prefectures: { '01': 1_400_000 },
    mtpd: 48, rto: 12, rpo: 0, rlo: 0.5, impact: [0.2, 1, 1],
  },
  {
    key: 'umikaze-gas', operator: 'umikaze-gas', ja: '都市ガス供給（地域）', en: 'City gas supply (local)', sector: 'gas', type: 'ガス供給',
    people: 210_000, businesses: 6_000, prefectures: { 37: 210_000 },
    mtpd: 72, rto: 24, rpo: 0, rlo: 0.5, impact: [0.2, 1, 1],
  },

  // 政府・行政サービス (government)
  ...city('hinageshi-city', 'ひなげし市', 'Hinageshi City', '04', 310_000, true),
  ...city('kamomedai-city', 'かもめ台市', 'Kamomedai City', '14', 720_000, false),
  ...city('mahoroba-city', 'まほろば市', 'Mahoroba City', '29', 350_000, true),
  ...city('shirayuri-town', 'しらゆり町', 'Shirayuri Town', '45', 26_000, false),
  {
    key: 'kyodo-core', operator: 'jichitai-kyodo-center', ja: '自治体基幹業務システムの共同運用', en: 'Shared core systems for municipalities', sector: 'government', type: '行政サービス',
    people: 3_500_000, businesses: 0, prefectures: { 23: 1_200_000, 21: 500_000, 24: 300_000, '04': 310_000, 29: 350_000 },
    mtpd: 72, rto: 24, rpo: 4, rlo: 0.5, impact: [0, 0.3, 1],
  },

  // 医療 (medical)
  {
    key: 'claims-eligibility', operator: 'medical-claims', ja: 'オンライン資格確認・電子処方箋', en: 'Online insurance eligibility and e-prescriptions', sector: 'medical', type: '医療情報基盤',
    people: 120_000_000, businesses: 230_000, prefectures: { 13: 13_500_000, 27: 8_500_000, 14: 8_900_000, 23: 7_300_000, 11: 7_100_000 },
    mtpd: 72, rto: 12, rpo: 0, rlo: 0.7, impact: [0.005, 0.1, 0.6],
  },
  {
    key: 'claims-settlement', operator: 'medical-claims', ja: '診療報酬の審査・支払', en: 'Review and payment of medical fees', sector: 'medical', type: '診療報酬',
    people: 0, businesses: 230_000, prefectures: {},
    mtpd: 168, rto: 72, rpo: 4, rlo: 0.5, impact: [0, 0, 0],
  },
  ...hospital('aoba-hospital', '04', 900_000, 210_000),
  ...hospital('komorebi-medical-center', '26', 650_000, 170_000),
  ...hospital('harukaze-univ-hospital', '41', 380_000, 160_000),
  ...hospital('shirakaba-hospital', '01', 320_000, 95_000),
  ...hospital('shiosai-hospital', '39', 250_000, 80_000),
  ...hospital('tomoe-hospital', '25', 280_000, 90_000),
  ...clinic('clinic-kaede', '19', '外来診療・院内処方', 'Outpatient care and in-house dispensing', 12_000, 48, true),
  ...clinic('clinic-tsubaki', '46', '小児科外来・予防接種', 'Paediatric outpatient care and vaccination', 8_500, 48, true),
  ...clinic('clinic-icho', '11', '整形外科外来・リハビリテーション', 'Orthopaedic outpatient care and rehabilitation', 9_000, 72, true),
  ...clinic('clinic-momiji', '34', '眼科外来・日帰り手術', 'Eye outpatient care and day surgery', 7_000, 120, true),
  ...clinic('clinic-sumire', '02', '歯科外来', 'Dental outpatient care', 4_500, 120, false),
  {
    key: 'clinic-hiiragi-homecare', operator: 'clinic-hiiragi', ja: '在宅医療（訪問診療・医薬品の配送）', en: 'Home care (home visits and medicine delivery)', sector: 'medical', type: '在宅医療',
    people: 1_200, businesses: 0, prefectures: { 32: 1_200 },
    substitutes: [['clinic-hiiragi-online', 4]], mtpd: 24, rto: 8, rpo: 24, rlo: 0.5, impact: [0.05, 0.8, 1],
  },
  {
    key: 'clinic-hiiragi-online', operator: 'clinic-hiiragi', ja: 'オンライン診療', en: 'Online consultations', sector: 'medical', type: 'オンライン診療',
    people: 600, businesses: 0, prefectures: { 32: 600 },
    substitutes: [['clinic-hiiragi-homecare', 24]], mtpd: 72, rto: 24, rpo: 24, rlo: 0.5, impact: [0, 0.3, 1],
  },

  // 水道 (water)
  {
    key: 'shizuku-bulk', operator: 'shizuku-water', ja: '広域水道用水供給', en: 'Regional bulk water supply', sector: 'water', type: '水道',
    people: 1_450_000, businesses: 52_000, prefectures: { 22: 1_450_000 },
    mtpd: 24, rto: 12, rpo: 0, rlo: 0.6, impact: [0, 0.4, 1],
  },
  {
    key: 'hisui-water', operator: 'hisui-water', ja: '上水道', en: 'Drinking water supply', sector: 'water', type: '水道',
    people: 780_000, businesses: 26_000, prefectures: { 15: 780_000 },
    mtpd: 24, rto: 12, rpo: 0, rlo: 0.6, impact: [0, 0.4, 1],
  },
  {
    key: 'kuroshio-water', operator: 'kuroshio-water', ja: '上水道（広域）', en: 'Drinking water supply (regional)', sector: 'water', type: '水道',
    people: 410_000, businesses: 14_000, prefectures: { 30: 410_000 },
    mtpd: 24, rto: 12, rpo: 0, rlo: 0.6, impact: [0, 0.4, 1],
  },

  // 物流 (logistics)
  {
    key: 'hayate-parcels', operator: 'hayate-transport', ja: '宅配便・企業間物流', en: 'Parcel delivery and business logistics', sector: 'logistics', type: '物流',
    people: 9_000_000, businesses: 300_000, prefectures: { '09': 600_000, 13: 2_000_000, 11: 1_200_000 },
    substitutes: [['asagi-trucking', 24]], mtpd: 72, rto: 24, rpo: 4, rlo: 0.5, impact: [0, 0.2, 1],
  },
  {
    key: 'asagi-trucking', operator: 'asagi-freight', ja: '路線トラック輸送（中部）', en: 'Scheduled trucking (Chubu)', sector: 'logistics', type: '物流',
    people: 1_200_000, businesses: 45_000, prefectures: { 21: 500_000, 23: 600_000 },
    substitutes: [['hayate-parcels', 24]], mtpd: 72, rto: 24, rpo: 4, rlo: 0.5, impact: [0, 0.2, 1],
  },
  {
    key: 'kogarashi-coldchain', operator: 'kogarashi-coldchain', ja: '医薬品・食品の定温配送', en: 'Temperature-controlled delivery of medicines and food', sector: 'logistics', type: '物流',
    people: 600_000, businesses: 12_000, prefectures: { '06': 300_000, '04': 150_000, 26: 100_000 },
    substitutes: [['hayate-parcels', 48]], mtpd: 48, rto: 12, rpo: 4, rlo: 0.5, impact: [0, 0.3, 1],
  },

  // 化学 (chemical)
  {
    key: 'aoi-basic', operator: 'aoi-chemical', ja: '基礎化学品の供給', en: 'Supply of basic chemicals', sector: 'chemical', type: '化学品供給',
    people: 0, businesses: 1_800, prefectures: {}, substitutes: [['shirogane-basic', 48]], mtpd: 168, rto: 72, rpo: 24, rlo: 0.5, impact: [0, 0, 0],
  },
  {
    key: 'shirogane-basic', operator: 'shirogane-chemical', ja: '基礎化学品・塩素の供給', en: 'Supply of basic chemicals and chlorine', sector: 'chemical', type: '化学品供給',
    people: 0, businesses: 650, prefectures: {}, substitutes: [['aoi-basic', 48]], mtpd: 168, rto: 72, rpo: 24, rlo: 0.5, impact: [0, 0, 0],
  },
  {
    key: 'kotone-water-chemicals', operator: 'kotone-chemical', ja: '水処理薬品（凝集剤・次亜塩素酸ナトリウム）の供給', en: 'Water treatment chemicals (coagulants, sodium hypochlorite)', sector: 'chemical', type: '化学品供給',
    people: 0, businesses: 420, prefectures: {}, substitutes: [['shirogane-basic', 48]], mtpd: 168, rto: 48, rpo: 24, rlo: 0.5, impact: [0, 0, 0],
  },

  // 石油 (petroleum)
  {
    key: 'akane-fuel', operator: 'akane-oil', ja: '石油製品の供給（関東）', en: 'Petroleum products supply (Kanto)', sector: 'petroleum', type: '石油供給',
    people: 12_000_000, businesses: 90_000, prefectures: { 12: 2_000_000, 13: 4_000_000, 11: 2_000_000, 14: 3_000_000 },
    substitutes: [['misaki-fuel', 72]], mtpd: 72, rto: 24, rpo: 0, rlo: 0.5, impact: [0, 0.1, 0.8],
  },
  {
    key: 'shiranami-fuel', operator: 'shiranami-oil', ja: '石油製品の供給（北海道）', en: 'Petroleum products supply (Hokkaido)', sector: 'petroleum', type: '石油供給',
    people: 3_000_000, businesses: 40_000, prefectures: { '01': 3_000_000 },
    mtpd: 48, rto: 24, rpo: 0, rlo: 0.5, impact: [0, 0.1, 0.9],
  },
  {
    key: 'misaki-fuel', operator: 'misaki-oil', ja: '石油製品の供給（中国・四国）', en: 'Petroleum products supply (Chugoku and Shikoku)', sector: 'petroleum', type: '石油供給',
    people: 2_500_000, businesses: 30_000, prefectures: { 33: 800_000, 34: 1_200_000, 37: 300_000 },
    substitutes: [['akane-fuel', 72]], mtpd: 72, rto: 24, rpo: 0, rlo: 0.5, impact: [0, 0.1, 0.8],
  },

  // 港湾 (port)
  {
    key: 'isokaze-containers', operator: 'isokaze-terminal', ja: 'コンテナターミナル運営（京浜）', en: 'Container terminal operations (Keihin)', sector: 'port', type: '港湾',
    people: 0, businesses: 3_000, prefectures: {}, substitutes: [['wadatsumi-port', 48]], mtpd: 72, rto: 24, rpo: 4, rlo: 0.5, impact: [0, 0, 0],
  },
  {
    key: 'wadatsumi-port', operator: 'wadatsumi-port', ja: '港湾運営（伊勢湾）', en: 'Port operations (Ise Bay)', sector: 'port', type: '港湾',
    people: 0, businesses: 2_200, prefectures: {}, substitutes: [['isokaze-containers', 48]], mtpd: 72, rto: 24, rpo: 4, rlo: 0.5, impact: [0, 0, 0],
  },
  {
    key: 'hamanasu-cargo', operator: 'hamanasu-stevedoring', ja: '荷役（フェリー・RORO貨物）', en: 'Cargo handling (ferry and RORO)', sector: 'port', type: '港湾',
    people: 0, businesses: 600, prefectures: {}, mtpd: 48, rto: 12, rpo: 4, rlo: 0.5, impact: [0, 0, 0],
  },
]

/** A municipality's resident services and its relief-goods supply (災害時応援協定 with one retailer). */
function city(operator: string, ja: string, en: string, prefecture: string, population: number, sharedSystems: boolean): DemoServiceSpec[] {
  return [
    {
      key: `${operator}-residents`, operator, ja: `${ja} 住民窓口・基幹業務（住民票・税・福祉）`, en: `${en}: resident services (registry, tax, welfare)`, sector: 'government', type: '行政サービス',
      people: population, businesses: Math.round(population / 25), prefectures: { [prefecture]: population },
      // With the shared centre's systems down, counters switch to paper within a day; on their own systems they wait for them.
      mtpd: sharedSystems ? 48 : 72, rto: 24, rpo: 4, rlo: 0.5, impact: [0, 0.2, 0.8],
    },
    {
      key: `${operator}-relief`, operator, ja: `${ja} 災害時救援物資の供給`, en: `${en}: relief supplies in a disaster`, sector: 'government', type: '防災・救援',
      people: population, businesses: 0, prefectures: { [prefecture]: population },
      mtpd: 24, rto: 12, rpo: 24, rlo: 0.5, impact: [0, 0.3, 1],
    },
  ]
}


/** A hospital's emergency/inpatient care (people: its catchment) and its outpatient care (registered patients). */
function hospital(operator: string, prefecture: string, catchment: number, outpatients: number): DemoServiceSpec[] {
  const [ja, en] = HOSPITAL_NAMES[operator]!
  return [
    {
      key: `${operator}-acute`, operator, ja: `${ja} 救急・入院医療`, en: `${en}: emergency and inpatient care`, sector: 'medical', type: '医療（救急・入院）',
      people: catchment, businesses: 0, prefectures: { [prefecture]: catchment },
      mtpd: 12, rto: 4, rpo: 1, rlo: 0.5, impact: [0.002, 0.04, 0.2],
    },
    {
      key: `${operator}-outpatient`, operator, ja: `${ja} 外来診療・院内調剤`, en: `${en}: outpatient care and dispensing`, sector: 'medical', type: '医療（外来）',
      people: outpatients, businesses: 0, prefectures: { [prefecture]: outpatients },
      mtpd: 48, rto: 24, rpo: 4, rlo: 0.5, impact: [0.003, 0.05, 0.3],
    },
  ]
}

/** A clinic's outpatient care and the online consultations (or home visits) that stand in for it, and it for them. */
function clinic(operator: string, prefecture: string, ja: string, en: string, patients: number, mtpd: number, online: boolean): DemoServiceSpec[] {
  const [secondJa, secondEn, secondType] = online ? ['オンライン診療', 'Online consultations', 'オンライン診療'] : ['訪問診療', 'Home visits', '在宅医療']
  const second = `${operator}-${online ? 'online' : 'visits'}`
  return [
    {
      key: `${operator}-outpatient`, operator, ja, en, sector: 'medical', type: '医療（外来）',
      people: patients, businesses: 0, prefectures: { [prefecture]: patients },
      // Follow-up patients move to the second service within hours (online) or a day (home visits).
      substitutes: [[second, online ? 4 : 24]], mtpd, rto: Math.min(24, mtpd / 2), rpo: 24, rlo: 0.5, impact: [0.01, 0.1, 0.5],
    },
    {
      key: second, operator, ja: secondJa, en: secondEn, sector: 'medical', type: secondType,
      people: Math.round(patients / 5), businesses: 0, prefectures: { [prefecture]: Math.round(patients / 5) },
      substitutes: [[`${operator}-outpatient`, 0]], mtpd: 72, rto: 24, rpo: 24, rlo: 0.5, impact: [0, 0.3, 1],
    },
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------------------

export const DEMO_PROVIDERS: readonly DemoProviderSpec[] = [
  {
    key: 'maruyama-network', org: 'maruyama-retail-logistics', ja: 'まるやまリテール物流 全国配送網', en: 'Maruyama Retail Logistics national distribution network',
    providerType: 'logistics', prefectures: ['01', '04', '11', '13', '14', '23', '26', '27', '34', '40'], annualFailureProbability: 0.04,
  },
  {
    key: 'sora-east', org: 'sora-cloud', ja: 'そらクラウド 東日本リージョン', en: 'Sora Cloud East Japan region',
    providerType: 'cloud', prefectures: ['13', '12'], annualFailureProbability: 0.02,
  },
  { key: 'sora-west', org: 'sora-cloud', ja: 'そらクラウド 西日本リージョン', en: 'Sora Cloud West Japan region', providerType: 'cloud', prefectures: ['27'], annualFailureProbability: 0.02 },
  {
    key: 'iwakura-tokyo', org: 'iwakura-dc', ja: 'いわくらデータセンター 東京湾岸', en: 'Iwakura Data Centre Tokyo Bay',
    providerType: 'data_centre', prefectures: ['13'], annualFailureProbability: 0.005,
  },
  { key: 'iwakura-inzai', org: 'iwakura-dc', ja: 'いわくらデータセンター 千葉印西', en: 'Iwakura Data Centre Inzai', providerType: 'data_centre', prefectures: ['12'], annualFailureProbability: 0.005 },
  { key: 'iwakura-osaka', org: 'iwakura-dc', ja: 'いわくらデータセンター 大阪堂島', en: 'Iwakura Data Centre Osaka Dojima', providerType: 'data_centre', prefectures: ['27'] },
  { key: 'tsurara-ishikari', org: 'tsurara-dc', ja: '石狩つららデータセンター', en: 'Ishikari Tsurara Data Centre', providerType: 'data_centre', prefectures: ['01'] },
  { key: 'amanogawa-ix', org: 'amanogawa-ix', ja: 'あまのがわIX 東京・大阪', en: 'Amanogawa IX Tokyo and Osaka', providerType: 'telecom', prefectures: ['13', '27'], annualFailureProbability: 0.01 },
  { key: 'tsumugi-network', org: 'tsumugi-payment-network', ja: 'つむぎ決済ネットワーク', en: 'Tsumugi Payment Network', providerType: 'payment', prefectures: ['13', '27'], annualFailureProbability: 0.01 },
  { key: 'karute-ehr', org: 'karute-cloud', ja: 'かるて電子カルテサービス', en: 'Karute EHR Services', providerType: 'software', prefectures: ['40'], annualFailureProbability: 0.05 },
  // Grids of regions without a demo power operator, registered by the NCO.
  { key: 'doo-grid', org: 'nco', ja: '道央エリア系統電力', en: 'Central Hokkaido grid power', providerType: 'power', prefectures: ['01'], annualFailureProbability: 0.003 },
  { key: 'kansai-grid', org: 'nco', ja: '関西エリア系統電力', en: 'Kansai area grid power', providerType: 'power', prefectures: ['25', '26', '27', '28', '29', '30'] },
]

// ---------------------------------------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------------------------------------

/** 災害拠点病院 hold three days of medicines, food and generator fuel; other hospitals about two of stock, one of fuel. */
const DISASTER_BASE_HOURS = 72

export const DEMO_EDGES: readonly DemoEdgeSpec[] = [
  // --- Infrastructure: cloud regions on data-centre zones, the IX, payment network, EHR, power and telecom.
  { from: 'sora-east', to: 'iwakura-tokyo', type: 'facility', failover: 'none', alternatives: ['iwakura-inzai'], owner: 'sora-cloud' },
  { from: 'sora-east', to: 'amanogawa-ix', type: 'network', failover: 'none', alternatives: ['yamabiko-fixed'], owner: 'sora-cloud' },
  { from: 'sora-west', to: 'iwakura-osaka', type: 'facility', failover: 'none', owner: 'sora-cloud' },
  { from: 'sora-west', to: 'sora-east', type: 'it_system', criticality: 'degraded', failover: 'none', owner: 'sora-cloud' },
  { from: 'amanogawa-ix', to: 'iwakura-tokyo', type: 'facility', failover: 'none', alternatives: ['iwakura-osaka'], owner: 'amanogawa-ix' },
  { from: 'iwakura-tokyo', to: 'akebono-power', type: 'power', failover: DISASTER_BASE_HOURS, owner: 'iwakura-dc' },
  { from: 'iwakura-inzai', to: 'akebono-power', type: 'power', failover: DISASTER_BASE_HOURS, owner: 'iwakura-dc' },
  { from: 'tsumugi-network', to: 'iwakura-tokyo', type: 'facility', failover: 4, alternatives: ['tsurara-ishikari'], owner: 'tsumugi-payment-network' },
  { from: 'karute-ehr', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'karute-cloud' },
  { from: 'maruyama-network', to: 'sora-east', type: 'cloud_hosting', failover: 24, owner: 'maruyama-retail-logistics' },
  { from: 'maruyama-network', to: 'yamabiko-fixed', type: 'network', failover: 'none', alternatives: ['akatsuki-mobile'], owner: 'maruyama-retail-logistics' },
  { from: 'maruyama-network', to: 'akane-fuel', type: 'supply', failover: DISASTER_BASE_HOURS, owner: 'maruyama-retail-logistics' },
  // Power ↔ telecom (a cycle): grid control and telemetry use fixed lines with a mobile backup; telecom only
  // degrades when the Kanto grid fails (its national network runs on other grids too).
  { from: 'akebono-power', to: 'yamabiko-fixed', type: 'network', failover: 6, alternatives: ['akatsuki-mobile'], owner: 'akebono-power' },
  // Power ↔ fuel (another cycle): thermal plants hold a week of fuel; the refinery runs its own generation.
  { from: 'akebono-power', to: 'akane-fuel', type: 'supply', failover: 168, alternatives: ['misaki-fuel'], owner: 'akebono-power' },
  { from: 'akane-fuel', to: 'akebono-power', type: 'power', criticality: 'degraded', failover: 'none', owner: 'akane-oil' },
  { from: 'yamabiko-fixed', to: 'akebono-power', type: 'power', criticality: 'degraded', failover: DISASTER_BASE_HOURS, owner: 'yamabiko-tsushin' },
  { from: 'akatsuki-mobile', to: 'akebono-power', type: 'power', criticality: 'degraded', failover: 24, owner: 'akatsuki-mobile' },
  { from: 'uzushio-catv', to: 'yamabiko-fixed', type: 'network', failover: 'none', alternatives: ['amanogawa-ix'], owner: 'uzushio-catv' },
  { from: 'midori-microgrid', to: 'hokuriku-power', type: 'power', failover: 'automatic', owner: 'midori-community-power' },
  { from: 'shizuku-bulk', to: 'akebono-power', type: 'power', failover: DISASTER_BASE_HOURS, owner: 'shizuku-water' },
  { from: 'shizuku-bulk', to: 'kotone-water-chemicals', type: 'supply', failover: 240, alternatives: ['shirogane-basic'], owner: 'shizuku-water' },
  { from: 'kuroshio-water', to: 'kansai-grid', type: 'power', failover: DISASTER_BASE_HOURS, owner: 'kuroshio-water' },
  { from: 'hayate-parcels', to: 'akane-fuel', type: 'supply', failover: DISASTER_BASE_HOURS, owner: 'hayate-transport' },

  // --- Finance and credit (S27): internet banking, online trading and insurance on one cloud region.
  { from: 'shinonome-core', to: 'iwakura-tokyo', type: 'facility', failover: 2, alternatives: ['iwakura-osaka'], owner: 'shinonome-bank' },
  { from: 'shinonome-core', to: 'tsumugi-network', type: 'payment', criticality: 'degraded', failover: 'none', owner: 'shinonome-bank' },
  { from: 'shinonome-ib', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'shinonome-bank' },
  { from: 'hokuto-core', to: 'tsurara-ishikari', type: 'facility', failover: 6, alternatives: ['iwakura-tokyo'], owner: 'hokuto-mirai-bank' },
  { from: 'hokuto-core', to: 'tsumugi-network', type: 'payment', criticality: 'degraded', failover: 'none', owner: 'hokuto-mirai-bank' },
  { from: 'hokuto-ib', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'hokuto-mirai-bank' },
  { from: 'asanagi-core', to: 'iwakura-osaka', type: 'facility', failover: 12, alternatives: ['tsurara-ishikari'], owner: 'asanagi-bank' },
  { from: 'asanagi-ib', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'asanagi-bank' },
  { from: 'yamanami-ib', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'yamanami-bank' },
  { from: 'kasasagi-ib', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'kasasagi-bank' },
  { from: 'amane-trading', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'amane-securities' },
  { from: 'kazahana-trading', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'kazahana-securities' },
  { from: 'shirasagi-claims', to: 'sora-east', type: 'cloud_hosting', failover: 12, owner: 'shirasagi-life' },
  { from: 'hoshikage-trust', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'hoshikage-trust' },
  // The one finance service with a second region: the West Japan region takes over.
  { from: 'suirei-accident', to: 'sora-east', type: 'cloud_hosting', failover: 'none', alternatives: ['sora-west'], owner: 'suirei-nonlife' },
  { from: 'asagao-card', to: 'tsumugi-network', type: 'payment', failover: 2, owner: 'asagao-card' },
  { from: 'asagao-card', to: 'iwakura-tokyo', type: 'facility', failover: 1, alternatives: ['iwakura-osaka'], owner: 'asagao-card' },
  { from: 'yunagi-card', to: 'tsumugi-network', type: 'payment', failover: 2, owner: 'yunagi-credit' },

  // --- Government: shared systems on the cloud (ガバメントクラウド); relief goods from one retailer (S14).
  { from: 'kyodo-core', to: 'sora-east', type: 'cloud_hosting', failover: 'none', owner: 'jichitai-kyodo-center' },
  { from: 'hinageshi-city-residents', to: 'kyodo-core', type: 'it_system', failover: 'none', owner: 'hinageshi-city' },
  { from: 'mahoroba-city-residents', to: 'kyodo-core', type: 'it_system', failover: 'none', owner: 'mahoroba-city' },
  ...['hinageshi-city', 'kamomedai-city', 'mahoroba-city', 'shirayuri-town'].map((c): DemoEdgeSpec => ({ from: `${c}-relief`, to: 'maruyama-network', type: 'supply', failover: 24, owner: c })),
  { from: 'kamomedai-city-relief', to: 'akatsuki-mobile', type: 'network', criticality: 'degraded', failover: 'none', owner: 'kamomedai-city' },

  // --- Medical (S14, S27): supplies from the retailer's network, recorded by 厚生労働省 after its supply survey;
  // the cloud EHR for small hospitals and clinics; paper fallback for eligibility checks; generators.
  ...supply('aoba-hospital', DISASTER_BASE_HOURS),
  ...supply('komorebi-medical-center', DISASTER_BASE_HOURS, ['kogarashi-coldchain']),
  ...supply('harukaze-univ-hospital', DISASTER_BASE_HOURS),
  ...supply('shirakaba-hospital', 48),
  ...supply('shiosai-hospital', 48),
  ...supply('tomoe-hospital', 48),
  ...['shirakaba-hospital', 'shiosai-hospital', 'tomoe-hospital'].flatMap((h): DemoEdgeSpec[] => [
    { from: `${h}-acute`, to: 'karute-ehr', type: 'it_system', failover: 12, owner: h },
    { from: `${h}-outpatient`, to: 'karute-ehr', type: 'it_system', failover: 12, owner: h },
  ]),
  { from: 'harukaze-univ-hospital-acute', to: 'shiranui-power', type: 'power', failover: DISASTER_BASE_HOURS, owner: 'harukaze-univ-hospital' },
  { from: 'komorebi-medical-center-acute', to: 'kansai-grid', type: 'power', failover: DISASTER_BASE_HOURS, owner: 'komorebi-medical-center' },
  { from: 'shirakaba-hospital-acute', to: 'doo-grid', type: 'power', failover: 24, owner: 'shirakaba-hospital' },
  { from: 'tomoe-hospital-acute', to: 'kansai-grid', type: 'power', failover: 24, owner: 'tomoe-hospital' },
  ...['aoba-hospital', 'komorebi-medical-center', 'harukaze-univ-hospital', 'shirakaba-hospital', 'shiosai-hospital', 'tomoe-hospital'].map((h): DemoEdgeSpec => (
    { from: `${h}-outpatient`, to: 'claims-eligibility', type: 'data', criticality: 'degraded', failover: 'none', owner: h })),
  { from: 'clinic-kaede-outpatient', to: 'maruyama-network', type: 'supply', failover: 12, owner: 'mhlw' },
  { from: 'clinic-tsubaki-outpatient', to: 'maruyama-network', type: 'supply', failover: 12, owner: 'mhlw' },
  { from: 'clinic-icho-outpatient', to: 'maruyama-network', type: 'supply', failover: 24, owner: 'mhlw' },
  { from: 'clinic-momiji-outpatient', to: 'maruyama-network', type: 'supply', failover: 48, owner: 'mhlw' },
  { from: 'clinic-sumire-outpatient', to: 'maruyama-network', type: 'supply', failover: 48, owner: 'mhlw' },
  { from: 'clinic-hiiragi-homecare', to: 'maruyama-network', type: 'logistics', failover: 24, owner: 'mhlw' },
  ...['clinic-kaede-outpatient', 'clinic-tsubaki-outpatient', 'clinic-icho-outpatient', 'clinic-hiiragi-homecare'].map((s): DemoEdgeSpec => (
    { from: s, to: 'karute-ehr', type: 'it_system', failover: 12, owner: s.replace(/-(outpatient|homecare)$/, '') })),
  ...['clinic-kaede-outpatient', 'clinic-tsubaki-outpatient'].map((s): DemoEdgeSpec => (
    { from: s, to: 'claims-eligibility', type: 'data', criticality: 'degraded', failover: 'none', owner: s.replace(/-outpatient$/, '') })),
  { from: 'claims-eligibility', to: 'iwakura-inzai', type: 'facility', failover: 6, alternatives: ['tsurara-ishikari'], owner: 'medical-claims' },
  { from: 'claims-settlement', to: 'iwakura-inzai', type: 'facility', failover: 24, alternatives: ['tsurara-ishikari'], owner: 'medical-claims' },
]

/** A hospital's care depends on the retailer's deliveries, riding out `stockHours` on its own stock. */
function supply(hospitalKey: string, stockHours: number, alternatives: readonly string[] = []): DemoEdgeSpec[] {
  return ['acute', 'outpatient'].map((kind): DemoEdgeSpec => ({ from: `${hospitalKey}-${kind}`, to: 'maruyama-network', type: 'supply', failover: stockHours, alternatives, owner: 'mhlw' }))
}

// ---------------------------------------------------------------------------------------------------------
// Designation criteria (S15)
// ---------------------------------------------------------------------------------------------------------

/**
 * The NCO's criteria set: an operator is a candidate when any criterion fires. Thresholds: a service reaching
 * 5 % of the nation or half of a prefecture; a service no other can take over within three days; a failure that
 * alone pushes services of 0.5 % of the nation past their MTPD (at 72 hours); or an ES-designated operator.
 */
export const DEMO_CRITERIA = {
  key: 'nco-criteria',
  definedBy: 'nco',
  name: { ja: '重要インフラ事業者の指定候補基準（国家サイバー統括室・試行）', en: 'Designation candidate criteria for CI operators (NCO, trial)' },
  combine: 'any' as const,
  criteria: [
    { id: 'national-coverage', kind: 'national_coverage' as const, threshold: 0.05 },
    { id: 'prefecture-coverage', kind: 'prefecture_coverage' as const, threshold: 0.5 },
    { id: 'low-substitutability', kind: 'low_substitutability' as const, withinHours: 72 },
    { id: 'systemic-dependency', kind: 'systemic_dependency' as const, threshold: 0.005 },
    { id: 'economic-security', kind: 'economic_security_designation' as const },
  ],
}
