/**
 * SAMPLE guideline and law-derived documents that bind operators beside the sector standard, so that "what
 * applies to me" has several sources to merge (S22). Their nodes are crosswalked to the Unified Standard in
 * crosswalks.ts. None of this is the official text: the medical guideline imitates the structure of the
 * 医療情報システムの安全管理に関するガイドライン, and the law documents restate in plain terms the kind of duty the
 * acts impose, with deadlines and forms left to the ordinances (marked 要確認 / to be confirmed).
 */
import type { Condition, DocumentKind, LocalizedText, RequirementNode } from '../domain/model.ts'
import { groupNode, param, requirementNode, t } from './builders.ts'

export interface SampleDocument {
  key: string
  kind: DocumentKind
  /** The sector whose operators the document binds; null for cross-sector laws. */
  sectorId: string | null
  ownerKey: string
  title: LocalizedText
  versionLabel: string
  status: 'published' | 'in_force' | 'draft'
  effectiveFrom: string
  notice: LocalizedText
  /** Who the whole document binds: a sector, or a designation flag. */
  appliesTo: Condition
  nodes: RequirementNode[]
}

const MEDICAL: Condition = { kind: 'sector', sectors: ['medical'] }
const ACD: Condition = { kind: 'flag', flag: 'acdDesignated' }
const ES: Condition = { kind: 'flag', flag: 'esDesignated' }

// ───────────────────── 医療情報システムの安全管理に関するガイドライン（サンプル） ─────────────────────
const MG = 'mg'
const medicalGuidelineNodes: RequirementNode[] = [
  groupNode(`${MG}-1`, null, '1', t('経営管理', 'Management')),
  requirementNode(`${MG}-1.1`, `${MG}-1`, '1.1', {
    title: t('企画管理者の指名', 'Appointing the security manager'),
    text: t(
      '医療機関等の管理者は、医療情報システムの安全管理の実務を担う企画管理者を指名すること。',
      'The head of a medical institution shall appoint a manager to run the security of its medical information systems in practice.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('小規模な医療機関では管理者が兼ねてよい。', 'In a small institution the head may take the role.'),
    evidence: [t('指名の記録', 'Record of appointment')],
  }),
  requirementNode(`${MG}-1.2`, `${MG}-1`, '1.2', {
    title: t('システム事業者との責任分界', 'Responsibilities agreed with system vendors'),
    text: t(
      '医療情報システム・サービス事業者との契約において、安全管理に関する責任分界及び障害・インシデント発生時の連絡体制を明確にすること。',
      'Contracts with medical information system and service vendors shall state the division of security responsibilities and the contacts for outages and incidents.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('事業者から提供される「サービス仕様適合開示書」等を活用する。', 'Use the vendor\'s disclosure of conformance to the guideline.'),
    evidence: [t('契約書・責任分界表', 'Contract and responsibility matrix')],
  }),
  groupNode(`${MG}-2`, null, '2', t('企画管理', 'Planning')),
  requirementNode(`${MG}-2.1`, `${MG}-2`, '2.1', {
    title: t('情報機器の台帳管理', 'Inventory of equipment'),
    text: t(
      '医療情報システムを構成する情報機器及びソフトウェアの台帳を作成し、定期的に棚卸しを行うこと。',
      'Institutions shall keep an inventory of the equipment and software making up their medical information systems and take stock regularly.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('VPN装置等のネットワーク機器を含む。', 'Network devices such as VPN appliances are included.'),
    evidence: [t('情報機器台帳', 'Equipment inventory')],
  }),
  requirementNode(`${MG}-2.2`, `${MG}-2`, '2.2', {
    title: t('リスク分析', 'Risk analysis'),
    text: t(
      '医療情報システムで扱う情報及び業務について、想定される脅威とその影響を分析し、対策を定めること。',
      'Institutions shall analyse the threats to the information and work handled by their medical information systems and their impact, and decide on measures.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('チェックリストによる簡易な分析でもよい。', 'A simple checklist-based analysis is acceptable.'),
    evidence: [t('リスク分析結果', 'Risk analysis')],
  }),
  requirementNode(`${MG}-2.3`, `${MG}-2`, '2.3', {
    title: t('職員への教育', 'Staff training'),
    text: t(
      '医療情報システムの利用者に対し、定期的に情報セキュリティに関する教育を行うこと。',
      'Institutions shall train the users of their medical information systems in information security regularly.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('新規採用時にも実施すること。', 'Also at hiring.'),
    evidence: [t('教育の記録', 'Training records')],
  }),
  requirementNode(`${MG}-2.4`, `${MG}-2`, '2.4', {
    title: t('非常時の診療継続', 'Continuing care in an emergency'),
    text: t(
      'サイバー攻撃等により医療情報システムが使用できない場合に、診療を継続するための手順を定めること。',
      'Institutions shall define how to continue care when their medical information systems cannot be used because of a cyber attack or similar.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('紙運用への切替えの判断基準を含めること。', 'Include criteria for switching to paper.'),
    evidence: [t('非常時の手順書', 'Emergency procedure')],
  }),
  requirementNode(`${MG}-2.5`, `${MG}-2`, '2.5', {
    title: t('インシデント発生時の連絡', 'Reporting incidents'),
    text: t(
      'サイバー攻撃による障害が発生し、又はそのおそれがある場合は、厚生労働省に速やかに連絡すること。',
      'Institutions shall promptly contact the Ministry of Health, Labour and Welfare when a cyber attack causes or may cause an outage.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('警察への相談も併せて行うこと。', 'Consult the police as well.'),
    evidence: [t('連絡の記録', 'Reporting record')],
  }),
  groupNode(`${MG}-3`, null, '3', t('システム運用', 'Operations')),
  requirementNode(`${MG}-3.1`, `${MG}-3`, '3.1', {
    title: t('利用者の識別と認証', 'User identification and authentication'),
    text: t(
      '医療情報システムの利用者を個別のIDで識別してパスワード等で認証し、IDの共用を行わないこと。退職者のIDは速やかに無効にすること。',
      'Users of medical information systems shall be identified by individual IDs and authenticated; IDs shall not be shared, and leavers\' IDs shall be disabled promptly.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('二要素認証の導入を計画的に進めること。', 'Plan the introduction of two-factor authentication.'),
    evidence: [t('利用者ID一覧', 'User ID list')],
  }),
  requirementNode(`${MG}-3.2`, `${MG}-3`, '3.2', {
    title: t('リモートアクセスの二要素認証', 'Two-factor authentication for remote access'),
    text: t(
      '外部から医療情報システムにアクセスする場合は、二要素認証を用いること。',
      'Remote access to medical information systems shall use two-factor authentication.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('保守事業者によるリモート保守を含む。', 'Includes vendors\' remote maintenance.'),
    evidence: [t('リモートアクセスの設定', 'Remote access settings')],
  }),
  requirementNode(`${MG}-3.3`, `${MG}-3`, '3.3', {
    title: t('リモート保守回線の管理', 'Remote maintenance lines'),
    text: t(
      'リモート保守に用いる回線は、保守作業の時以外は接続しないこと。',
      'Lines used for remote maintenance shall be connected only during maintenance work.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('保守事業者の接続記録を確認すること。', 'Check the vendor\'s connection records.'),
    evidence: [t('保守回線の接続記録', 'Maintenance line connection log')],
  }),
  requirementNode(`${MG}-3.4`, `${MG}-3`, '3.4', {
    title: t('アクセスログの取得', 'Access logs'),
    text: t(
      '医療情報システムへのアクセスの記録を取得し、一定期間保存すること。',
      'Institutions shall record access to medical information systems and keep the records for a set period.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('記録の定期的な確認を行うことが望ましい。', 'Reviewing the records regularly is recommended.'),
    evidence: [t('アクセスログの設定', 'Access log settings')],
  }),
  requirementNode(`${MG}-3.5`, `${MG}-3`, '3.5', {
    title: t('不正ソフトウェアの影響を受けないバックアップ', 'Backups that malware cannot reach'),
    text: t(
      'バックアップは複数の方式で取得し、そのうち少なくとも一つは不正ソフトウェアの影響が及ばない方法（ネットワークからの切離し等）で保管し、復元できることを確認すること。',
      'Backups shall be taken by more than one method, at least one kept where malware cannot reach it (e.g. disconnected from the network), and restoring from it shall be verified.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('復元に要する時間を把握しておくこと。', 'Know how long a restore takes.'),
    evidence: [t('バックアップの構成と復元確認の記録', 'Backup design and restore checks')],
  }),
  requirementNode(`${MG}-3.6`, `${MG}-3`, '3.6', {
    title: t('脆弱性対策', 'Vulnerability fixes'),
    text: t(
      'VPN装置等のネットワーク機器、サーバ及び端末について、製造者から提供されるセキュリティ更新を速やかに適用すること。',
      'Security updates from manufacturers for network devices such as VPN appliances, servers and endpoints shall be applied promptly.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('保守事業者に適用状況の報告を求めること。', 'Ask the vendor to report the patch status.'),
    evidence: [t('更新の適用記録', 'Patch records')],
  }),
  requirementNode(`${MG}-3.7`, `${MG}-3`, '3.7', {
    title: t('不正ソフトウェア対策', 'Anti-malware'),
    text: t(
      '医療情報システムを構成するサーバ及び端末に不正ソフトウェア対策を講じ、定義ファイルを更新すること。',
      'Servers and endpoints of medical information systems shall have anti-malware protection with up-to-date definitions.',
    ),
    strength: 'must',
    when: MEDICAL,
    guidance: t('導入できない医療機器は通信を制限すること。', 'Restrict the traffic of medical devices where it cannot be installed.'),
    evidence: [t('導入状況', 'Coverage report')],
  }),
]

// ───────────────── サイバー対処能力強化法に基づく義務（サンプル） ─────────────────
const ACD_PREFIX = 'acd'
const acdNodes: RequirementNode[] = [
  groupNode(`${ACD_PREFIX}-1`, null, '1', t('特別社会基盤事業者の義務', 'Duties of specially designated operators')),
  requirementNode(`${ACD_PREFIX}-1.1`, `${ACD_PREFIX}-1`, '1.1', {
    title: t('特定重要電子計算機の届出', 'Notification of designated critical computers'),
    text: t(
      '特別社会基盤事業者は、その使用する特定重要電子計算機の製品名、製造者その他の事項を事業所管大臣に届け出なければならない。届け出た事項に変更があったときも、同様とする。',
      'A specially designated operator must notify the competent minister of the product, manufacturer and other particulars of the designated critical computers it uses, and of any change.',
    ),
    strength: 'must',
    when: ACD,
    guidance: t('届出の期限及び様式は政省令による（要確認）。', 'Deadline and form follow the ordinances (to be confirmed).'),
    evidence: [t('届出書の写し', 'Copy of the notification')],
  }),
  requirementNode(`${ACD_PREFIX}-1.2`, `${ACD_PREFIX}-1`, '1.2', {
    title: t('特定侵害事象の速報', 'First report of an intrusion event'),
    text: t(
      '特別社会基盤事業者は、特定重要電子計算機に係る特定侵害事象の発生を認知したときは、関係省庁共通様式により、事業所管大臣に速報しなければならない。',
      'A specially designated operator that becomes aware of an intrusion event affecting a designated critical computer must send a first report to the competent minister on the common inter-ministry form.',
    ),
    strength: 'must',
    when: ACD,
    parameters: [
      param('acd_first_report_deadline_hours', t('速報の期限（時間）', 'First report deadline (hours)'), 'integer', null, { unit: 'hours', stricter: 'lower' }),
    ],
    guidance: t('期限は政省令で定める値を設定すること（要確認）。', 'Set the deadline from the ordinance (to be confirmed).'),
    evidence: [t('速報の写し', 'Copy of the first report')],
  }),
  requirementNode(`${ACD_PREFIX}-1.3`, `${ACD_PREFIX}-1`, '1.3', {
    title: t('特定侵害事象の詳報', 'Detailed report of an intrusion event'),
    text: t(
      '特別社会基盤事業者は、速報の後、原因、影響及び講じた措置を取りまとめ、事業所管大臣に詳報しなければならない。',
      'After the first report, a specially designated operator must send the competent minister a detailed report of the cause, impact and measures taken.',
    ),
    strength: 'must',
    when: ACD,
    parameters: [
      param('acd_detailed_report_deadline_days', t('詳報の期限（日）', 'Detailed report deadline (days)'), 'integer', null, { unit: 'days', stricter: 'lower' }),
    ],
    guidance: t('期限は政省令で定める値を設定すること（要確認）。', 'Set the deadline from the ordinance (to be confirmed).'),
    evidence: [t('詳報の写し', 'Copy of the detailed report')],
  }),
]

// ───────────────── 経済安全保障推進法 基幹インフラ制度（サンプル） ─────────────────
const ES_PREFIX = 'es'
const esNodes: RequirementNode[] = [
  groupNode(`${ES_PREFIX}-1`, null, '1', t('特定社会基盤事業者の義務', 'Duties of designated operators')),
  requirementNode(`${ES_PREFIX}-1.1`, `${ES_PREFIX}-1`, '1.1', {
    title: t('特定重要設備の導入等の事前届出', 'Prior notification of critical equipment'),
    text: t(
      '特定社会基盤事業者は、特定重要設備の導入又は重要維持管理等の委託をしようとするときは、導入等計画書を事前に事業所管大臣に届け出て、審査を受けなければならない。',
      'A designated operator that intends to introduce critical equipment or outsource its important maintenance must first file an introduction plan with the competent minister for review.',
    ),
    strength: 'must',
    when: ES,
    guidance: t('審査期間中は導入等を行うことができない。審査期間は法令による（要確認）。', 'The equipment may not be introduced during the review; the period follows the law (to be confirmed).'),
    evidence: [t('導入等計画書と受理の記録', 'Introduction plan and acknowledgement')],
  }),
  requirementNode(`${ES_PREFIX}-1.2`, `${ES_PREFIX}-1`, '1.2', {
    title: t('勧告及び命令への対応', 'Following recommendations and orders'),
    text: t(
      '特定社会基盤事業者は、審査の結果、導入等計画書の変更又は中止の勧告を受けたときは、これに応じるか否かを通知し、命令を受けたときはこれに従わなければならない。',
      'A designated operator that receives a recommendation to change or abandon its plan must state whether it will comply, and must follow any order.',
    ),
    strength: 'must',
    when: ES,
    guidance: t('勧告に応じる場合は、計画書を変更して再度届け出ること。', 'If complying, amend and refile the plan.'),
    evidence: [t('勧告への回答', 'Reply to the recommendation')],
  }),
  requirementNode(`${ES_PREFIX}-1.3`, `${ES_PREFIX}-1`, '1.3', {
    title: t('届出後の変更の届出', 'Notifying changes after filing'),
    text: t(
      '特定社会基盤事業者は、届け出た導入等計画書の内容について法令で定める重要な変更をしようとするときは、あらかじめ変更を届け出なければならない。',
      'A designated operator must notify in advance any significant change, as defined by law, to a filed introduction plan.',
    ),
    strength: 'must',
    when: ES,
    guidance: t('軽微な変更の範囲は法令による（要確認）。', 'What counts as minor follows the law (to be confirmed).'),
    evidence: [t('変更届出の写し', 'Copy of the change notification')],
  }),
]

const SAMPLE_LABEL = t('サンプル（公式文書ではありません）', 'SAMPLE (not an official text)')

export const GUIDELINES_AND_LAWS: SampleDocument[] = [
  {
    key: 'medical-guideline',
    kind: 'guideline',
    sectorId: 'medical',
    ownerKey: 'mhlw',
    title: t(
      `医療情報システムの安全管理に関するガイドライン（抜粋） ${SAMPLE_LABEL.ja}`,
      `Guideline on the security of medical information systems (excerpt) — ${SAMPLE_LABEL.en}`,
    ),
    versionLabel: 'デモ用サンプル',
    status: 'in_force',
    effectiveFrom: '2026-04-01',
    notice: t(
      'この文書は、厚生労働省の「医療情報システムの安全管理に関するガイドライン」の構成を参考に Kaname のデモ用に作成したサンプル（公式文書ではありません）です。実際のガイドラインの本文とは異なります。',
      'A SAMPLE written for the Kaname demo after the structure of the MHLW guideline on medical information systems; not an official text and not the guideline\'s wording.',
    ),
    appliesTo: MEDICAL,
    nodes: medicalGuidelineNodes,
  },
  {
    key: 'law-acd',
    kind: 'law',
    sectorId: null,
    ownerKey: 'nco',
    title: t(
      `重要電子計算機に対する不正な行為による被害の防止に関する法律に基づく特別社会基盤事業者の義務（要約） ${SAMPLE_LABEL.ja}`,
      `Duties of specially designated operators under the 2025 Active Cyber Defense act (summary) — ${SAMPLE_LABEL.en}`,
    ),
    versionLabel: 'デモ用サンプル',
    status: 'in_force',
    effectiveFrom: '2026-10-01',
    notice: t(
      'この文書は、法律上の義務を Kaname のデモ用に平易に要約したサンプル（公式文書ではありません）です。条文、期限及び様式は法令の原文で確認してください。',
      'A SAMPLE plain summary of statutory duties for the Kaname demo, not an official text. Check articles, deadlines and forms against the law itself.',
    ),
    appliesTo: ACD,
    nodes: acdNodes,
  },
  {
    key: 'law-es',
    kind: 'law',
    sectorId: null,
    ownerKey: 'nco',
    title: t(
      `経済施策を一体的に講ずることによる安全保障の確保の推進に関する法律に基づく特定社会基盤事業者の義務（要約） ${SAMPLE_LABEL.ja}`,
      `Duties of designated operators under the Economic Security Promotion Act (summary) — ${SAMPLE_LABEL.en}`,
    ),
    versionLabel: 'デモ用サンプル',
    status: 'in_force',
    effectiveFrom: '2024-05-17',
    notice: t(
      'この文書は、法律上の義務を Kaname のデモ用に平易に要約したサンプル（公式文書ではありません）です。条文、期限及び様式は法令の原文で確認してください。',
      'A SAMPLE plain summary of statutory duties for the Kaname demo, not an official text. Check articles, deadlines and forms against the law itself.',
    ),
    appliesTo: ES,
    nodes: esNodes,
  },
]
