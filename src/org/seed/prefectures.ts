/**
 * The 47 prefectures of Japan with their JIS X 0401 codes, in code order.
 * English names are romanised without the -to/-fu/-ken suffix and without macrons.
 */
export interface Prefecture {
  code: string
  nameJa: string
  nameEn: string
}

export const PREFECTURES: readonly Prefecture[] = [
  { code: '01', nameJa: '北海道', nameEn: 'Hokkaido' },
  { code: '02', nameJa: '青森県', nameEn: 'Aomori' },
  { code: '03', nameJa: '岩手県', nameEn: 'Iwate' },
  { code: '04', nameJa: '宮城県', nameEn: 'Miyagi' },
  { code: '05', nameJa: '秋田県', nameEn: 'Akita' },
  { code: '06', nameJa: '山形県', nameEn: 'Yamagata' },
  { code: '07', nameJa: '福島県', nameEn: 'Fukushima' },
  { code: '08', nameJa: '茨城県', nameEn: 'Ibaraki' },
  { code: '09', nameJa: '栃木県', nameEn: 'Tochigi' },
  { code: '10', nameJa: '群馬県', nameEn: 'Gunma' },
  { code: '11', nameJa: '埼玉県', nameEn: 'Saitama' },
  { code: '12', nameJa: '千葉県', nameEn: 'Chiba' },
  { code: '13', nameJa: '東京都', nameEn: 'Tokyo' },
  { code: '14', nameJa: '神奈川県', nameEn: 'Kanagawa' },
  { code: '15', nameJa: '新潟県', nameEn: 'Niigata' },
  { code: '16', nameJa: '富山県', nameEn: 'Toyama' },
  { code: '17', nameJa: '石川県', nameEn: 'Ishikawa' },
  { code: '18', nameJa: '福井県', nameEn: 'Fukui' },
  { code: '19', nameJa: '山梨県', nameEn: 'Yamanashi' },
  { code: '20', nameJa: '長野県', nameEn: 'Nagano' },
  { code: '21', nameJa: '岐阜県', nameEn: 'Gifu' },
  { code: '22', nameJa: '静岡県', nameEn: 'Shizuoka' },
  { code: '23', nameJa: '愛知県', nameEn: 'Aichi' },
  { code: '24', nameJa: '三重県', nameEn: 'Mie' },
  { code: '25', nameJa: '滋賀県', nameEn: 'Shiga' },
  { code: '26', nameJa: '京都府', nameEn: 'Kyoto' },
  { code: '27', nameJa: '大阪府', nameEn: 'Osaka' },
  { code: '28', nameJa: '兵庫県', nameEn: 'Hyogo' },
  { code: '29', nameJa: '奈良県', nameEn: 'Nara' },
  { code: '30', nameJa: '和歌山県', nameEn: 'Wakayama' },
  { code: '31', nameJa: '鳥取県', nameEn: 'Tottori' },
  { code: '32', nameJa: '島根県', nameEn: 'Shimane' },
  { code: '33', nameJa: '岡山県', nameEn: 'Okayama' },
  { code: '34', nameJa: '広島県', nameEn: 'Hiroshima' },
  { code: '35', nameJa: '山口県', nameEn: 'Yamaguchi' },
  { code: '36', nameJa: '徳島県', nameEn: 'Tokushima' },
  { code: '37', nameJa: '香川県', nameEn: 'Kagawa' },
  { code: '38', nameJa: '愛媛県', nameEn: 'Ehime' },
  { code: '39', nameJa: '高知県', nameEn: 'Kochi' },
  { code: '40', nameJa: '福岡県', nameEn: 'Fukuoka' },
  { code: '41', nameJa: '佐賀県', nameEn: 'Saga' },
  { code: '42', nameJa: '長崎県', nameEn: 'Nagasaki' },
  { code: '43', nameJa: '熊本県', nameEn: 'Kumamoto' },
  { code: '44', nameJa: '大分県', nameEn: 'Oita' },
  { code: '45', nameJa: '宮崎県', nameEn: 'Miyazaki' },
  { code: '46', nameJa: '鹿児島県', nameEn: 'Kagoshima' },
  { code: '47', nameJa: '沖縄県', nameEn: 'Okinawa' },
]
