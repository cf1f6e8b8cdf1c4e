import type { FieldError } from '../../platform/errors.ts'
import { isIsoDate } from './device.ts'

/**
 * Closed-network exceptions (例外措置, issue 6 build item 5): a device that cannot be patched may carry an
 * exception for one CVE or for all its open vulnerabilities, justified by compensating controls, with a
 * reason, an approver and an expiry at most three years ahead.
 *
 * S6: "closed network" (閉域網), "proprietary protocol" (独自プロトコル) and "dedicated OS" (専用OS) are not
 * security. Being unreachable from the Internet and speaking an unusual protocol stop neither an insider,
 * nor a maintenance laptop, nor a USB stick, nor a compromised vendor connection: Stuxnet crossed an air gap
 * on removable media. Such claims may be recorded, but an exception needs at least one control that does
 * something about those paths. They are recognised both as catalogue entries and in free text (Japanese and
 * English phrases; see CLAIM_PATTERNS): a description that makes such a claim and names no measure of the
 * catalogue's vocabulary is a claim, whatever kind it was filed under.
 *
 * Pure code: the clock comes in as `today` (YYYY-MM-DD).
 */

// ---------------------------------------------------------------------------------------------------------
// The catalogue of compensating controls (data)
// ---------------------------------------------------------------------------------------------------------

/** A closedness or obscurity claim: recorded, never sufficient. */
export const CLAIMS = ['closed_network', 'proprietary_protocol', 'dedicated_os'] as const
export type Claim = (typeof CLAIMS)[number]

export interface ControlKindEntry {
  id: string
  label: { ja: string; en: string }
  /** What the description should say: how the control is applied to this device. */
  guidance: { ja: string; en: string }
  /** Set for the claims of S6: listed so that they can be recorded, and refused as the only control. */
  claim: Claim | null
  /**
   * Words that name this measure in a description (lower case, width-folded). Only consulted for a
   * description that also makes a closedness claim: does it name a real measure besides?
   */
  keywords: readonly string[]
}

export const CONTROL_CATALOGUE: readonly ControlKindEntry[] = [
  {
    id: 'network_segmentation', claim: null,
    label: { ja: 'ネットワーク分離(許可した通信のみ通す)', en: 'Network segmentation with allow-listed flows' },
    guidance: { ja: '機器が置かれたゾーン、境界の機器、許可している通信(送信元・宛先・ポート)を書いてください。', en: 'Name the zone, the boundary device and the flows allowed (source, destination, port).' },
    keywords: ['segment', 'segmentation', 'segmented', 'vlan', 'acl', 'firewall', 'allow-list', 'allowlist', 'allow list', 'whitelist', 'conduit', 'zone', 'dmz',
      'ファイアウォール', 'セグメント', 'ネットワーク分割', 'ゾーン', '許可リスト', 'ホワイトリスト', '通信制御', 'アクセス制御リスト', 'フィルタ'],
  },
  {
    id: 'unidirectional_gateway', claim: null,
    label: { ja: '一方向ゲートウェイ(データダイオード)', en: 'Unidirectional gateway (data diode)' },
    guidance: { ja: 'どちら向きのどのデータを通すか、製品と設置場所を書いてください。', en: 'Say which data flows in which direction, the product and where it sits.' },
    keywords: ['diode', 'unidirectional', 'one-way', 'one way', 'データダイオード', '一方向'],
  },
  {
    id: 'application_allowlisting', claim: null,
    label: { ja: 'アプリケーション許可リスト', en: 'Application allow-listing' },
    guidance: { ja: '対象の端末と、許可リストの管理方法を書いてください。', en: 'Name the hosts covered and how the allow-list is maintained.' },
    keywords: ['application allow', 'application whitelist', 'applocker', 'app control', 'execution control', 'アプリケーション許可', '実行制御', 'ホワイトリスト型'],
  },
  {
    id: 'network_monitoring', claim: null,
    label: { ja: '継続的なネットワーク監視・侵入検知', en: 'Continuous network monitoring / intrusion detection' },
    guidance: { ja: '監視する区間、使う仕組み(IDS など)、検知時に誰が対応するかを書いてください。', en: 'Name the segment watched, the tooling (IDS, flow monitoring) and who responds to an alert.' },
    keywords: ['ids', 'ips', 'monitor', 'monitored', 'monitoring', 'intrusion', 'detection', 'siem', 'soc', 'log', 'logs', 'logging', 'anomaly', 'alert',
      '監視', '検知', '侵入検知', 'ログ', '異常', 'アラート'],
  },
  {
    id: 'removable_media_control', claim: null,
    label: { ja: '外部記憶媒体の厳格な管理', en: 'Strict removable-media control' },
    guidance: { ja: 'USB 等の持ち込み・接続の可否、検査方法、記録を書いてください。', en: 'Say how USB and other media are blocked, scanned and logged.' },
    keywords: ['usb', 'removable', 'media', 'kiosk', '媒体', '持ち込み', '検疫'],
  },
  {
    id: 'jump_host_mfa', claim: null,
    label: { ja: '多要素認証付きの踏み台経由の保守', en: 'Maintenance through a jump host with MFA' },
    guidance: { ja: '保守の経路、踏み台、認証方式、操作記録を書いてください。', en: 'Describe the maintenance path, the jump host, the authentication and the session recording.' },
    keywords: ['jump host', 'jump server', 'bastion', 'mfa', 'multi-factor', 'multifactor', 'two-factor', '2fa', '踏み台', '多要素', '二要素', 'ジャンプサーバ'],
  },
  {
    id: 'vendor_remote_access_disabled', claim: null,
    label: { ja: 'ベンダーのリモートアクセスを無効化', en: 'Vendor remote access disabled' },
    guidance: { ja: '無効化の方法と、保守が必要なときの手順(立会い、期間限定の許可など)を書いてください。', en: 'Say how it is disabled and how maintenance is done when needed (escorted, time-limited approval).' },
    keywords: ['remote access', 'vendor access', 'remote maintenance', 'リモートアクセス', 'リモート保守', '遠隔保守'],
  },
  {
    id: 'physical_access_control', claim: null,
    label: { ja: '物理的なアクセス管理', en: 'Physical access control' },
    guidance: { ja: '設置場所、施錠、入退室の管理と記録を書いてください。', en: 'Describe the location, locks, badge control and the entry log.' },
    keywords: ['locked', 'lock', 'badge', 'cctv', 'physical access', 'cage', '施錠', '入退室', '監視カメラ', '物理的なアクセス'],
  },
  {
    id: 'hardening', claim: null,
    label: { ja: '不要なサービス・ポートの停止と初期設定の変更', en: 'Hardening: unused services and ports off, defaults changed' },
    guidance: { ja: '停止したサービスやポート、変更した初期アカウントを書いてください。', en: 'List the services and ports disabled and the default accounts changed.' },
    keywords: ['harden', 'hardened', 'hardening', 'disabled', 'unused port', 'default password', 'default account', 'ハードニング', '無効化', '停止', '初期パスワード', '初期アカウント'],
  },
  {
    id: 'virtual_patching', claim: null,
    label: { ja: '仮想パッチ(IPS のシグネチャ等)', en: 'Virtual patching (IPS signatures)' },
    guidance: { ja: '対象の脆弱性を防ぐシグネチャやルールと、設置場所を書いてください。', en: 'Name the signature or rule that blocks the vulnerability and where it is enforced.' },
    keywords: ['virtual patch', 'signature', 'waf', '仮想パッチ', 'シグネチャ'],
  },
  {
    id: 'backup_recovery', claim: null,
    label: { ja: 'バックアップと復旧手順(訓練済み)', en: 'Tested backup and recovery' },
    guidance: { ja: 'バックアップの場所と頻度、最後に復旧を試した日を書いてください。', en: 'Say where backups are kept, how often, and when restoring was last tested.' },
    keywords: ['backup', 'backups', 'restore', 'recovery', 'バックアップ', '復旧', 'リストア'],
  },
  {
    id: 'account_control', claim: null,
    label: { ja: 'アカウントと権限の管理', en: 'Accounts and privileges' },
    guidance: { ja: '個人ごとのアカウント、最小権限、パスワードや認証の管理を書いてください。', en: 'Describe per-person accounts, least privilege and how credentials are managed.' },
    keywords: ['account', 'accounts', 'privilege', 'least privilege', 'password', 'authentication', 'credential', 'アカウント', '権限', '認証', 'パスワード'],
  },
  {
    id: 'other', claim: null,
    label: { ja: 'その他の対策', en: 'Other control' },
    guidance: { ja: '対策の内容と、この機器への適用方法を具体的に書いてください。', en: 'Describe the control and how it is applied to this device.' },
    keywords: [],
  },
  {
    id: 'closed_network', claim: 'closed_network',
    label: { ja: '閉域網(単独では対策になりません)', en: 'Closed network (not a control on its own)' },
    guidance: { ja: '閉域網であることは記録できますが、内部の者、保守用 PC、USB メモリ、ベンダー接続を止める対策を別に挙げてください。', en: 'You may record it, but add a control that stops an insider, a maintenance laptop, a USB stick or a vendor connection.' },
    keywords: [],
  },
  {
    id: 'proprietary_protocol', claim: 'proprietary_protocol',
    label: { ja: '独自プロトコル(単独では対策になりません)', en: 'Proprietary protocol (not a control on its own)' },
    guidance: { ja: '独自プロトコルであることは記録できますが、実際に攻撃経路を止める対策を別に挙げてください。', en: 'You may record it, but add a control that actually blocks the attack paths.' },
    keywords: [],
  },
  {
    id: 'dedicated_os', claim: 'dedicated_os',
    label: { ja: '専用 OS(単独では対策になりません)', en: 'Dedicated OS (not a control on its own)' },
    guidance: { ja: '専用 OS であることは記録できますが、実際に攻撃経路を止める対策を別に挙げてください。', en: 'You may record it, but add a control that actually blocks the attack paths.' },
    keywords: [],
  },
]

export const CONTROL_KINDS = CONTROL_CATALOGUE.map((c) => c.id) as readonly string[]
const BY_ID = new Map(CONTROL_CATALOGUE.map((c) => [c.id, c]))

// ---------------------------------------------------------------------------------------------------------
// Recognising closedness claims in free text
// ---------------------------------------------------------------------------------------------------------

/** Width-folded, lower case, runs of white space as one space: `ＣＬＯＳＥＤ　Network` is `closed network`. */
export const foldText = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')

const SEP = '[\\s_-]*'
/**
 * Phrases that claim closedness or obscurity, applied to folded text. English ones start at a word boundary
 * (`enclosed` is not `closed`) and may run into the next word; Japanese needs no word boundaries.
 */
export const CLAIM_PATTERNS: Readonly<Record<Claim, readonly RegExp[]>> = {
  closed_network: [
    new RegExp(`\\bclosed${SEP}(?:loop${SEP})?(?:networks?|lans?|systems?|environments?)`, 'g'),
    new RegExp(`\\bisolated${SEP}(?:networks?|lans?|systems?|environments?)`, 'g'),
    new RegExp(`\\bisolated from (?:the )?(?:internet|outside|external networks?|other networks?)`, 'g'),
    new RegExp(`\\bair${SEP}gap(?:ped|s)?`, 'g'),
    /\b(?:not|never) connected to (?:the )?(?:internet|outside|any external network|external networks?)/g,
    /\bno (?:internet|external) (?:connection|connectivity|access|link)s?/g,
    /\b(?:not|un)reachable from (?:the )?(?:internet|outside)/g,
    /\bno (?:connection|route) (?:to|from) (?:the )?(?:internet|outside)/g,
    new RegExp(`\\b(?:offline|private|stand${SEP}alone|standalone)${SEP}(?:networks?|lans?|systems?)`, 'g'),
    new RegExp(`\\b(?:dedicated|leased)${SEP}(?:lines?|circuits?|networks?)`, 'g'),
    /\bphysically (?:separated|isolated|disconnected)/g,
    /閉域(?:網|ネットワーク|環境|回線)?/g, /閉鎖(?:網|ネットワーク|環境)/g, /閉じた(?:ネットワーク|網|環境)/g, /クローズド\s?(?:ネットワーク|網|環境)/g,
    /専用(?:線|回線|網)/g, /エアギャップ/g, /スタンドアロン/g, /オフライン(?:環境|ネットワーク)?/g,
    /物理的に(?:分離|隔離|切り離)(?:され|し)?/g,
    /インターネット(?:と|に|へ|から)?(?:は)?(?:未接続|非接続|接続(?:されて|して)?(?:い|お)?(?:ない|ません|らず)|つなが(?:って)?(?:い)?(?:ない|ません|らず)|(?:の)?接続(?:は)?(?:なし|無し|ない|ありません))/g,
    /外部(?:ネットワーク)?(?:と|から|へ)(?:は|の)?(?:接続|通信|アクセス)?(?:は)?(?:できない|できません|不可|されていない|されておらず|していない|しておらず|なし|無し|遮断|隔離|分離)/g,
  ],
  proprietary_protocol: [
    new RegExp(`\\b(?:proprietary|non${SEP}standard|custom|vendor${SEP}specific|obscure|undocumented|unusual|unique|special)${SEP}(?:communication${SEP})?protocols?`, 'g'),
    /独自(?:の)?(?:通信)?(?:プロトコル|方式|仕様)/g, /非標準(?:の)?(?:通信)?(?:プロトコル|方式)/g, /特殊な?(?:通信)?(?:プロトコル|方式)/g, /専用(?:の)?(?:通信)?プロトコル/g,
  ],
  dedicated_os: [
    new RegExp(`\\b(?:dedicated|proprietary|custom|special${SEP}purpose|embedded|unusual|obscure)${SEP}(?:os|operating${SEP}systems?|firmware)`, 'g'),
    /(?:専用|独自|特殊な?)(?:の)?(?:os|オーエス|オペレーティングシステム|ファームウェア)/g,
  ],
}

const ASCII_WORD = /^[a-z0-9][a-z0-9 +-]*[a-z0-9]$|^[a-z0-9]$/
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Every measure keyword of the catalogue, as one pattern; ASCII words must stand alone (`log` is not in `technology`). */
const MEASURE_PATTERN = new RegExp(
  CONTROL_CATALOGUE.flatMap((c) => c.keywords).map((k) => (ASCII_WORD.test(k) ? `\\b${escape(k)}\\b` : escape(k))).join('|'),
  'g',
)
/** "no monitoring", "without a firewall" (within the same clause, before the word). */
const NEGATED_BEFORE = /\b(?:no|not|without|never|nor|lacks?|lacking|instead of)\b[^.;,!?、。]*$/
/** 監視なし, ファイアウォールは不要, ログを取っていない (right after the word). */
const NEGATED_AFTER = /^(?:は|を|も|の)?(?:なし|無し|不要|無い|ない|なく|未(?:実施|導入|設置)|せず|しない|しておらず|していない|してない|取っていない|ありません|しません|不使用|使用していない|使っていない)/

/** Whether `text` names a measure that it does not deny. */
function namesMeasure(text: string): boolean {
  MEASURE_PATTERN.lastIndex = 0
  for (const m of text.matchAll(MEASURE_PATTERN)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index)
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12)
    if (!NEGATED_BEFORE.test(before) && !NEGATED_AFTER.test(after)) return true
  }
  return false
}

export interface TextJudgement {
  /** The claims the text makes. */
  claims: Claim[]
  /** The text names a measure of the catalogue once its claims are taken out, and does not deny it ("no monitoring"). */
  namesMeasure: boolean
}

/** What a free-text description claims and whether it names a real measure besides. */
export function judgeText(text: string): TextJudgement {
  let rest = foldText(text)
  const claims: Claim[] = []
  for (const claim of CLAIMS) {
    for (const pattern of CLAIM_PATTERNS[claim]) {
      pattern.lastIndex = 0
      if (pattern.test(rest)) {
        if (!claims.includes(claim)) claims.push(claim)
        pattern.lastIndex = 0
        // Taken out, so that "physically isolated" does not count as the "physical" of a real measure.
        rest = rest.replace(pattern, ' ')
      }
    }
  }
  return { claims, namesMeasure: namesMeasure(rest) }
}

// ---------------------------------------------------------------------------------------------------------
// Compensating controls
// ---------------------------------------------------------------------------------------------------------

export interface CompensatingControl {
  /** An id of CONTROL_CATALOGUE. */
  kind: string
  /** How the control is applied to this device. */
  description: string
}

export interface JudgedControl extends CompensatingControl {
  /** Closedness claims the control makes (its kind, its text). */
  claims: Claim[]
  /** It counts as a compensating control: not a claim, and not a description that only claims. */
  substantive: boolean
}

/**
 * Judges each control: a catalogue claim never counts; a control of a real kind counts unless its
 * description makes a closedness claim and names no measure (then it is that claim, filed under another kind).
 */
export function judgeControls(controls: readonly CompensatingControl[]): { controls: JudgedControl[]; acceptable: boolean; claims: Claim[] } {
  const judged = controls.map((c): JudgedControl => {
    const entry = BY_ID.get(c.kind)
    const text = judgeText(c.description)
    const claims = [...new Set([...(entry?.claim ? [entry.claim] : []), ...text.claims])]
    const substantive = entry !== undefined && entry.claim === null && (text.claims.length === 0 || text.namesMeasure)
    return { kind: c.kind, description: c.description, claims: CLAIMS.filter((k) => claims.includes(k)), substantive }
  })
  const claims = CLAIMS.filter((k) => judged.some((c) => c.claims.includes(k)))
  return { controls: judged, acceptable: judged.some((c) => c.substantive), claims }
}

export const OBSCURITY_ONLY_CODE = 'asset_exception.obscurity_only'

export function obscurityOnlyMessage(claims: readonly Claim[]): string {
  const named = claims.length === 0 ? 'closedness' : claims.map((c) => c.replace('_', ' ')).join(', ')
  return `The compensating controls only claim ${named}. Being unreachable from the Internet, speaking an unusual protocol or running a dedicated OS `
    + 'does not stop an insider, a maintenance laptop, a USB stick or a compromised vendor connection. Add at least one control that does '
    + '(e.g. network segmentation with allow-listed flows, removable-media control, a jump host with MFA for maintenance, continuous monitoring).'
}

// ---------------------------------------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------------------------------------

export const DECISIONS = ['requested', 'approved', 'rejected'] as const
export type Decision = (typeof DECISIONS)[number]
export const EXCEPTION_STATUSES = ['requested', 'approved', 'rejected', 'expired'] as const
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number]

/** At most this many years between the day an exception is requested or approved and its expiry. */
export const MAX_YEARS = 3
export const EXCEPTION_LIMITS = { controls: 20, description: 2000, reason: 4000, note: 2000 } as const

/**
 * Status on `today`: a rejection stays rejected; anything else past its expiry (the last valid day) is
 * expired, whether it was approved or still waiting; otherwise what was recorded.
 */
export function exceptionStatus(decision: Decision, expiresOn: string, today: string): ExceptionStatus {
  if (decision === 'rejected') return 'rejected'
  if (expiresOn < today) return 'expired'
  return decision
}

/** The same day `years` later (29 February → 28 February). */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years
  const md = date.slice(5)
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`
}

/** CVE ids as the CVE program writes them. */
export const CVE_ID = /^CVE-\d{4}-\d{4,}$/

/** Control characters other than tab and line breaks, and bidirectional overrides, which make text read otherwise than it is. */
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

export interface ExceptionInput {
  deviceId: string
  /** One CVE, or null for all open vulnerabilities of the device. */
  cveId: string | null
  compensatingControls: readonly CompensatingControl[]
  reason: string
  /** Last valid day, YYYY-MM-DD. */
  expiresOn: string
}

export interface PreparedException {
  fields: ExceptionInput
  errors: FieldError[]
  judged: JudgedControl[]
}

/**
 * Normalises an exception request and lists every problem, each naming its field (`cveId`,
 * `compensatingControls.1.kind`, `compensatingControls` for the S6 refusal, `expiresOn`, …). `today` is
 * the day of the request: the expiry must be after it and at most MAX_YEARS later.
 */
export function prepareException(input: ExceptionInput, today: string): PreparedException {
  const errors: FieldError[] = []
  const err = (path: string, code: string, message: string, params: Record<string, string | number> = {}) => errors.push({ path, code, message, params })

  const text = (path: string, value: string, max: number): string => {
    const v = value.trim()
    if (v === '') err(path, 'asset_exception.required', `${path} is required.`)
    else if (v.length > max) err(path, 'asset_exception.too_long', `${path} has ${v.length} characters; at most ${max} are allowed.`, { length: v.length, max })
    else if (HIDDEN.test(v)) err(path, 'asset_exception.control_character', `${path} contains a control or bidirectional formatting character.`)
    return v
  }

  let cveId: string | null = null
  if (input.cveId !== null && input.cveId.trim() !== '') {
    const v = input.cveId.normalize('NFKC').trim().toUpperCase()
    if (!CVE_ID.test(v)) err('cveId', 'asset_exception.cve_format', `cveId must be a CVE id such as CVE-2024-20353 ("${input.cveId.slice(0, 40)}" given), or null for all open vulnerabilities of the device.`, { value: input.cveId.slice(0, 40) })
    else cveId = v
  }

  const controls: CompensatingControl[] = []
  if (input.compensatingControls.length === 0) {
    err('compensatingControls', 'asset_exception.controls_required', 'Name at least one compensating control.')
  } else if (input.compensatingControls.length > EXCEPTION_LIMITS.controls) {
    err('compensatingControls', 'asset_exception.too_many_controls', `At most ${EXCEPTION_LIMITS.controls} compensating controls (${input.compensatingControls.length} given).`, { length: input.compensatingControls.length, max: EXCEPTION_LIMITS.controls })
  } else {
    input.compensatingControls.forEach((c, i) => {
      if (!BY_ID.has(c.kind)) err(`compensatingControls.${i}.kind`, 'asset_exception.control_unknown', `Unknown control "${c.kind.slice(0, 60)}" (one of ${CONTROL_KINDS.join(', ')}).`, { value: c.kind.slice(0, 60) })
      controls.push({ kind: c.kind, description: text(`compensatingControls.${i}.description`, c.description, EXCEPTION_LIMITS.description) })
    })
  }
  const judgement = judgeControls(controls)
  // Only judged once every control is well formed: the S6 refusal speaks of what was meant, not of typos.
  if (controls.length > 0 && errors.every((e) => !e.path.startsWith('compensatingControls')) && !judgement.acceptable) {
    err('compensatingControls', OBSCURITY_ONLY_CODE, obscurityOnlyMessage(judgement.claims), { claims: judgement.claims.join(',') })
  }

  const reason = text('reason', input.reason, EXCEPTION_LIMITS.reason)

  const latest = addYears(today, MAX_YEARS)
  const expiresOn = input.expiresOn.trim()
  if (expiresOn === '') err('expiresOn', 'asset_exception.expiry_required', 'An exception needs an expiry date (YYYY-MM-DD).')
  else if (!isIsoDate(expiresOn)) err('expiresOn', 'asset_exception.date_format', `expiresOn must be a date written YYYY-MM-DD ("${expiresOn.slice(0, 40)}" given).`, { value: expiresOn.slice(0, 40) })
  else if (expiresOn <= today) err('expiresOn', 'asset_exception.expiry_past', `expiresOn ${expiresOn} is not after today (${today}).`, { value: expiresOn, today })
  else if (expiresOn > latest) err('expiresOn', 'asset_exception.expiry_too_far', `An exception lasts at most ${MAX_YEARS} years: expiresOn ${expiresOn} is after ${latest}.`, { value: expiresOn, max: latest, years: MAX_YEARS })

  return { fields: { deviceId: input.deviceId, cveId, compensatingControls: controls, reason, expiresOn }, errors, judged: judgement.controls }
}
