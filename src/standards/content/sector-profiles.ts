/**
 * Two SAMPLE sector standards written as profiles over the Unified Standard sample (OSCAL semantics): 医療
 * (medical, 厚生労働省) and 金融 (finance, 金融庁). Each tier of a sector has one profile. The profile import's
 * `versionId` is the placeholder key 'unified-standard'; the loader replaces it with the stored version's id.
 *
 * Rules the content keeps (and content.test.ts checks): no profile excludes a `must`, lowers its strength or
 * moves a `must`'s parameter against its `stricter` direction. The small-clinic profile only adds plain
 * wording and two small items, so a clinic's list stays at most 30 items; the national-systems profile keeps
 * everything, tightens parameters and adds medical-system items.
 */
import type { Alteration, LocalizedText, ProfileSpec, RequirementNode, TierLevel } from '../domain/model.ts'
import { groupNode, ins, param, requirementNode, t } from './builders.ts'

export interface SectorTierSample {
  key: string
  level: TierLevel
  name: LocalizedText
  criteria: LocalizedText
}

export interface SectorProfileSample {
  /** The sector standard's document key. */
  key: string
  sectorId: string
  /** The owning ministry's organisation key (demo org ids equal their keys). */
  ownerKey: string
  title: LocalizedText
  versionLabel: string
  notice: LocalizedText
  tiers: SectorTierSample[]
  /** One profile per tier: the spec over the Unified Standard plus the tier's own added nodes. */
  profiles: { tierKey: string; spec: ProfileSpec; nodes: RequirementNode[] }[]
}

/** The placeholder the loader maps to the stored Unified Standard version. */
export const UNIFIED_STANDARD_KEY = 'unified-standard'

const importAll = (): ProfileSpec['imports'] => [{ versionId: UNIFIED_STANDARD_KEY, include: 'all', exclude: [] }]

// ───────────────────────────── 医療 ─────────────────────────────

/**
 * Plain yes/no wording for every Unified Standard requirement a small clinic can be subject to (the 23
 * always-applicable items and the 3 that apply at any size with personal data or cloud use). "Yes" always
 * means compliant.
 */
const CLINIC_PLAIN: Record<string, LocalizedText> = {
  'us-3.1.1.1': t(
    '院長（開設者）が、サイバーセキュリティ対策の最終的な責任者であることを文書で定めていますか？',
    'Has the director stated in writing that they are ultimately responsible for cybersecurity?',
  ),
  'us-3.1.2.1': t(
    'セキュリティ対策の責任者を決めて、厚生労働省に届け出ていますか？（院長との兼務でもかまいません）',
    'Have you named the person responsible for security and told the Ministry of Health? (The director may hold the role.)',
  ),
  'us-3.1.3.1': t(
    'セキュリティの基本方針を作り、職員や保守業者に伝えていますか？（ひな形を使ってかまいません）',
    'Do you have a security policy and have you told staff and maintenance contractors about it? (A template is fine.)',
  ),
  'us-3.2.2.1': t(
    `年に${ins('awareness_training_per_year')}回以上、全職員に、不審なメールへの対応やパスワードの扱いを説明していますか？`,
    `At least ${ins('awareness_training_per_year')} times a year, do you brief all staff on suspicious e-mail and passwords?`,
  ),
  'us-3.3.1.1': t(
    'パソコン、サーバ、ルータやVPN装置などの機器と、使っているソフトの一覧表がありますか？（保守業者が管理する機器も含みます）',
    'Do you have a list of your computers, servers, routers, VPN devices and software, including devices the maintenance contractor manages?',
  ),
  'us-3.3.3.1': t(
    '電子カルテやレセコンの保守業者、クラウドサービスの一覧があり、セキュリティの役割分担と緊急時の連絡先を契約書などで決めていますか？',
    'Do you have a list of your IT contractors and cloud services, with security roles and emergency contacts agreed in the contract?',
  ),
  'us-3.3.4.1': t(
    `診療を止めるおそれのある危険（ウイルス感染、機器の故障など）をチェックリストなどで洗い出して対策を決め、${ins('risk_assessment_interval_months')}か月に1回以上見直していますか？`,
    `Have you listed what could stop your practice (malware, broken equipment…) using a checklist, decided what to do, and do you review it at least every ${ins('risk_assessment_interval_months')} months?`,
  ),
  'us-3.4.1.1': t(
    '職員ごとに別々のIDとパスワードを使い、初期パスワードを変え、辞めた職員のIDはすぐに削除していますか？',
    'Does every staff member have their own ID and password, are default passwords changed, and are leavers\' IDs removed at once?',
  ),
  'us-3.4.1.2': t(
    '普段の仕事では、管理者権限のないIDを使っていますか？',
    'Is everyday work done with IDs that do not have administrator rights?',
  ),
  'us-3.4.1.3': t(
    '外部から院内のネットワークに入る経路（VPN、保守用の回線、リモートデスクトップなど）で、パスワードに加えてスマートフォンの確認コードなどの二つ目の認証を使っていますか？',
    'On every way in from outside (VPN, maintenance line, remote desktop), do you use a second factor such as a code on a smartphone in addition to the password?',
  ),
  'us-3.4.2.1': t(
    'インターネットや保守業者の回線など、外部とつながっている箇所をすべて把握し、使っていない接続は止めていますか？',
    'Do you know every connection to the outside (internet, contractor lines) and have you switched off the ones you do not use?',
  ),
  'us-3.4.2.2': t(
    '「外部とつながっていないから安全」と考えずに、閉じたネットワークの機器にも更新やパスワードの対策をしていますか？',
    'Do devices on closed networks get updates and password measures too, rather than being assumed safe because they are "not connected"?',
  ),
  'us-3.4.3.1': t(
    '電子カルテなどの大切なデータのバックアップを、定期的に取っていますか？',
    'Do you regularly back up important data such as electronic medical records?',
  ),
  'us-3.4.3.3': t(
    `パソコンやサーバのバックアップを、ネットワークから切り離した場所にも保管していますか？ また、${ins('restore_test_interval_days')}日に1回以上、そのバックアップから元に戻せるか試していますか？`,
    `Do you also keep a backup of your computers and servers somewhere disconnected from the network, and do you test restoring from it at least every ${ins('restore_test_interval_days')} days?`,
  ),
  'us-3.4.4.1': t(
    'パソコン、サーバ、ルータやVPN装置の更新プログラム（セキュリティ更新）を、公開されたらすぐに適用していますか？',
    'Do you install security updates for computers, servers, routers and VPN devices as soon as they come out?',
  ),
  'us-3.4.4.2': t(
    'メーカーのサポートが終わった機器やソフト（古いWindowsなど）を把握し、買い替えの予定を立てていますか？',
    'Do you know which devices and software are out of support (such as old Windows) and have you planned their replacement?',
  ),
  'us-3.4.5.1': t(
    'すべてのパソコンとサーバにウイルス対策ソフトを入れ、最新の状態にしていますか？',
    'Is anti-virus software installed and up to date on every computer and server?',
  ),
  'us-3.5.1.1': t(
    `サーバやVPN装置などの記録（ログ）を、${ins('log_retention_min_days')}日以上残していますか？`,
    `Do you keep the records (logs) of servers, VPN devices and the like for at least ${ins('log_retention_min_days')} days?`,
  ),
  'us-3.6.1.1': t(
    'ウイルス感染などが起きたときの最初の対応と連絡先（厚生労働省、保守業者、警察など）を紙にまとめ、職員に伝えていますか？',
    'Have you written down on paper what to do first in an incident and whom to call (Ministry of Health, contractor, police), and told staff?',
  ),
  'us-3.6.2.1': t(
    'システムが止まった、または止まりそうなときに、すぐに厚生労働省へ報告する手順を決めていますか？',
    'Have you decided how to report to the Ministry of Health straight away when systems stop or may stop?',
  ),
  'us-3.7.2.1': t(
    '電子カルテなどが使えなくなったときに、紙で診療を続ける方法と用紙を準備していますか？',
    'Are you ready to keep seeing patients on paper (procedure and forms) if the electronic records system is down?',
  ),
  'us-3.7.3.1': t(
    'サイバー攻撃で診療が止まった場合の費用や収入の減少を見積もり、サイバー保険などの備えを検討しましたか？',
    'Have you estimated the costs and lost income if an attack stopped your practice, and considered cyber insurance or other preparations?',
  ),
  'us-3.8.2.1': t(
    '厚生労働省やセプターからの注意喚起を受け取る窓口（メールアドレスなど）を決め、届いたら自院に関係があるか確認していますか？',
    'Have you set a contact (such as an e-mail address) for alerts from the Ministry of Health and the CEPTOAR, and do you check whether each alert concerns you?',
  ),
  'us-3.3.3.4': t(
    'クラウドサービスを使っている場合、どこまでが自院の責任かを確認し、共有の設定やパスワードを管理していますか？',
    'If you use cloud services, have you checked what you are responsible for, and do you manage sharing settings and passwords?',
  ),
  'us-3.4.3.7': t(
    '患者さんの情報をUSBメモリやノートパソコンに保存するときは、暗号化していますか？',
    'Do you encrypt patient information stored on USB sticks or laptops?',
  ),
  'us-3.6.2.4': t(
    '患者さんの情報が漏れた、または漏れたおそれがあるときに、個人情報保護委員会への報告と本人へのお知らせを行う手順を決めていますか？',
    'Have you decided how to report to the Personal Information Protection Commission and tell the patients if their information leaks or may have leaked?',
  ),
}

const MEDICAL_SMALL_NODES: RequirementNode[] = [
  groupNode(
    'med-small',
    null,
    'M',
    t('医療分野の追加事項（小規模医療機関）', 'Medical additions (small medical institutions)'),
    t('統一基準の各項目に加え、小規模医療機関に求める事項を示す。（サンプル）', 'Items required of small medical institutions in addition to the Unified Standard. (Sample)'),
  ),
  requirementNode('med-small-1', 'med-small', 'M-1', {
    title: t('オンライン資格確認端末の目的外利用の禁止', 'Online eligibility terminal used for nothing else'),
    text: t(
      'オンライン資格確認等システムに接続する端末は、当該システムの利用以外の目的に用いず、電子メールの送受信及びウェブサイトの閲覧に使用しないこと。',
      'The terminal connected to the online eligibility confirmation system shall be used for nothing else, in particular not for e-mail or web browsing.',
    ),
    strength: 'must',
    guidance: t(
      '閉域網に接続する端末であっても、目的外の利用により侵入の経路となり得る（統一基準 3.4.2.2 参照）。',
      'Even a terminal on a closed network becomes an entry point when used for other things (see Unified Standard 3.4.2.2).',
    ),
    evidence: [t('端末の利用ルール', 'Terminal usage rule')],
    plain: t(
      'オンライン資格確認用のパソコンは、資格確認だけに使っていますか？（メールやホームページの閲覧には使わない）',
      'Is the online eligibility computer used only for eligibility checks (no e-mail, no web browsing)?',
    ),
  }),
  // S20
  requirementNode('med-small-2', 'med-small', 'M-2', {
    title: t('支援の要請', 'Asking for support'),
    text: t(
      '自院のみでは対策を講ずることが困難な場合は、厚生労働省又は地域の支援窓口に相談し、支援を求めることができる。',
      'Where the institution cannot carry out the measures on its own, it may consult the Ministry of Health or a regional help desk and ask for support.',
    ),
    strength: 'may',
    guidance: t('支援の要請は Kaname から送ることができる。', 'Support requests can be sent from Kaname.'),
    evidence: [t('相談・支援の記録', 'Record of consultation or support')],
    plain: t(
      '自院だけでは対策が難しいときに相談できる窓口（厚生労働省や地域の支援窓口）を知っていますか？',
      'Do you know where to ask for help (the Ministry of Health or a regional help desk) when you cannot manage a measure alone?',
    ),
  }),
]

const MEDICAL_NATIONAL_NODES: RequirementNode[] = [
  groupNode(
    'med-national',
    null,
    'N',
    t('国家医療システム運営者の追加事項', 'Additional items for operators of national medical systems'),
    t(
      'オンライン資格確認、電子処方箋、電子カルテ情報共有等、全国の医療機関が利用するシステムの運営者に求める事項を示す。（サンプル）',
      'Items required of operators of systems used by medical institutions nationwide: online eligibility confirmation, electronic prescriptions, EHR sharing. (Sample)',
    ),
  ),
  requirementNode('med-national-1', 'med-national', 'N-1', {
    title: t('オンライン資格確認等システムの可用性監視', 'Availability monitoring of the online eligibility system'),
    text: t(
      `オンライン資格確認等システムの稼働状況を常時監視し、月間の稼働率${ins('eligibility_availability_target_percent')}％以上を維持するとともに、障害時には医療機関等に対し影響と代替手段を速やかに周知すること。`,
      `Operators shall monitor the online eligibility confirmation system continuously, keep monthly availability at or above ${ins('eligibility_availability_target_percent')}%, and promptly tell medical institutions the impact and fallback during an outage.`,
    ),
    strength: 'must',
    parameters: [
      param('eligibility_availability_target_percent', t('月間稼働率の目標（％）', 'Monthly availability target (%)'), 'number', 99.9, { unit: 'percent', stricter: 'higher' }),
    ],
    guidance: t('周知の手段は、システムが停止していても届く経路とすること。', 'Use a channel that works even when the system is down.'),
    evidence: [t('稼働率の月次報告', 'Monthly availability report'), t('障害時の周知記録', 'Outage notices')],
  }),
  requirementNode('med-national-2', 'med-national', 'N-2', {
    title: t('電子処方箋の署名鍵の保護', 'Protecting electronic prescription signing keys'),
    text: t(
      '電子処方箋管理サービスにおける電子署名の検証及びタイムスタンプに用いる鍵を、耐タンパ性を有する装置（HSM等）で保護し、鍵の操作を複数人による承認と記録の下で行うこと。',
      'Keys used by the electronic prescription service for signature verification and time-stamping shall be protected in tamper-resistant hardware (HSM) and operated only under multi-person approval with records.',
    ),
    strength: 'must',
    guidance: t('医師等の署名（HPKI）の失効情報の確認を含む。', 'Includes checking revocation of practitioners\' HPKI signatures.'),
    evidence: [t('鍵管理規程', 'Key management rules'), t('鍵操作の記録', 'Key ceremony records')],
  }),
  requirementNode('med-national-3', 'med-national', 'N-3', {
    title: t('電子カルテ情報共有のアクセス記録', 'Access logging for EHR sharing'),
    text: t(
      '電子カルテ情報共有サービスにおける全ての照会及び提供について、照会元の医療機関、利用者、対象者及び日時を記録し、不正な照会を監視すること。',
      'For every query and disclosure in the EHR sharing service, operators shall record the requesting institution, user, patient and time, and monitor for improper queries.',
    ),
    strength: 'must',
    guidance: t('患者本人からの照会記録の開示請求に応じられるようにすること。', 'Be able to answer a patient\'s request to see who looked at their record.'),
    evidence: [t('アクセス記録の設計', 'Access log design'), t('監視の記録', 'Monitoring records')],
  }),
  // S6
  requirementNode('med-national-4', 'med-national', 'N-4', {
    title: t('医療機関等との接続の最小化', 'Least-privilege connections from medical institutions'),
    text: t(
      '全国の医療機関等からの接続（閉域網を含む。）について、接続元を認証し、許可した通信以外を遮断し、接続元の一つが侵害された場合に他へ波及しない構成とすること。',
      'For connections from medical institutions nationwide (closed networks included), operators shall authenticate every source, block all but permitted traffic and design so that one compromised institution cannot spread to others.',
    ),
    strength: 'must',
    guidance: t('閉域網であることを理由に医療機関側を信頼しないこと（統一基準 3.4.2.2）。', 'Do not trust institutions because the network is closed (Unified Standard 3.4.2.2).'),
    evidence: [t('接続構成と通信許可規則', 'Connection design and rules')],
  }),
  // S25
  requirementNode('med-national-5', 'med-national', 'N-5', {
    title: t('医療機関向けの代替運用手順', 'Fallback procedures for medical institutions'),
    text: t(
      'システムの停止時に医療機関等が資格確認及び処方を継続するための代替運用の手順を定めて周知し、年1回以上、医療機関等の参加を得て訓練すること。',
      'Operators shall publish fallback procedures that let medical institutions keep confirming eligibility and prescribing when the system is down, and exercise them with institutions at least once a year.',
    ),
    strength: 'must',
    guidance: t('受診者の不利益が生じないことを目標とすること。', 'Aim for no patient to be disadvantaged.'),
    evidence: [t('代替運用手順', 'Fallback procedure'), t('訓練記録', 'Exercise record')],
  }),
  // S27
  requirementNode('med-national-6', 'med-national', 'N-6', {
    title: t('委託先・クラウドへの集中の評価', 'Concentration on contractors and cloud'),
    text: t(
      '国家医療システムの開発・運用を担う委託先及びクラウド事業者への依存の集中を評価し、その結果と代替策を厚生労働省に報告すること。',
      'Operators should assess how concentrated the national medical systems are on their contractors and cloud providers and report the results and alternatives to the Ministry of Health.',
    ),
    strength: 'should',
    guidance: t('統一基準 3.3.3.6 を国家医療システムについて具体化したもの。', 'Applies Unified Standard 3.3.3.6 to the national medical systems.'),
    evidence: [t('集中リスク評価', 'Concentration assessment')],
  }),
]

const MEDICAL_SMALL_SPEC: ProfileSpec = {
  imports: importAll(),
  setParameters: [],
  alters: Object.entries(CLINIC_PLAIN).map(([nodeId, plain]): Alteration => ({ nodeId, plain })),
}

const MEDICAL_NATIONAL_SPEC: ProfileSpec = {
  imports: importAll(),
  setParameters: [
    { paramId: 'restore_test_interval_days', value: 90 },
    { paramId: 'ciso_board_reports_per_year', value: 4 },
    { paramId: 'kev_patch_deadline_days', value: 7 },
  ],
  alters: [
    {
      nodeId: 'us-3.4.3.3',
      addGuidance: t(
        'オンライン資格確認等システムのデータベース及び医療機関との接続設定を復元テストの対象に含めること。',
        'Include the eligibility database and the connection settings for medical institutions in the restore tests.',
      ),
    },
    { nodeId: 'us-3.4.1.6', strength: 'must' },
    { nodeId: 'us-3.3.2.2', strength: 'must' },
    {
      nodeId: 'us-3.3.3.6',
      strength: 'must',
      addGuidance: t('N-6 の報告と併せて評価すること。', 'Assess together with the report under N-6.'),
    },
    {
      nodeId: 'us-3.5.2.2',
      addText: t(
        '国家医療システムの運営者は、医療機関等から受けた障害・不審事象の問合せについても自動的に分類し、分野全体の傾向を把握すること。',
        'Operators of national medical systems should also triage automatically the outage and suspicious-event enquiries received from medical institutions, to see sector-wide trends.',
      ),
    },
  ],
}

// ───────────────────────────── 金融 ─────────────────────────────

/**
 * The heading of the FSA's 「金融分野におけるサイバーセキュリティに関するガイドライン」 (2024) each Unified Standard
 * item corresponds to, and whether the guideline lists it as a baseline measure (基本的な対応事項) or a
 * desirable one (対応が望ましい事項). Heading numbers are as read for this sample (check against the current edition).
 */
const FSA_HEADINGS: Record<string, { heading: string; headingEn: string; basic: boolean }> = {
  'us-3.1.1.1': { heading: '2.1 サイバーセキュリティ管理態勢の構築', headingEn: '2.1 Cybersecurity management framework', basic: true },
  'us-3.1.1.2': { heading: '2.1 サイバーセキュリティ管理態勢の構築', headingEn: '2.1 Cybersecurity management framework', basic: true },
  'us-3.1.2.1': { heading: '2.1 サイバーセキュリティ管理態勢の構築', headingEn: '2.1 Cybersecurity management framework', basic: true },
  'us-3.1.3.1': { heading: '2.1.1 基本方針、規程類の策定等', headingEn: '2.1.1 Policies and rules', basic: true },
  'us-3.1.4.2': { heading: '2.1 サイバーセキュリティ管理態勢の構築', headingEn: '2.1 Cybersecurity management framework', basic: false },
  'us-3.3.1.1': { heading: '2.2.1 情報資産管理', headingEn: '2.2.1 Information asset management', basic: true },
  'us-3.3.1.4': { heading: '2.2.1 情報資産管理', headingEn: '2.2.1 Information asset management', basic: true },
  'us-3.3.4.1': { heading: '2.2.2 リスク管理プロセス', headingEn: '2.2.2 Risk management process', basic: true },
  'us-3.3.5.1': { heading: '2.2.2 リスク管理プロセス', headingEn: '2.2.2 Risk management process', basic: false },
  'us-3.4.4.1': { heading: '2.2.3 ハードウェア・ソフトウェア等の脆弱性管理', headingEn: '2.2.3 Vulnerability management of hardware and software', basic: true },
  'us-3.4.4.3': { heading: '2.2.3 ハードウェア・ソフトウェア等の脆弱性管理', headingEn: '2.2.3 Vulnerability management of hardware and software', basic: true },
  'us-3.4.4.7': { heading: '2.2.4 脆弱性診断及びペネトレーションテスト', headingEn: '2.2.4 Vulnerability assessment and penetration testing', basic: true },
  'us-3.4.4.8': { heading: '2.2.4 脆弱性診断及びペネトレーションテスト', headingEn: '2.2.4 Vulnerability assessment and penetration testing', basic: false },
  'us-3.6.1.2': { heading: '2.2.5 演習・訓練', headingEn: '2.2.5 Exercises and training', basic: true },
  'us-3.4.1.3': { heading: '2.3.1 認証・アクセス管理', headingEn: '2.3.1 Authentication and access management', basic: true },
  'us-3.4.1.6': { heading: '2.3.1 認証・アクセス管理', headingEn: '2.3.1 Authentication and access management', basic: false },
  'us-3.2.2.1': { heading: '2.3.2 教育・研修', headingEn: '2.3.2 Education and training', basic: true },
  'us-3.4.3.3': { heading: '2.3.3 データ保護', headingEn: '2.3.3 Data protection', basic: true },
  'us-3.4.2.3': { heading: '2.3.4 システムのセキュリティ対策', headingEn: '2.3.4 System security measures', basic: true },
  'us-3.5.2.1': { heading: '2.4 サイバー攻撃の検知', headingEn: '2.4 Detecting cyber attacks', basic: true },
  'us-3.5.2.2': { heading: '2.4 サイバー攻撃の検知', headingEn: '2.4 Detecting cyber attacks', basic: false },
  'us-3.7.2.2': { heading: '2.5.1 インシデント対応計画及びコンティンジェンシープランの策定', headingEn: '2.5.1 Incident response and contingency plans', basic: true },
  'us-3.6.4.1': { heading: '2.5.2 インシデントへの対応及び復旧', headingEn: '2.5.2 Incident response and recovery', basic: true },
  'us-3.3.3.2': { heading: '2.6 サードパーティリスク管理', headingEn: '2.6 Third-party risk management', basic: true },
  'us-3.3.3.6': { heading: '2.6 サードパーティリスク管理', headingEn: '2.6 Third-party risk management', basic: false },
}

const fsaAlters: Alteration[] = Object.entries(FSA_HEADINGS).map(([nodeId, { heading, headingEn, basic }]) => ({
  nodeId,
  addGuidance: t(
    `金融分野におけるサイバーセキュリティに関するガイドライン「${heading}」の「${basic ? '基本的な対応事項' : '対応が望ましい事項'}」に対応する。`,
    `Corresponds to the ${basic ? 'baseline measures (基本的な対応事項)' : 'desirable measures (対応が望ましい事項)'} of "${headingEn}" in the FSA cybersecurity guideline for the financial sector.`,
  ),
}))

const FINANCE_GROUP = groupNode(
  'fin-measures',
  null,
  'F',
  t('金融分野固有の対策', 'Finance-specific measures'),
  t(
    '統一基準の各項目に加え、金融機関等に求める事項を示す。参照する見出しは金融庁ガイドラインのサンプル作成時の整理であり、最新版で確認すること。（サンプル）',
    'Items required of financial institutions in addition to the Unified Standard. Headings cited are as read for this sample; check the current edition of the FSA guideline. (Sample)',
  ),
)

const FINANCE_COMMON_NODES: RequirementNode[] = [
  requirementNode('fin-1', 'fin-measures', 'F-1', {
    title: t('不正送金・不正取引の防止', 'Preventing fraudulent transfers'),
    text: t(
      'インターネットバンキング等の非対面取引において、取引認証の強化、不正取引の検知及び利用者への注意喚起により、不正送金・不正取引を防止すること。',
      'For online and other non-face-to-face transactions, institutions shall prevent fraudulent transfers through stronger transaction authentication, fraud detection and customer warnings.',
    ),
    strength: 'must',
    guidance: t('ガイドライン「2.3.1 認証・アクセス管理」の「基本的な対応事項」に対応する。', 'Corresponds to the baseline measures of "2.3.1 Authentication and access management".'),
    evidence: [t('取引認証の方式', 'Transaction authentication design'), t('不正検知の記録', 'Fraud detection records')],
  }),
  // S27
  requirementNode('fin-2', 'fin-measures', 'F-2', {
    title: t('共同利用システムの委託先管理', 'Managing shared-system centres'),
    text: t(
      '勘定系システム等を共同センターで共同利用する場合は、共同利用する他の金融機関と連携して委託先の管理及び訓練を行い、共同利用者間の責任分担を明確にすること。',
      'Institutions sharing a core banking system at a shared centre shall manage and exercise the provider together with the other member institutions and make the members\' responsibilities clear.',
    ),
    strength: 'must',
    guidance: t('ガイドライン「2.6 サードパーティリスク管理」の「基本的な対応事項」に対応する。', 'Corresponds to the baseline measures of "2.6 Third-party risk management".'),
    evidence: [t('共同利用者間の取決め', 'Agreement among member institutions')],
  }),
  requirementNode('fin-3', 'fin-measures', 'F-3', {
    title: t('業界横断的演習への参加', 'Sector-wide exercises'),
    text: t(
      '金融庁が実施する金融業界横断的なサイバーセキュリティ演習（Delta Wall）等に参加し、得られた課題を自らの対応計画に反映すること。',
      'Institutions should take part in the FSA\'s sector-wide cybersecurity exercise (Delta Wall) or similar and feed the findings into their response plans.',
    ),
    strength: 'should',
    guidance: t('ガイドライン「2.2.5 演習・訓練」の「対応が望ましい事項」に対応する。', 'Corresponds to the desirable measures of "2.2.5 Exercises and training".'),
    evidence: [t('演習の参加記録と改善計画', 'Participation record and improvement plan')],
  }),
]

const FINANCE_MAJOR_NODES: RequirementNode[] = [
  requirementNode('fin-4', 'fin-measures', 'F-4', {
    title: t('脅威ベースのペネトレーションテスト（TLPT）', 'Threat-led penetration testing (TLPT)'),
    text: t(
      `脅威情報に基づき実在の攻撃者の手口を模した侵入テスト（TLPT）を、${ins('tlpt_interval_months')}か月以内ごとに、重要な業務を支えるシステムを対象として実施し、結果を経営陣に報告すること。`,
      `Institutions shall run threat-led penetration tests (TLPT) that emulate real attackers, based on threat intelligence, against the systems supporting critical operations at least every ${ins('tlpt_interval_months')} months, and report the results to senior management.`,
    ),
    strength: 'must',
    parameters: [param('tlpt_interval_months', t('TLPTの実施間隔（月）', 'TLPT interval (months)'), 'integer', 36, { unit: 'months', stricter: 'lower' })],
    guidance: t(
      'ガイドライン「2.2.4 脆弱性診断及びペネトレーションテスト」では「対応が望ましい事項」であるが、本プロファイルでは大手金融機関に必須とする。',
      'A desirable measure under "2.2.4 Vulnerability assessment and penetration testing" of the guideline; this profile makes it mandatory for major institutions.',
    ),
    evidence: [t('TLPT報告書', 'TLPT report'), t('経営陣への報告', 'Board report')],
  }),
  requirementNode('fin-5', 'fin-measures', 'F-5', {
    title: t('システミックリスクの考慮', 'Systemic risk'),
    text: t(
      '自らのサービスの停止が決済システム、他の金融機関及び市場に及ぼす影響を評価し、重要な業務の最大許容停止時間及び復旧目標に反映すること。',
      'Institutions shall assess how an outage of their services would affect payment systems, other institutions and markets, and reflect it in the MTPD and recovery objectives of critical operations.',
    ),
    strength: 'must',
    guidance: t('金融システムの安定の観点から、金融庁と評価の前提を共有すること。', 'Share the assumptions with the FSA from the viewpoint of financial stability.'),
    evidence: [t('システミック影響の評価', 'Systemic impact assessment')],
  }),
  // S27
  requirementNode('fin-6', 'fin-measures', 'F-6', {
    title: t('重要なサードパーティへの集中', 'Concentration on critical third parties'),
    text: t(
      '多数の金融機関が依存するクラウド事業者等の重要なサードパーティへの依存状況を金融庁に報告し、当該サードパーティの停止に備えた代替策及び出口戦略を定めること。',
      'Institutions shall report to the FSA their reliance on critical third parties that many institutions depend on, such as cloud providers, and keep alternatives and exit strategies for their failure.',
    ),
    strength: 'must',
    guidance: t('ガイドライン「2.6 サードパーティリスク管理」の「対応が望ましい事項」を大手金融機関について必須としたもの。', 'Makes the desirable measures of "2.6 Third-party risk management" mandatory for major institutions.'),
    evidence: [t('重要サードパーティの一覧と依存状況', 'Critical third parties and reliance'), t('出口戦略', 'Exit strategy')],
  }),
  // S4
  requirementNode('fin-7', 'fin-measures', 'F-7', {
    title: t('攻撃時の資金決済と流動性の確保', 'Payments and liquidity during an attack'),
    text: t(
      'サイバー攻撃により勘定系システムが停止した場合にも、重要な資金決済を継続し、流動性を確保するための手順を定め、訓練すること。',
      'Institutions should have and exercise procedures to keep critical payments flowing and secure liquidity even when the core banking system is stopped by an attack.',
    ),
    strength: 'should',
    guidance: t('ガイドライン「2.5.1 インシデント対応計画及びコンティンジェンシープランの策定」に対応する。', 'Corresponds to "2.5.1 Incident response and contingency plans".'),
    evidence: [t('コンティンジェンシープラン', 'Contingency plan')],
  }),
]

const FINANCE_REGIONAL_SPEC: ProfileSpec = { imports: importAll(), setParameters: [], alters: fsaAlters }

const FINANCE_MAJOR_SPEC: ProfileSpec = {
  imports: importAll(),
  setParameters: [
    { paramId: 'ciso_board_reports_per_year', value: 4 },
    { paramId: 'kev_patch_deadline_days', value: 7 },
    { paramId: 'pentest_interval_months', value: 12 },
    { paramId: 'restore_test_interval_days', value: 180 },
    { paramId: 'log_retention_days', value: 1825 },
  ],
  alters: [
    ...fsaAlters,
    { nodeId: 'us-3.4.4.8', strength: 'must' },
    { nodeId: 'us-3.3.3.6', strength: 'must' },
    { nodeId: 'us-3.5.2.2', strength: 'must' },
  ],
}

// ───────────────────────────── export ─────────────────────────────

const SECTOR_NOTICE: LocalizedText = t(
  'この安全基準は、Kaname のデモンストレーションのために作成したサンプル（公式文書ではありません）です。所管省庁が定めた実際の安全基準等とは異なります。',
  'This sector standard is a SAMPLE written for the Kaname demo, not an official text. It differs from the sector standards actually issued by the ministries.',
)

export const SECTOR_PROFILES: SectorProfileSample[] = [
  {
    key: 'medical-standard',
    sectorId: 'medical',
    ownerKey: 'mhlw',
    title: t(
      '医療分野における情報セキュリティ安全基準 サンプル（公式文書ではありません）',
      'Medical-sector cybersecurity standard — SAMPLE (not an official text)',
    ),
    versionLabel: 'デモ用サンプル 2026',
    notice: SECTOR_NOTICE,
    tiers: [
      {
        key: 'medical-small',
        level: 'baseline',
        name: t('小規模医療機関', 'Small medical institutions'),
        criteria: t(
          '病床数が19床以下の診療所等で、国家医療システムの運営を担わないもの。',
          'Clinics and similar institutions with 19 beds or fewer that do not operate a national medical system.',
        ),
      },
      {
        key: 'medical-national',
        level: 'enhanced',
        name: t('国家医療システム運営者', 'Operators of national medical systems'),
        criteria: t(
          'オンライン資格確認、電子処方箋、電子カルテ情報共有等、全国の医療機関等が利用するシステムを運営する者。',
          'Operators of systems used by medical institutions nationwide, such as online eligibility confirmation, electronic prescriptions and EHR sharing.',
        ),
      },
    ],
    profiles: [
      { tierKey: 'medical-small', spec: MEDICAL_SMALL_SPEC, nodes: MEDICAL_SMALL_NODES },
      { tierKey: 'medical-national', spec: MEDICAL_NATIONAL_SPEC, nodes: MEDICAL_NATIONAL_NODES },
    ],
  },
  {
    key: 'finance-standard',
    sectorId: 'finance',
    ownerKey: 'fsa',
    title: t(
      '金融分野におけるサイバーセキュリティ安全基準 サンプル（公式文書ではありません）',
      'Financial-sector cybersecurity standard — SAMPLE (not an official text)',
    ),
    versionLabel: 'デモ用サンプル 2026',
    notice: SECTOR_NOTICE,
    tiers: [
      {
        key: 'finance-major',
        level: 'enhanced',
        name: t('大手金融機関', 'Major financial institutions'),
        criteria: t(
          '主要行等、大手の証券会社・保険会社及び金融市場インフラのうち、その業務の停止が金融システム全体に影響を及ぼし得るもの。',
          'Major banks, large securities firms and insurers, and financial market infrastructures whose outage could affect the financial system as a whole.',
        ),
      },
      {
        key: 'finance-regional',
        level: 'standard',
        name: t('地域金融機関等', 'Regional financial institutions'),
        criteria: t(
          '地域銀行、信用金庫、信用組合その他の金融機関等で、大手金融機関に該当しないもの。',
          'Regional banks, shinkin banks, credit cooperatives and other institutions that are not major institutions.',
        ),
      },
    ],
    profiles: [
      { tierKey: 'finance-major', spec: FINANCE_MAJOR_SPEC, nodes: [FINANCE_GROUP, ...FINANCE_COMMON_NODES, ...FINANCE_MAJOR_NODES] },
      { tierKey: 'finance-regional', spec: FINANCE_REGIONAL_SPEC, nodes: [FINANCE_GROUP, ...FINANCE_COMMON_NODES] },
    ],
  },
]
