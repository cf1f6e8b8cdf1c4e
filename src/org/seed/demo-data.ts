/**
 * Demo dataset: organisations and users for every persona of DESIGN.md.
 *
 * Every operator and provider below is FICTIONAL; names were invented for the demo and are not meant to refer
 * to any real company, hospital, municipality or utility. Government bodies (NCO, ministries) and the CEPTOAR
 * per sector are real institutions by kind, named generically.
 *
 * Conventions:
 * - `prefectureCode` is the JIS X 0401 code of the head office (national bodies: '13', Tokyo).
 * - `sectorIds` of a ministry are the sectors it is in charge of (mirrors SECTORS[].ministryKeys);
 *   of a sharing body, the sector it serves; of an operator, the sectors it operates in; providers sit
 *   outside the designated sectors and have none.
 * - `esDesignated` = 特定社会基盤事業者 (Economic Security Promotion Act); `acdDesignated` =
 *   特別社会基盤事業者 (2025 Active Cyber Defense act), always a subset of the former in this dataset.
 * - `profile` hints which tailored baseline or demo story applies: 'small-clinic', 'national-medical-system',
 *   'cloud', 'datacentre', 'retail-logistics', 'telecom-network', 'payment-network', 'medical-it'.
 */
import type { OrganisationKind, Role } from '../../authz/domain/vocabulary.ts'

export type { OrganisationKind, Role }

export interface DemoOrganisation {
  key: string
  name: string
  nameEn: string
  kind: OrganisationKind
  sectorIds: string[]
  prefectureCode: string | null
  esDesignated: boolean
  acdDesignated: boolean
  profile?: string
}

export interface DemoUser {
  email: string
  displayName: string
  locale: 'ja' | 'en'
  memberships: { orgKey: string; role: Role }[]
}

const NATIONAL_BODIES: readonly DemoOrganisation[] = [
  { key: 'nco', name: '国家サイバー統括室', nameEn: 'National Cybersecurity Office', kind: 'national_office', sectorIds: [], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'mic', name: '総務省', nameEn: 'Ministry of Internal Affairs and Communications', kind: 'ministry', sectorIds: ['telecom', 'government'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'fsa', name: '金融庁', nameEn: 'Financial Services Agency', kind: 'ministry', sectorIds: ['finance'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'mhlw', name: '厚生労働省', nameEn: 'Ministry of Health, Labour and Welfare', kind: 'ministry', sectorIds: ['medical'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'meti', name: '経済産業省', nameEn: 'Ministry of Economy, Trade and Industry', kind: 'ministry', sectorIds: ['electricity', 'gas', 'chemical', 'credit', 'petroleum'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'mlit', name: '国土交通省', nameEn: 'Ministry of Land, Infrastructure, Transport and Tourism', kind: 'ministry', sectorIds: ['aviation', 'airport', 'railway', 'water', 'logistics', 'port'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'digital', name: 'デジタル庁', nameEn: 'Digital Agency', kind: 'ministry', sectorIds: ['government'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
]

/** One CEPTOAR (sector information-sharing body) per sector. */
const CEPTOARS: readonly DemoOrganisation[] = [
  { key: 'ceptoar-telecom', name: '情報通信セプター', nameEn: 'Information and Communication CEPTOAR', kind: 'sharing_body', sectorIds: ['telecom'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-finance', name: '金融セプター', nameEn: 'Financial CEPTOAR', kind: 'sharing_body', sectorIds: ['finance'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-aviation', name: '航空セプター', nameEn: 'Aviation CEPTOAR', kind: 'sharing_body', sectorIds: ['aviation'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-airport', name: '空港セプター', nameEn: 'Airport CEPTOAR', kind: 'sharing_body', sectorIds: ['airport'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-railway', name: '鉄道セプター', nameEn: 'Railway CEPTOAR', kind: 'sharing_body', sectorIds: ['railway'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-electricity', name: '電力セプター', nameEn: 'Electric Power CEPTOAR', kind: 'sharing_body', sectorIds: ['electricity'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-gas', name: 'ガスセプター', nameEn: 'Gas CEPTOAR', kind: 'sharing_body', sectorIds: ['gas'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-government', name: '自治体セプター', nameEn: 'Local Government CEPTOAR', kind: 'sharing_body', sectorIds: ['government'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-medical', name: '医療セプター', nameEn: 'Medical CEPTOAR', kind: 'sharing_body', sectorIds: ['medical'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-water', name: '水道セプター', nameEn: 'Water Supply CEPTOAR', kind: 'sharing_body', sectorIds: ['water'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-logistics', name: '物流セプター', nameEn: 'Logistics CEPTOAR', kind: 'sharing_body', sectorIds: ['logistics'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-chemical', name: '化学セプター', nameEn: 'Chemical CEPTOAR', kind: 'sharing_body', sectorIds: ['chemical'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-credit', name: 'クレジットセプター', nameEn: 'Credit CEPTOAR', kind: 'sharing_body', sectorIds: ['credit'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-petroleum', name: '石油セプター', nameEn: 'Petroleum CEPTOAR', kind: 'sharing_body', sectorIds: ['petroleum'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
  { key: 'ceptoar-port', name: '港湾セプター', nameEn: 'Port CEPTOAR', kind: 'sharing_body', sectorIds: ['port'], prefectureCode: '13', esDesignated: false, acdDesignated: false },
]

/** Fictional critical-infrastructure operators, by sector. */
const OPERATORS: readonly DemoOrganisation[] = [
  // 情報通信 (telecom)
  { key: 'yamabiko-tsushin', name: 'やまびこ通信', nameEn: 'Yamabiko Communications', kind: 'operator', sectorIds: ['telecom'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'akatsuki-mobile', name: 'あかつきモバイル', nameEn: 'Akatsuki Mobile', kind: 'operator', sectorIds: ['telecom'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'uzushio-catv', name: 'うずしおケーブルテレビ', nameEn: 'Uzushio Cable TV', kind: 'operator', sectorIds: ['telecom'], prefectureCode: '36', esDesignated: false, acdDesignated: false },
  { key: 'hoshizora-broadcasting', name: 'ほしぞら放送', nameEn: 'Hoshizora Broadcasting', kind: 'operator', sectorIds: ['telecom'], prefectureCode: '42', esDesignated: false, acdDesignated: false },

  // 金融 (finance)
  { key: 'shinonome-bank', name: '東雲フィナンシャル銀行', nameEn: 'Shinonome Financial Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'hokuto-mirai-bank', name: '北斗みらい銀行', nameEn: 'Hokuto Mirai Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '01', esDesignated: true, acdDesignated: false },
  { key: 'asanagi-bank', name: '瀬戸内あさなぎ銀行', nameEn: 'Setouchi Asanagi Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '33', esDesignated: false, acdDesignated: false },
  { key: 'wakaba-shinkin', name: 'わかば信用金庫', nameEn: 'Wakaba Shinkin Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '10', esDesignated: false, acdDesignated: false },
  { key: 'hanamizuki-shinkumi', name: 'はなみずき信用組合', nameEn: 'Hanamizuki Credit Cooperative', kind: 'operator', sectorIds: ['finance'], prefectureCode: '44', esDesignated: false, acdDesignated: false },
  { key: 'amane-securities', name: '天音証券', nameEn: 'Amane Securities', kind: 'operator', sectorIds: ['finance'], prefectureCode: '13', esDesignated: true, acdDesignated: false },
  { key: 'shirasagi-life', name: '白鷺生命保険', nameEn: 'Shirasagi Life Insurance', kind: 'operator', sectorIds: ['finance'], prefectureCode: '28', esDesignated: true, acdDesignated: false },
  { key: 'suirei-nonlife', name: '翠嶺損害保険', nameEn: 'Suirei Non-Life Insurance', kind: 'operator', sectorIds: ['finance'], prefectureCode: '27', esDesignated: false, acdDesignated: false },
  // Enough banks in each finance tier (major, regional) that the demo campaigns' per-requirement heatmap has
  // at least 5 submissions behind a cell: each tier's profile gives its requirements their own lineage.
  { key: 'hoshikage-trust', name: '星影信託銀行', nameEn: 'Hoshikage Trust Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '13', esDesignated: true, acdDesignated: false },
  { key: 'kazahana-securities', name: '風花証券', nameEn: 'Kazahana Securities', kind: 'operator', sectorIds: ['finance'], prefectureCode: '27', esDesignated: true, acdDesignated: false },
  { key: 'minatomachi-shinkin', name: 'みなとまち信用金庫', nameEn: 'Minatomachi Shinkin Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '38', esDesignated: false, acdDesignated: false },
  { key: 'yamanami-bank', name: '甲信やまなみ銀行', nameEn: 'Koshin Yamanami Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '19', esDesignated: false, acdDesignated: false },
  { key: 'kasasagi-bank', name: '肥前かささぎ銀行', nameEn: 'Hizen Kasasagi Bank', kind: 'operator', sectorIds: ['finance'], prefectureCode: '41', esDesignated: false, acdDesignated: false },

  // 航空 (aviation)
  { key: 'amatsukaze-air', name: 'あまつかぜ航空', nameEn: 'Amatsukaze Airlines', kind: 'operator', sectorIds: ['aviation'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'churasora-air', name: 'ちゅらそら航空', nameEn: 'Churasora Air', kind: 'operator', sectorIds: ['aviation'], prefectureCode: '47', esDesignated: false, acdDesignated: false },

  // 空港 (airport)
  { key: 'wangan-airport', name: '湾岸国際空港', nameEn: 'Wangan International Airport', kind: 'operator', sectorIds: ['airport'], prefectureCode: '12', esDesignated: true, acdDesignated: true },
  { key: 'inaho-airport', name: 'いなほ地方空港管理', nameEn: 'Inaho Regional Airport Management', kind: 'operator', sectorIds: ['airport'], prefectureCode: '05', esDesignated: false, acdDesignated: false },

  // 鉄道 (railway)
  { key: 'kasumi-railway', name: 'かすみ高速鉄道', nameEn: 'Kasumi Rapid Railway', kind: 'operator', sectorIds: ['railway'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'namihaya-railway', name: 'なみはや電鉄', nameEn: 'Namihaya Electric Railway', kind: 'operator', sectorIds: ['railway'], prefectureCode: '27', esDesignated: true, acdDesignated: false },
  { key: 'kumoi-railway', name: '信州くもい鉄道', nameEn: 'Shinshu Kumoi Railway', kind: 'operator', sectorIds: ['railway'], prefectureCode: '20', esDesignated: false, acdDesignated: false },

  // 電力 (electricity)
  { key: 'hokuriku-hikari-power', name: '北陸ひかり電力', nameEn: 'Hokuriku Hikari Electric Power', kind: 'operator', sectorIds: ['electricity'], prefectureCode: '16', esDesignated: true, acdDesignated: true },
  { key: 'akebono-power', name: '関東あけぼの電力', nameEn: 'Kanto Akebono Electric Power', kind: 'operator', sectorIds: ['electricity'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'shiranui-power', name: '九州しらぬい電力', nameEn: 'Kyushu Shiranui Electric Power', kind: 'operator', sectorIds: ['electricity'], prefectureCode: '43', esDesignated: true, acdDesignated: false },
  { key: 'midori-community-power', name: 'みどり地域新電力', nameEn: 'Midori Community Power', kind: 'operator', sectorIds: ['electricity'], prefectureCode: '18', esDesignated: false, acdDesignated: false },

  // ガス (gas)
  { key: 'chukyo-ibuki-gas', name: '中京いぶきガス', nameEn: 'Chukyo Ibuki Gas', kind: 'operator', sectorIds: ['gas'], prefectureCode: '23', esDesignated: true, acdDesignated: true },
  { key: 'tomoshibi-gas', name: '北国ともしびガス', nameEn: 'Kitaguni Tomoshibi Gas', kind: 'operator', sectorIds: ['gas'], prefectureCode: '01', esDesignated: true, acdDesignated: false },
  { key: 'umikaze-gas', name: 'うみかぜガス', nameEn: 'Umikaze Gas', kind: 'operator', sectorIds: ['gas'], prefectureCode: '37', esDesignated: false, acdDesignated: false },

  // 政府・行政サービス (government, incl. local governments)
  { key: 'hinageshi-city', name: 'ひなげし市', nameEn: 'Hinageshi City', kind: 'operator', sectorIds: ['government'], prefectureCode: '04', esDesignated: false, acdDesignated: false },
  { key: 'kamomedai-city', name: 'かもめ台市', nameEn: 'Kamomedai City', kind: 'operator', sectorIds: ['government'], prefectureCode: '14', esDesignated: false, acdDesignated: false },
  { key: 'mahoroba-city', name: 'まほろば市', nameEn: 'Mahoroba City', kind: 'operator', sectorIds: ['government'], prefectureCode: '29', esDesignated: false, acdDesignated: false },
  { key: 'shirayuri-town', name: 'しらゆり町', nameEn: 'Shirayuri Town', kind: 'operator', sectorIds: ['government'], prefectureCode: '45', esDesignated: false, acdDesignated: false },
  { key: 'jichitai-kyodo-center', name: '自治体情報システム共同センター', nameEn: 'Joint Local Government Systems Centre', kind: 'operator', sectorIds: ['government'], prefectureCode: '23', esDesignated: false, acdDesignated: false },

  // 医療 (medical)
  { key: 'medical-claims', name: '医療保険決済機構', nameEn: 'Medical Insurance Settlement Organisation', kind: 'operator', sectorIds: ['medical'], prefectureCode: '13', esDesignated: true, acdDesignated: true, profile: 'national-medical-system' },
  { key: 'aoba-hospital', name: 'あおば中央病院', nameEn: 'Aoba Central Hospital', kind: 'operator', sectorIds: ['medical'], prefectureCode: '04', esDesignated: false, acdDesignated: false },
  { key: 'komorebi-medical-center', name: 'こもれび総合医療センター', nameEn: 'Komorebi General Medical Centre', kind: 'operator', sectorIds: ['medical'], prefectureCode: '26', esDesignated: false, acdDesignated: false },
  { key: 'shirakaba-hospital', name: 'しらかば記念病院', nameEn: 'Shirakaba Memorial Hospital', kind: 'operator', sectorIds: ['medical'], prefectureCode: '01', esDesignated: false, acdDesignated: false },
  { key: 'shiosai-hospital', name: 'しおさい市民病院', nameEn: 'Shiosai Municipal Hospital', kind: 'operator', sectorIds: ['medical'], prefectureCode: '39', esDesignated: false, acdDesignated: false },
  { key: 'harukaze-univ-hospital', name: 'はるかぜ大学病院', nameEn: 'Harukaze University Hospital', kind: 'operator', sectorIds: ['medical'], prefectureCode: '41', esDesignated: false, acdDesignated: false },
  { key: 'tomoe-hospital', name: 'ともえ記念病院', nameEn: 'Tomoe Memorial Hospital', kind: 'operator', sectorIds: ['medical'], prefectureCode: '25', esDesignated: false, acdDesignated: false },
  { key: 'clinic-kaede', name: 'かえで内科クリニック', nameEn: 'Kaede Internal Medicine Clinic', kind: 'operator', sectorIds: ['medical'], prefectureCode: '19', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },
  { key: 'clinic-tsubaki', name: 'つばき小児科医院', nameEn: 'Tsubaki Paediatric Clinic', kind: 'operator', sectorIds: ['medical'], prefectureCode: '46', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },
  { key: 'clinic-icho', name: 'いちょう整形外科クリニック', nameEn: 'Icho Orthopaedic Clinic', kind: 'operator', sectorIds: ['medical'], prefectureCode: '11', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },
  { key: 'clinic-momiji', name: 'もみじ眼科医院', nameEn: 'Momiji Eye Clinic', kind: 'operator', sectorIds: ['medical'], prefectureCode: '34', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },
  { key: 'clinic-sumire', name: 'すみれ歯科診療所', nameEn: 'Sumire Dental Clinic', kind: 'operator', sectorIds: ['medical'], prefectureCode: '02', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },
  { key: 'clinic-hiiragi', name: 'ひいらぎ在宅診療所', nameEn: 'Hiiragi Home-Care Clinic', kind: 'operator', sectorIds: ['medical'], prefectureCode: '32', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },

  // 水道 (water)
  { key: 'shizuku-water', name: 'しずく広域水道企業団', nameEn: 'Shizuku Regional Water Supply Authority', kind: 'operator', sectorIds: ['water'], prefectureCode: '22', esDesignated: true, acdDesignated: true },
  { key: 'hisui-water', name: 'ひすい市水道局', nameEn: 'Hisui City Waterworks Bureau', kind: 'operator', sectorIds: ['water'], prefectureCode: '15', esDesignated: false, acdDesignated: false },
  { key: 'kuroshio-water', name: 'くろしお水道事業団', nameEn: 'Kuroshio Water Services', kind: 'operator', sectorIds: ['water'], prefectureCode: '30', esDesignated: false, acdDesignated: false },

  // 物流 (logistics)
  { key: 'hayate-transport', name: 'はやて運輸', nameEn: 'Hayate Transport', kind: 'operator', sectorIds: ['logistics'], prefectureCode: '09', esDesignated: true, acdDesignated: false },
  { key: 'asagi-freight', name: 'あさぎ貨物', nameEn: 'Asagi Freight', kind: 'operator', sectorIds: ['logistics'], prefectureCode: '21', esDesignated: false, acdDesignated: false },
  { key: 'kogarashi-coldchain', name: 'こがらし冷凍輸送', nameEn: 'Kogarashi Cold-Chain Transport', kind: 'operator', sectorIds: ['logistics'], prefectureCode: '06', esDesignated: false, acdDesignated: false },

  // 化学 (chemical)
  { key: 'aoi-chemical', name: '鹿島あおい化学', nameEn: 'Kashima Aoi Chemical', kind: 'operator', sectorIds: ['chemical'], prefectureCode: '08', esDesignated: false, acdDesignated: false },
  { key: 'shirogane-chemical', name: '周南しろがね化学工業', nameEn: 'Shunan Shirogane Chemical Industries', kind: 'operator', sectorIds: ['chemical'], prefectureCode: '35', esDesignated: false, acdDesignated: false },
  { key: 'kotone-chemical', name: 'ことね化成', nameEn: 'Kotone Chemicals', kind: 'operator', sectorIds: ['chemical'], prefectureCode: '12', esDesignated: false, acdDesignated: false },

  // クレジット (credit)
  { key: 'asagao-card', name: 'あさがおカード', nameEn: 'Asagao Card', kind: 'operator', sectorIds: ['credit'], prefectureCode: '13', esDesignated: true, acdDesignated: true },
  { key: 'yunagi-credit', name: 'ゆうなぎクレジット', nameEn: 'Yunagi Credit', kind: 'operator', sectorIds: ['credit'], prefectureCode: '40', esDesignated: true, acdDesignated: false },

  // 石油 (petroleum)
  { key: 'akane-oil', name: 'あかね石油精製', nameEn: 'Akane Oil Refining', kind: 'operator', sectorIds: ['petroleum'], prefectureCode: '12', esDesignated: true, acdDesignated: true },
  { key: 'shiranami-oil', name: 'しらなみ石油', nameEn: 'Shiranami Oil', kind: 'operator', sectorIds: ['petroleum'], prefectureCode: '01', esDesignated: true, acdDesignated: false },
  { key: 'misaki-oil', name: '倉敷みさき石油精製', nameEn: 'Kurashiki Misaki Oil Refining', kind: 'operator', sectorIds: ['petroleum'], prefectureCode: '33', esDesignated: false, acdDesignated: false },

  // 港湾 (port)
  { key: 'isokaze-terminal', name: 'いそかぜ港湾ターミナル', nameEn: 'Isokaze Port Terminal', kind: 'operator', sectorIds: ['port'], prefectureCode: '14', esDesignated: true, acdDesignated: true },
  { key: 'wadatsumi-port', name: 'わだつみ港湾運営', nameEn: 'Wadatsumi Port Operations', kind: 'operator', sectorIds: ['port'], prefectureCode: '24', esDesignated: true, acdDesignated: false },
  { key: 'hamanasu-stevedoring', name: 'はまなす港運', nameEn: 'Hamanasu Stevedoring', kind: 'operator', sectorIds: ['port'], prefectureCode: '17', esDesignated: false, acdDesignated: false },
]

/** Fictional providers outside the designated sectors (S14, S27): they appear in dependency graphs. */
const PROVIDERS: readonly DemoOrganisation[] = [
  { key: 'maruyama-retail-logistics', name: 'まるやまリテール物流', nameEn: 'Maruyama Retail Logistics', kind: 'provider', sectorIds: [], prefectureCode: '11', esDesignated: false, acdDesignated: false, profile: 'retail-logistics' },
  { key: 'sora-cloud', name: 'そらクラウド', nameEn: 'Sora Cloud', kind: 'provider', sectorIds: [], prefectureCode: '13', esDesignated: false, acdDesignated: false, profile: 'cloud' },
  { key: 'iwakura-dc', name: 'いわくらデータセンター', nameEn: 'Iwakura Data Centre', kind: 'provider', sectorIds: [], prefectureCode: '27', esDesignated: false, acdDesignated: false, profile: 'datacentre' },
  { key: 'tsurara-dc', name: '石狩つららデータセンター', nameEn: 'Ishikari Tsurara Data Centre', kind: 'provider', sectorIds: [], prefectureCode: '01', esDesignated: false, acdDesignated: false, profile: 'datacentre' },
  { key: 'amanogawa-ix', name: 'あまのがわインターネットエクスチェンジ', nameEn: 'Amanogawa Internet Exchange', kind: 'provider', sectorIds: [], prefectureCode: '13', esDesignated: false, acdDesignated: false, profile: 'telecom-network' },
  { key: 'tsumugi-payment-network', name: 'つむぎ決済ネットワーク', nameEn: 'Tsumugi Payment Network', kind: 'provider', sectorIds: [], prefectureCode: '13', esDesignated: false, acdDesignated: false, profile: 'payment-network' },
  { key: 'karute-cloud', name: 'かるて電子カルテサービス', nameEn: 'Karute EHR Services', kind: 'provider', sectorIds: [], prefectureCode: '40', esDesignated: false, acdDesignated: false, profile: 'medical-it' },
]

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  ...NATIONAL_BODIES,
  ...CEPTOARS,
  ...OPERATORS,
  ...PROVIDERS,
]

export const DEMO_USERS: readonly DemoUser[] = [
  // NCO analyst, NCO viewer, auditor
  { email: 'nco@demo.kaname.jp', displayName: '統括 健一', locale: 'ja', memberships: [{ orgKey: 'nco', role: 'admin' }] },
  { email: 'nco-viewer@demo.kaname.jp', displayName: '統括 美咲', locale: 'ja', memberships: [{ orgKey: 'nco', role: 'viewer' }] },
  { email: 'auditor@demo.kaname.jp', displayName: '監査 正子', locale: 'ja', memberships: [{ orgKey: 'nco', role: 'auditor' }] },

  // one officer per ministry, plus a reviewer at MHLW
  { email: 'mic@demo.kaname.jp', displayName: '総務 次郎', locale: 'ja', memberships: [{ orgKey: 'mic', role: 'admin' }] },
  { email: 'fsa@demo.kaname.jp', displayName: '金融 三郎', locale: 'ja', memberships: [{ orgKey: 'fsa', role: 'admin' }] },
  { email: 'mhlw@demo.kaname.jp', displayName: '厚労 花子', locale: 'ja', memberships: [{ orgKey: 'mhlw', role: 'admin' }] },
  { email: 'mhlw-reviewer@demo.kaname.jp', displayName: '厚労 誠', locale: 'ja', memberships: [{ orgKey: 'mhlw', role: 'reviewer' }] },
  { email: 'meti@demo.kaname.jp', displayName: '経産 四郎', locale: 'ja', memberships: [{ orgKey: 'meti', role: 'admin' }] },
  { email: 'mlit@demo.kaname.jp', displayName: '国交 由美', locale: 'ja', memberships: [{ orgKey: 'mlit', role: 'admin' }] },
  { email: 'digital@demo.kaname.jp', displayName: '電子 翔太', locale: 'ja', memberships: [{ orgKey: 'digital', role: 'admin' }] },

  // the national medical claims/payments operator (S20: strict profile)
  { email: 'claims-ciso@demo.kaname.jp', displayName: '決済 直樹', locale: 'ja', memberships: [{ orgKey: 'medical-claims', role: 'ciso' }] },
  { email: 'claims-assessor@demo.kaname.jp', displayName: '決済 恵', locale: 'ja', memberships: [{ orgKey: 'medical-claims', role: 'assessor' }] },

  // small clinic managers (S20: light profile), one per clinic
  { email: 'clinic@demo.kaname.jp', displayName: '楓 春子', locale: 'ja', memberships: [{ orgKey: 'clinic-kaede', role: 'admin' }] },
  { email: 'clinic-tsubaki@demo.kaname.jp', displayName: '椿 大介', locale: 'ja', memberships: [{ orgKey: 'clinic-tsubaki', role: 'admin' }] },
  { email: 'clinic-icho@demo.kaname.jp', displayName: '銀杏 昌子', locale: 'ja', memberships: [{ orgKey: 'clinic-icho', role: 'admin' }] },
  { email: 'clinic-momiji@demo.kaname.jp', displayName: '紅葉 健太', locale: 'ja', memberships: [{ orgKey: 'clinic-momiji', role: 'admin' }] },
  { email: 'clinic-sumire@demo.kaname.jp', displayName: '菫 和子', locale: 'ja', memberships: [{ orgKey: 'clinic-sumire', role: 'admin' }] },
  { email: 'clinic-hiiragi@demo.kaname.jp', displayName: '柊 浩二', locale: 'ja', memberships: [{ orgKey: 'clinic-hiiragi', role: 'admin' }] },

  // operator CISOs
  { email: 'bank-ciso@demo.kaname.jp', displayName: '東雲 隆', locale: 'ja', memberships: [{ orgKey: 'shinonome-bank', role: 'ciso' }] },
  { email: 'power-ciso@demo.kaname.jp', displayName: '北陸 明美', locale: 'ja', memberships: [{ orgKey: 'hokuriku-hikari-power', role: 'ciso' }] },
  // English-locale user
  { email: 'securities-ciso@demo.kaname.jp', displayName: 'Daniel Brooks', locale: 'en', memberships: [{ orgKey: 'amane-securities', role: 'ciso' }] },

  // consultant with two organisations, for the organisation switcher
  { email: 'consultant@demo.kaname.jp', displayName: '相談 拓也', locale: 'ja', memberships: [{ orgKey: 'aoba-hospital', role: 'assessor' }, { orgKey: 'komorebi-medical-center', role: 'assessor' }] },

  // CEPTOAR coordinator and provider
  { email: 'ceptoar-medical@demo.kaname.jp', displayName: '連携 千尋', locale: 'ja', memberships: [{ orgKey: 'ceptoar-medical', role: 'admin' }] },
  { email: 'cloud@demo.kaname.jp', displayName: '空野 大輔', locale: 'ja', memberships: [{ orgKey: 'sora-cloud', role: 'viewer' }] },
]
