import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addYears, CLAIMS, CONTROL_CATALOGUE, CONTROL_KINDS, exceptionStatus, judgeControls, judgeText, OBSCURITY_ONLY_CODE, prepareException,
  type CompensatingControl, type ExceptionInput,
} from './exceptions.ts'

const TODAY = '2026-04-01'
const REAL_KINDS = CONTROL_CATALOGUE.filter((c) => c.claim === null).map((c) => c.id)
const CLAIM_KINDS = CONTROL_CATALOGUE.filter((c) => c.claim !== null).map((c) => c.id)

const input = (controls: CompensatingControl[], over: Partial<ExceptionInput> = {}): ExceptionInput => ({
  deviceId: 'device-1', cveId: null, compensatingControls: controls, reason: 'Stopping the line costs a day of production.', expiresOn: '2027-03-31', ...over,
})
const s6 = (controls: CompensatingControl[]) => prepareException(input(controls), TODAY).errors.filter((e) => e.path === 'compensatingControls' && e.code === OBSCURITY_ONLY_CODE)

/** Claims as people write them, in Japanese and English. */
const CLAIM_PHRASES = [
  '閉域網', '閉域ネットワーク', '閉域環境', '独自プロトコル', '独自の通信方式', '専用線', '専用回線', 'エアギャップ', 'スタンドアロン', '専用OS', '独自OS',
  'インターネットに接続していない', 'インターネットとは接続されていません', '外部からアクセスできない', '外部と遮断', '物理的に分離',
  'closed network', 'Closed-Network', 'air-gapped', 'air gap', 'isolated network', 'proprietary protocol', 'non-standard protocol', 'custom protocols',
  'not connected to the internet', 'no internet connection', 'unreachable from the Internet', 'dedicated line', 'dedicated OS', 'proprietary operating system',
]
/** Words around a claim that name no measure (some deny one: "no monitoring is needed"). */
const FILLERS = [
  '', ' ', '、', '。', 'のため安全', 'なので問題ありません', 'で運用しています', 'かつ', '当該機器は', '対策不要', 'のため監視は不要', 'のため攻撃されない',
  ' so it is safe', ', therefore secure.', ' and ', 'The device uses a ', ' only.', ' so no firewall is needed', ' without any monitoring', '. Nothing else is required.',
]
/** Real measures described, in Japanese and English. */
const MEASURES = [
  'ファイアウォールで HMI からの 502/tcp のみ許可', 'IDS による常時監視と SOC への通知', 'USB ポートを封印し、持ち込み媒体は検疫端末で検査',
  '保守は多要素認証付きの踏み台経由のみ、操作を記録', 'ベンダーのリモートアクセスは無効化し、保守は立会いで実施', 'OT から IT への一方向のデータダイオード',
  'Application allow-listing (AppLocker) on the HMI', 'Server room locked; badge entry logged', 'Firewall allows only Modbus from the HMI VLAN',
  'Maintenance only via the jump host with MFA', 'Virtual patching: IPS signature for the CVE at the cell boundary', 'Nightly backups, restore tested in March',
]

/** Text as a person might type it: any case, half or full width. */
const typed = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.constantFrom('as is', 'upper', 'wide')).map(([t, how]) =>
  how === 'upper' ? t.toUpperCase() : how === 'wide' ? t.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000') : t)

/** Pieces joined as written: Japanese runs on, English words keep a space between them. */
const join = (pieces: readonly string[]) => pieces.reduce((text, piece) => text + (/[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(piece) ? ' ' : '') + piece, '')
const claimText = typed(fc.array(fc.tuple(fc.constantFrom(...FILLERS), fc.constantFrom(...CLAIM_PHRASES)), { minLength: 1, maxLength: 3 })
  .chain((parts) => fc.constantFrom(...FILLERS).map((tail) => join([...parts.flat(), tail]))))
const nonBlank = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s))

/** A control that only claims closedness: a catalogue claim (any text), or any kind whose text only claims. */
const claimOnlyControl: fc.Arbitrary<CompensatingControl> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...CLAIM_KINDS), description: nonBlank }),
  fc.record({ kind: fc.constantFrom(...CONTROL_KINDS), description: claimText }),
)
/** A real control, its text naming the measure, sometimes after a claim ("閉域網に加え、…"). */
const realControl: fc.Arbitrary<CompensatingControl> = fc.record({
  kind: fc.constantFrom(...REAL_KINDS),
  description: fc.tuple(fc.option(fc.constantFrom(...CLAIM_PHRASES), { nil: undefined }), typed(fc.constantFrom(...MEASURES)))
    .map(([claim, measure]) => (claim === undefined ? measure : `${claim}に加え、${measure}`)),
})

describe('S6: closedness claims are not compensating controls', () => {
  it('any set of controls consisting only of closed-network / proprietary-protocol claims is refused, naming compensatingControls and the reason code', () => {
    fc.assert(fc.property(fc.array(claimOnlyControl, { minLength: 1, maxLength: 6 }), (controls) => {
      const refusals = s6(controls)
      expect(refusals).toHaveLength(1)
      expect(refusals[0]!.message).toMatch(/insider/)
      expect(judgeControls(controls).acceptable).toBe(false)
    }), { numRuns: 500 })
  })

  it('adding one real control, anywhere in the list, makes the same set acceptable', () => {
    fc.assert(fc.property(fc.array(claimOnlyControl, { minLength: 0, maxLength: 6 }), realControl, fc.nat(), (claims, real, at) => {
      const controls = [...claims]
      controls.splice(at % (claims.length + 1), 0, real)
      expect(s6(controls)).toEqual([])
      expect(prepareException(input(controls), TODAY).errors).toEqual([])
    }), { numRuns: 500 })
  })

  it('a real kind whose text claims nothing counts, whatever the text', () => {
    fc.assert(fc.property(fc.constantFrom(...REAL_KINDS), fc.stringMatching(/^[0-9 ./:#()-]{0,20}[0-9]$/), (kind, description) => {
      expect(judgeControls([{ kind, description }]).acceptable).toBe(true)
    }))
  })

  it('hand cases in Japanese and English', () => {
    const refused = (description: string, kind = 'other') => s6([{ kind, description }]).length === 1
    expect(refused('閉域網')).toBe(true)
    expect(refused('閉域網で運用しているため、外部からアクセスできない。')).toBe(true)
    expect(refused('独自プロトコルなので攻撃されない', 'network_segmentation')).toBe(true)
    expect(refused('The PLC sits on an air-gapped network so it is safe', 'network_monitoring')).toBe(true)
    expect(refused('closed network; no monitoring needed')).toBe(true)
    expect(refused('ＣＬＯＳＥＤ　ＮＥＴＷＯＲＫ')).toBe(true)
    // A claim next to a real measure is fine: the measure is what counts.
    expect(refused('閉域網。加えてファイアウォールで許可した通信のみ通す')).toBe(false)
    expect(refused('Firewall allows only 502/tcp from the HMI', 'network_segmentation')).toBe(false)
    // A catalogue claim never counts, even with a measure in its text: that measure is its own control.
    expect(s6([{ kind: 'closed_network', description: 'ファイアウォールもある' }])).toHaveLength(1)
    expect(s6([{ kind: 'closed_network', description: '閉域網' }, { kind: 'removable_media_control', description: 'USB ポートは封印' }])).toEqual([])
  })

  it('names the claims it found, in catalogue order', () => {
    const [refusal] = s6([{ kind: 'proprietary_protocol', description: 'Modbus variant' }, { kind: 'other', description: 'closed network' }])
    expect(refusal!.params).toEqual({ claims: 'closed_network,proprietary_protocol' })
    expect(judgeText('専用OSのため安全')).toEqual({ claims: ['dedicated_os'], namesMeasure: false })
    expect(judgeText('physically isolated')).toEqual({ claims: ['closed_network'], namesMeasure: false })
  })

  it('judges malformed controls only after they are fixed: an unknown kind is reported, not an S6 refusal', () => {
    const errors = prepareException(input([{ kind: 'firewal', description: '閉域網' }]), TODAY).errors
    expect(errors.map((e) => [e.path, e.code])).toEqual([['compensatingControls.0.kind', 'asset_exception.control_unknown']])
  })

  it('the catalogue lists every claim once and has unique ids', () => {
    expect(new Set(CONTROL_KINDS).size).toBe(CONTROL_KINDS.length)
    expect(CONTROL_CATALOGUE.filter((c) => c.claim !== null).map((c) => c.claim).sort()).toEqual([...CLAIMS].sort())
    for (const c of CONTROL_CATALOGUE) expect(c.label.ja.trim() && c.label.en.trim() && c.guidance.ja.trim() && c.guidance.en.trim()).toBeTruthy()
  })
})

describe('prepareException', () => {
  const ok = [{ kind: 'network_segmentation', description: 'Only the HMI may reach the PLC on 502/tcp.' }]

  it('accepts a complete request and normalises the CVE id', () => {
    const prepared = prepareException(input(ok, { cveId: ' cve-2024-20353 ' }), TODAY)
    expect(prepared.errors).toEqual([])
    expect(prepared.fields.cveId).toBe('CVE-2024-20353')
    expect(prepareException(input(ok, { cveId: '' }), TODAY).fields.cveId).toBeNull()
  })

  it('names every bad field at once', () => {
    const errors = prepareException(input([], { cveId: 'CVE-24-1', reason: '  ', expiresOn: '2026-13-01' }), TODAY).errors
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['cveId', 'asset_exception.cve_format'], ['compensatingControls', 'asset_exception.controls_required'], ['reason', 'asset_exception.required'], ['expiresOn', 'asset_exception.date_format'],
    ])
  })

  it('needs an expiry after today and at most three years ahead', () => {
    const codeFor = (expiresOn: string, today = TODAY) => prepareException(input(ok, { expiresOn }), today).errors.find((e) => e.path === 'expiresOn')?.code ?? null
    expect(codeFor('')).toBe('asset_exception.expiry_required')
    expect(codeFor(TODAY)).toBe('asset_exception.expiry_past')
    expect(codeFor('2026-04-02')).toBeNull()
    expect(codeFor('2029-04-01')).toBeNull()
    expect(codeFor('2029-04-02')).toBe('asset_exception.expiry_too_far')
    expect(codeFor('2027-02-28', '2024-02-29')).toBeNull()
    expect(codeFor('2027-03-01', '2024-02-29')).toBe('asset_exception.expiry_too_far')
  })

  it('limits descriptions and refuses control characters', () => {
    const errors = prepareException(input([{ kind: 'other', description: 'x'.repeat(2001) }, { kind: 'other', description: 'a\u202eb' }]), TODAY).errors
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['compensatingControls.0.description', 'asset_exception.too_long'], ['compensatingControls.1.description', 'asset_exception.control_character'],
    ])
    expect(prepareException(input(Array.from({ length: 21 }, () => ok[0]!)), TODAY).errors.map((e) => e.code)).toEqual(['asset_exception.too_many_controls'])
  })
})

describe('status from the clock', () => {
  it('rejected stays rejected; otherwise past the expiry is expired', () => {
    expect(exceptionStatus('requested', '2026-04-01', '2026-04-01')).toBe('requested')
    expect(exceptionStatus('approved', '2026-04-01', '2026-04-01')).toBe('approved')
    expect(exceptionStatus('approved', '2026-04-01', '2026-04-02')).toBe('expired')
    expect(exceptionStatus('requested', '2026-04-01', '2026-04-02')).toBe('expired')
    expect(exceptionStatus('rejected', '2026-04-01', '2030-01-01')).toBe('rejected')
  })

  it('addYears keeps the day, and 29 February becomes 28 February', () => {
    expect(addYears('2026-04-01', 3)).toBe('2029-04-01')
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28')
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29')
  })
})
