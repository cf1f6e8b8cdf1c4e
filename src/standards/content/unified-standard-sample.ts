/**
 * A SAMPLE of the Unified Standard's chapter 3 (重要インフラ統一基準 第3章), written for the Kaname demo.
 * It is NOT the official text decided by the Cybersecurity Strategic Headquarters: numbers, wording and
 * values are illustrations built from the study group's points (S1…S27 in ../shared/seed/POINTS.md).
 *
 * The tree is written nested so that a mistyped number shows up as a mismatch with its parent in the tests.
 * Groups are chapter (3), sections (3.1) and items (3.1.1); requirements are the four-level leaves (3.1.1.1).
 *
 * Tier design (applicability):
 * - `always`: the essential set every operator keeps, small clinics included (23 items, plus 3 that apply
 *   at any size once the operator declares personal data or cloud use).
 * - `STANDARD_UP` (standard, enhanced): the full management system expected of a mid-sized operator.
 * - `ENHANCED` (enhanced only): national systems: 24/7 monitoring, independent audit, penetration tests…
 * - facts (`operates_ot`, `uses_cloud`, `handles_personal_data`, `internet_facing_systems`) narrow items
 *   to operators that have the exposure; the flag `acdDesignated` carries the 2025 act's duties.
 * Requirements addressed to a ministry or the government apply to them, never to an operator's list.
 */
import type { Addressee, Condition, LocalizedText, Parameter, RequirementNode, Strength, TierLevel } from '../domain/model.ts'
import { EMPTY, ins, param, t } from './builders.ts'

const ALWAYS: Condition = { kind: 'always' }
const tier = (...levels: TierLevel[]): Condition => ({ kind: 'tier_level', levels })
const STANDARD_UP = tier('standard', 'enhanced')
const ENHANCED = tier('enhanced')
const fact = (name: 'operates_ot' | 'uses_cloud' | 'handles_personal_data' | 'internet_facing_systems'): Condition => ({ kind: 'fact', fact: name })
const both = (...of: Condition[]): Condition => ({ kind: 'all', of })
const ACD: Condition = { kind: 'flag', flag: 'acdDesignated' }

interface GroupSpec {
  kind: 'group'
  number: string
  title: LocalizedText
  text: LocalizedText
  children: Spec[]
}
interface RequirementSpec {
  kind: 'requirement'
  number: string
  title: LocalizedText
  text: LocalizedText
  strength: Strength
  addressee: Addressee
  when: Condition
  guidance: LocalizedText
  evidence: LocalizedText[]
  parameters: Parameter[]
}
type Spec = GroupSpec | RequirementSpec

function group(number: string, title: LocalizedText, children: Spec[], text: LocalizedText = EMPTY): GroupSpec {
  return { kind: 'group', number, title, text, children }
}

function req(
  number: string,
  spec: {
    title: LocalizedText
    text: LocalizedText
    strength: Strength
    addressee?: Addressee
    when: Condition
    guidance: LocalizedText
    evidence: LocalizedText[]
    parameters?: Parameter[]
  },
): RequirementSpec {
  return { kind: 'requirement', number, addressee: 'operator', parameters: [], ...spec }
}

function flatten(spec: Spec, parentId: string | null, out: RequirementNode[]): RequirementNode[] {
  const id = `us-${spec.number}`
  if (spec.kind === 'group') {
    out.push({
      id,
      parentId,
      number: spec.number,
      kind: 'group',
      title: spec.title,
      text: spec.text,
      strength: null,
      addressee: null,
      parameters: [],
      applicability: ALWAYS,
      guidance: EMPTY,
      evidence: [],
    })
    for (const child of spec.children) flatten(child, id, out)
  } else {
    out.push({
      id,
      parentId,
      number: spec.number,
      kind: 'requirement',
      title: spec.title,
      text: spec.text,
      strength: spec.strength,
      addressee: spec.addressee,
      parameters: spec.parameters,
      applicability: spec.when,
      guidance: spec.guidance,
      evidence: spec.evidence,
    })
  }
  return out
}

// ───────────────────────────── 3.1 経営層の責任とガバナンス ─────────────────────────────
const SECTION_3_1 = group('3.1', t('経営層の責任とガバナンス', 'Management responsibility and governance'), [
  group('3.1.1', t('経営層の責任', 'Responsibility of senior management'), [
    // S26
    req('3.1.1.1', {
      title: t('経営課題としての位置付け', 'Cybersecurity as a management issue'),
      text: t(
        '経営層は、サイバーセキュリティの確保を重要インフラサービスの提供に直結する経営課題として位置付け、その対策について最終的な責任を負うこと。',
        'Senior management shall treat cybersecurity as a management issue directly tied to the provision of the critical-infrastructure service and shall bear final responsibility for its measures.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t(
        '小規模な事業者では、院長・代表者等がこの責任を自ら負うことを明文化すれば足りる。',
        'In a small operator it is enough that the head (e.g. the clinic director) states in writing that they carry this responsibility.',
      ),
      evidence: [t('経営層の責任を定めた文書又は議事録', 'Document or minutes stating management responsibility')],
    }),
    // S26
    req('3.1.1.2', {
      title: t('方針及びリスク対応の承認', 'Board approval of policy and risk treatment'),
      text: t(
        '取締役会等の経営層は、サイバーセキュリティに関する基本方針及び重要なリスクへの対応方針を承認し、その実施状況を監督すること。',
        'The board or equivalent senior management shall approve the cybersecurity policy and the treatment of significant risks, and shall oversee their implementation.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('承認は形式的な回覧ではなく、審議の記録を残すこと。', 'Approval should be a recorded deliberation, not a circulation for form.'),
      evidence: [t('取締役会等の議事録', 'Board minutes'), t('承認済みの基本方針', 'Approved policy')],
    }),
    // S12
    req('3.1.1.3', {
      title: t('資源配分の最終責任者', 'Executive accountable for resources'),
      text: t(
        '経営層は、サイバーセキュリティに必要な人員及び予算の配分について最終的な責任を負う役員を明確にし、その配分を投資対効果ではなく、重要インフラサービスを最大許容停止時間内に復旧させるために必要な水準として判断すること。',
        'Senior management shall name the executive finally accountable for allocating cybersecurity staff and budget, and shall judge the allocation as the level needed to restore the critical-infrastructure service within its maximum tolerable period of disruption, not by return on investment.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('3.7.1 の事業影響度分析の結果を予算審議の根拠とすること。', 'Use the business impact analysis of 3.7.1 as the basis of budget deliberations.'),
      evidence: [t('資源配分の責任者を定めた職務分掌', 'Terms of reference naming the accountable executive'), t('予算審議資料', 'Budget papers')],
    }),
  ]),
  group('3.1.2', t('最高情報セキュリティ責任者（CISO）', 'Chief Information Security Officer (CISO)'), [
    // S1
    req('3.1.2.1', {
      title: t('責任者の任命', 'Appointment of a responsible officer'),
      text: t(
        'サイバーセキュリティ対策を統括する責任者（最高情報セキュリティ責任者（CISO）又はこれに相当する者）を任命し、その氏名及び連絡先を所管省庁に届け出ること。',
        'Operators shall appoint an officer responsible for cybersecurity (a Chief Information Security Officer or equivalent) and notify the competent ministry of the officer\'s name and contact details.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t(
        '小規模な事業者では、他の職務との兼務を妨げない。外部の専門家の支援を受ける場合も、責任者は内部の者とすること。',
        'In a small operator the role may be combined with other duties. Even with outside expert support, the responsible officer must be an insider.',
      ),
      evidence: [t('任命の辞令又は決定文書', 'Letter or decision of appointment'), t('所管省庁への届出の写し', 'Copy of the notification to the ministry')],
    }),
    // S1
    req('3.1.2.2', {
      title: t('CISOの権限と報告経路', 'CISO authority and reporting line'),
      text: t(
        'CISOの権限、責任及び経営層への直接の報告経路を規程に定めること。CISOには、重大なインシデントの際にシステムの停止又は外部接続の遮断を指示する権限を含めること。',
        'Operators shall set out in their rules the CISO\'s authority, responsibilities and direct reporting line to senior management, including the authority to order systems shut down or external connections cut during a serious incident.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('NYDFS Part 500.4 等の海外規制も、CISOの取締役会への報告を求めている。', 'Foreign rules such as NYDFS Part 500.4 likewise require CISO reporting to the board.'),
      evidence: [t('CISOの職務権限規程', 'CISO charter'), t('組織図', 'Organisation chart')],
    }),
    // S26
    req('3.1.2.3', {
      title: t('経営層への定期報告', 'Regular reporting to the board'),
      text: t(
        `CISOは、年${ins('ciso_board_reports_per_year')}回以上、サイバーセキュリティのリスク、対策の実施状況及びインシデントの状況を経営層に報告すること。`,
        `The CISO shall report cybersecurity risks, the status of measures and incidents to senior management at least ${ins('ciso_board_reports_per_year')} times a year.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('ciso_board_reports_per_year', t('経営層への報告回数（年）', 'Board reports per year'), 'integer', 2, { unit: 'times/year', stricter: 'higher' }),
      ],
      guidance: t('重大なインシデントが発生した場合は、定期報告を待たずに報告すること。', 'Serious incidents are reported at once, not at the next regular report.'),
      evidence: [t('経営層への報告資料と議事録', 'Board papers and minutes')],
    }),
    // S1
    req('3.1.2.4', {
      title: t('欠員時の代行と後任の任命', 'Deputy and prompt replacement'),
      text: t(
        'CISOの不在時に職務を代行する者をあらかじめ指名し、CISOに欠員が生じた場合は速やかに後任を任命して所管省庁に届け出ること。',
        'Operators should designate in advance who acts for the CISO when absent and, when the post falls vacant, should promptly appoint a successor and notify the ministry.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('欠員期間は所管省庁による集計の対象となる。', 'Vacancy periods are rolled up by the ministry.'),
      evidence: [t('代行者の指名文書', 'Designation of the deputy')],
    }),
    // S1
    req('3.1.2.5', {
      title: t('CISOの独立性', 'Independence of the CISO'),
      text: t(
        'CISOは、情報システムの開発・運用部門の責任者と兼務せず、利益相反なく経営層に意見を述べられる立場とすること。',
        'The CISO should not also head systems development or operations, so that the CISO can advise senior management free of conflicts of interest.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('兼務が避けられない場合は、監査部門による牽制を設けること。', 'Where combination cannot be avoided, provide a check through internal audit.'),
      evidence: [t('組織図及び兼務状況', 'Organisation chart and list of concurrent posts')],
    }),
  ]),
  group('3.1.3', t('方針と規程', 'Policy and rules'), [
    req('3.1.3.1', {
      title: t('基本方針の策定と周知', 'Policy established and communicated'),
      text: t(
        'サイバーセキュリティに関する基本方針及び対策の基準を定め、全ての従業員及び関係する委託先に周知すること。',
        'Operators shall establish a cybersecurity policy and standards for their measures and communicate them to all staff and relevant contractors.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('小規模な事業者は、所管省庁が示すひな形を用いてよい。', 'Small operators may use the template provided by the ministry.'),
      evidence: [t('基本方針', 'Policy document'), t('周知の記録', 'Record of communication')],
    }),
    req('3.1.3.2', {
      title: t('方針及び規程の定期的な見直し', 'Periodic review of policy and rules'),
      text: t(
        `基本方針及び規程を、${ins('policy_review_interval_months')}か月以内ごとに、並びに脅威、技術、法令又は事業の重要な変化があった場合に見直すこと。`,
        `Operators shall review the policy and rules at least every ${ins('policy_review_interval_months')} months and whenever threats, technology, law or the business change significantly.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('policy_review_interval_months', t('方針の見直し間隔（月）', 'Policy review interval (months)'), 'integer', 12, { unit: 'months', stricter: 'lower' }),
      ],
      guidance: t('見直しの結果、変更がない場合もその旨を記録すること。', 'Record the review even when nothing changes.'),
      evidence: [t('改訂履歴', 'Revision history')],
    }),
    req('3.1.3.3', {
      title: t('適用される基準・法令の把握', 'Register of applicable standards and laws'),
      text: t(
        '自らに適用される安全基準等、ガイドライン及び法令上の義務を一覧化し、各要求事項と自らの対策との対応関係を管理すること。',
        'Operators should keep a register of the sector standards, guidelines and legal duties that apply to them and trace each requirement to their own measures.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('同一の趣旨の要求事項は一つの対策でまとめて満たしてよい。', 'Requirements with the same intent may be met by one measure.'),
      evidence: [t('適用要求事項一覧', 'Register of applicable requirements')],
    }),
  ]),
  group('3.1.4', t('点検と改善', 'Assessment and improvement'), [
    req('3.1.4.1', {
      title: t('自己点検と経営層への報告', 'Self-assessment reported to the board'),
      text: t(
        `本章の対策の実施状況を年${ins('self_assessments_per_year')}回以上自己点検し、その結果と改善計画を経営層に報告すること。`,
        `Operators shall self-assess their implementation of this chapter at least ${ins('self_assessments_per_year')} times a year and report the results and improvement plan to senior management.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('self_assessments_per_year', t('自己点検の回数（年）', 'Self-assessments per year'), 'integer', 1, { unit: 'times/year', stricter: 'higher' }),
      ],
      guidance: t('所管省庁の調査票と同じ項目で点検すると、報告の手間を減らせる。', 'Using the ministry survey items for the self-assessment saves duplicate reporting.'),
      evidence: [t('自己点検結果', 'Self-assessment results'), t('改善計画', 'Improvement plan')],
    }),
    req('3.1.4.2', {
      title: t('独立した監査', 'Independent audit'),
      text: t(
        '内部監査部門又は外部の監査人による独立した監査を定期的に受け、指摘事項への対応を経営層が確認すること。',
        'Operators should undergo regular independent audit by internal audit or an external auditor, with senior management confirming the remediation of findings.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('監査人はCISOの指揮系統から独立していること。', 'The auditor must be outside the CISO\'s line of command.'),
      evidence: [t('監査報告書', 'Audit report'), t('指摘事項の対応記録', 'Remediation log')],
    }),
    // S21
    req('3.1.4.3', {
      title: t('所管省庁による実施状況の把握', 'Ministry review of implementation'),
      text: t(
        '所管省庁は、所管する分野の重要インフラ事業者等における本章の対策の実施状況を定期的に把握し、評価の結果を国家サイバー統括室に報告すること。',
        'Each ministry shall regularly review how operators in its sector implement this chapter and report its evaluation to the National Cybersecurity Office.',
      ),
      strength: 'must',
      addressee: 'ministry',
      when: ALWAYS,
      guidance: t('評価基準は安全基準等策定ガイドラインに沿って定めること。', 'Base the evaluation criteria on the guideline for writing sector standards.'),
      evidence: [t('実施状況の調査結果', 'Survey results'), t('国家サイバー統括室への報告', 'Report to the NCO')],
    }),
  ]),
])

// ───────────────────────────── 3.2 体制と人材 ─────────────────────────────
const SECTION_3_2 = group('3.2', t('体制と人材', 'Organisation and people'), [
  group('3.2.1', t('対応体制', 'Response organisation'), [
    req('3.2.1.1', {
      title: t('インシデント対応体制（CSIRT等）', 'Incident response team (CSIRT)'),
      text: t(
        'インシデントに組織的に対応するための体制（CSIRT等）を整備し、その役割、要員及び連絡先を定めること。',
        'Operators shall set up an organisation (a CSIRT or equivalent) to respond to incidents and define its roles, members and contacts.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('専任でなくともよいが、休日・夜間の連絡経路を含めること。', 'Members need not be full-time, but off-hours contact routes must be covered.'),
      evidence: [t('CSIRT設置規程', 'CSIRT charter'), t('緊急連絡網', 'Emergency call list')],
    }),
    req('3.2.1.2', {
      title: t('外部委託時の判断と責任の留保', 'Keeping decisions in-house when outsourcing'),
      text: t(
        '監視、運用又はインシデント対応を外部に委託する場合も、重要な判断と責任は自らに留保し、委託先からの報告を評価できる要員を確保すること。',
        'When monitoring, operations or incident response are outsourced, operators should keep key decisions and accountability in-house and retain staff able to evaluate the provider\'s reports.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('委託先の判断をそのまま追認する運用は避けること。', 'Avoid simply rubber-stamping the provider\'s decisions.'),
      evidence: [t('委託契約の責任分担表', 'Responsibility matrix in the contract')],
    }),
  ]),
  group('3.2.2', t('教育と訓練', 'Awareness and training'), [
    req('3.2.2.1', {
      title: t('全従業員への教育', 'Awareness for all staff'),
      text: t(
        `全ての従業員に対し、年${ins('awareness_training_per_year')}回以上、不審なメールへの対処、パスワードの管理、異常時の報告先等の教育を行うこと。`,
        `Operators shall train all staff at least ${ins('awareness_training_per_year')} times a year on handling suspicious e-mail, managing passwords and whom to tell when something looks wrong.`,
      ),
      strength: 'must',
      when: ALWAYS,
      parameters: [
        param('awareness_training_per_year', t('教育の実施回数（年）', 'Awareness sessions per year'), 'integer', 1, { unit: 'times/year', stricter: 'higher' }),
      ],
      guidance: t('短時間の動画教材や朝礼での説明でもよい。', 'Short videos or a briefing at the morning meeting are acceptable.'),
      evidence: [t('受講記録', 'Attendance records')],
    }),
    req('3.2.2.2', {
      title: t('役割に応じた専門教育', 'Role-based training'),
      text: t(
        'システム管理者、開発者、CSIRT要員等の専門的な役割を担う者に対し、役割に応じた教育を計画的に行うこと。',
        'Operators should give staff in specialised roles (administrators, developers, CSIRT members) planned training suited to their role.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('外部の研修・演習の活用を含む。', 'External courses and exercises count.'),
      evidence: [t('教育計画と受講記録', 'Training plan and records')],
    }),
    // S26
    req('3.2.2.3', {
      title: t('経営層の研修及び演習', 'Training and exercises for executives'),
      text: t(
        '経営層は、サイバー攻撃を受けた場合の意思決定を想定した研修又は演習に定期的に参加すること。',
        'Senior management should regularly take part in training or exercises on decision-making under cyber attack.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('身代金要求、サービス停止の判断、対外公表を題材とするとよい。', 'Useful topics: ransom demands, deciding to stop a service, public statements.'),
      evidence: [t('演習の記録', 'Exercise records')],
    }),
  ]),
  group('3.2.3', t('人材の育成', 'Developing people'), [
    // S19
    req('3.2.3.1', {
      title: t('必要な人材像と育成計画', 'Competency profiles and development plan'),
      text: t(
        'サイバーセキュリティに関わる役割ごとに必要な知識・技能を定め、現有人材との差を踏まえた育成計画を策定すること。',
        'Operators should define the knowledge and skills required for each cybersecurity role and draw up a development plan based on the gap with current staff.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('CISO、CSIRT、システム管理者を最低限の対象とする。', 'Cover at least the CISO, the CSIRT and administrators.'),
      evidence: [t('役割別スキル定義', 'Role skill definitions'), t('育成計画', 'Development plan')],
    }),
    // S19
    req('3.2.3.2', {
      title: t('CISO級人材の育成と後継者計画', 'Developing CISO-level leaders and succession'),
      text: t(
        'CISOを担い得る幹部候補を計画的に育成し、後継者計画を定めること。',
        'Operators should systematically develop candidates able to serve as CISO and maintain a succession plan.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('現場要員の育成だけでなく、経営と技術をつなぐ指導者層の育成を重視すること。', 'Develop leaders who bridge management and technology, not only operational staff.'),
      evidence: [t('後継者計画', 'Succession plan'), t('幹部候補の研修記録', 'Training records of candidates')],
    }),
    // S20
    req('3.2.3.3', {
      title: t('小規模事業者への支援', 'Support for small operators'),
      text: t(
        '所管省庁は、小規模な重要インフラ事業者等が本章の対策を講ずることができるよう、相談窓口、ひな形、専門家の派遣、費用の支援等の施策を講ずるよう努めること。',
        'Each ministry should endeavour to help small operators implement this chapter through help desks, templates, expert dispatch and financial support.',
      ),
      strength: 'should',
      addressee: 'ministry',
      when: ALWAYS,
      guidance: t('支援の申請と対応状況を記録し、次年度の施策に反映すること。', 'Record support requests and outcomes and use them to plan the next year.'),
      evidence: [t('支援施策の一覧と実績', 'List and results of support measures')],
    }),
    // S19
    req('3.2.3.4', {
      title: t('CISO級人材の育成機会の提供', 'National programme for CISO-level talent'),
      text: t(
        '国家サイバー統括室は、関係省庁と連携し、重要インフラ事業者等の幹部を対象とした分野横断的な演習及び研修の機会を提供すること。',
        'The National Cybersecurity Office should, with the ministries, offer cross-sector exercises and training for operators\' executives.',
      ),
      strength: 'should',
      addressee: 'government',
      when: ALWAYS,
      guidance: t('分野横断的演習の成果を各分野の人材育成に還元すること。', 'Feed the results of cross-sector exercises back into sector training.'),
      evidence: [t('実施計画と参加実績', 'Programme plan and participation')],
    }),
  ]),
])

// ───────────────────────── 3.3 資産・依存関係・リスクの把握 ─────────────────────────
const SECTION_3_3 = group('3.3', t('資産・依存関係・リスクの把握', 'Assets, dependencies and risk'), [
  group('3.3.1', t('資産管理', 'Asset management'), [
    // S7
    req('3.3.1.1', {
      title: t('資産台帳の整備', 'Asset inventory'),
      text: t(
        'サーバ、端末、ネットワーク機器（VPN装置、ルータ等を含む。）及びソフトウェアの台帳を整備し、設置場所、管理者及びサポート期限を記載して最新の状態に保つこと。',
        'Operators shall keep an up-to-date inventory of servers, endpoints, network devices (including VPN appliances and routers) and software, recording location, owner and end of support.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('保守事業者が管理する機器も台帳に含めること。', 'Include devices managed by maintenance contractors.'),
      evidence: [t('資産台帳', 'Asset inventory')],
    }),
    // S7
    req('3.3.1.2', {
      title: t('ネットワーク機器の版数とサポート期限', 'Network device firmware and support dates'),
      text: t(
        '閉域網内のものを含む全てのネットワーク機器について、機種、ファームウェアの版数、稼働開始日及びサポート終了日を記録し、脆弱性情報と照合できる状態にすること。',
        'For every network device, including those in closed networks, operators shall record model, firmware version, date in service and end-of-support date so that they can be matched against vulnerability information.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('10年を超えて稼働している機器は一覧で把握し、3.4.4.6 の計画に反映すること。', 'List devices in service for over ten years and feed them into the plan of 3.4.4.6.'),
      evidence: [t('ネットワーク機器台帳', 'Network device inventory')],
    }),
    // S7
    req('3.3.1.3', {
      title: t('制御システム資産の台帳', 'Operational technology inventory'),
      text: t(
        '制御システム（OT）を運用する場合は、制御機器、PLC、HMI、エンジニアリング端末等を台帳に含め、その通信先を記録すること。',
        'Operators running operational technology shall include controllers, PLCs, HMIs and engineering workstations in the inventory, with their communication peers.',
      ),
      strength: 'must',
      when: both(STANDARD_UP, fact('operates_ot')),
      guidance: t('受動的な資産検出ツールの利用により、稼働中の制御への影響を避けられる。', 'Passive discovery avoids disturbing running control processes.'),
      evidence: [t('OT資産台帳', 'OT asset inventory')],
    }),
    // S7
    req('3.3.1.4', {
      title: t('ネットワーク構成図とデータフロー図', 'Network and data-flow diagrams'),
      text: t(
        'ネットワーク構成図及び重要なデータの流れを示すデータフロー図を作成し、外部接続点及び保守用回線を明示して、変更の都度更新すること。',
        'Operators shall maintain a network diagram and data-flow diagrams of important data, showing all external connections and maintenance lines, and update them with every change.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('図に現れない接続が、侵入経路となった事例が多い。', 'Many intrusions came through connections missing from the diagrams.'),
      evidence: [t('ネットワーク構成図', 'Network diagram'), t('データフロー図', 'Data-flow diagrams')],
    }),
    req('3.3.1.5', {
      title: t('資産の重要度分類', 'Asset criticality'),
      text: t(
        '資産を、重要インフラサービスの継続に対する重要度に基づき分類し、対策の優先順位に反映すること。',
        'Operators should classify assets by their importance to the continuity of the critical-infrastructure service and prioritise measures accordingly.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('3.3.2 で特定した依存関係を分類の根拠とすること。', 'Base the classification on the dependencies found under 3.3.2.'),
      evidence: [t('重要度を記載した資産台帳', 'Inventory with criticality')],
    }),
    req('3.3.1.6', {
      title: t('重要なデータの所在の把握', 'Where important data resides'),
      text: t(
        '個人情報その他の重要なデータについて、保管場所、保管期間及びアクセスできる者を把握すること。',
        'Operators should know where personal and other important data are stored, for how long and who can access them.',
      ),
      strength: 'should',
      when: both(STANDARD_UP, fact('handles_personal_data')),
      guidance: t('外部サービス上のデータを含めること。', 'Include data held on external services.'),
      evidence: [t('データ管理台帳', 'Data register')],
    }),
    // 2025 act (サイバー対処能力強化法)
    req('3.3.1.7', {
      title: t('特定重要電子計算機の届出', 'Notification of designated critical computers'),
      text: t(
        '特別社会基盤事業者は、法令の定めるところにより、特定重要電子計算機の種類その他の事項を事業所管大臣に届け出、変更があった場合も同様とすること。',
        'Specially designated operators shall notify the competent minister, as the law provides, of the types of their designated critical computers and related particulars, and of any change.',
      ),
      strength: 'must',
      when: ACD,
      guidance: t('届出内容は資産台帳（3.3.1.1）と整合させること。届出の様式・期限は法令による（要確認）。', 'Keep the notification consistent with the inventory (3.3.1.1). Form and deadline follow the law (to be confirmed).'),
      evidence: [t('届出書の写し', 'Copy of the notification')],
    }),
  ]),
  group('3.3.2', t('重要インフラサービスと依存関係', 'Services and dependencies'), [
    // S25
    req('3.3.2.1', {
      title: t('サービスと依存関係の特定', 'Services and what they depend on'),
      text: t(
        '提供する重要インフラサービスごとに、それを支える業務、情報システム、外部サービス及び委託先を特定し、依存関係を文書化すること。',
        'For each critical-infrastructure service, operators shall identify the processes, systems, external services and contractors supporting it and document the dependencies.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('サービスの利用者と、停止した場合の影響（人数、時間）を併せて記載すること。', 'Record who uses the service and the impact of an outage in people and time.'),
      evidence: [t('サービス依存関係図', 'Service dependency map')],
    }),
    // S14
    req('3.3.2.2', {
      title: t('他分野への波及の把握', 'Cross-sector ripple effects'),
      text: t(
        '自らのサービスの停止が他の重要インフラ分野に及ぼす影響、及び自らが依存する他分野のサービスを把握し、所管省庁と共有すること。',
        'Operators should understand how an outage of their service would affect other critical-infrastructure sectors and which other sectors they depend on, and share this with the ministry.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('指定対象外の事業者（物流、小売等）への依存も含めること。', 'Include dependencies on organisations outside the designated sectors (logistics, retail).'),
      evidence: [t('分野横断依存関係の整理表', 'Cross-sector dependency table')],
    }),
  ]),
  group('3.3.3', t('サプライチェーン、クラウドサービス及びデータセンター', 'Supply chain, cloud services and data centres'), [
    // S27
    req('3.3.3.1', {
      title: t('委託先・外部サービスの把握と責任分界', 'Suppliers known, responsibilities agreed'),
      text: t(
        '情報システムの保守事業者、クラウドサービス等の委託先及び外部サービスの一覧を作成し、セキュリティ上の責任分界及び緊急時の連絡先を契約等で明確にすること。',
        'Operators shall list their maintenance contractors, cloud and other external services, and set out in contracts the division of security responsibilities and emergency contacts.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('小規模な事業者は、保守契約書に責任分界表を添付する方法でよい。', 'Small operators may attach a responsibility table to the maintenance contract.'),
      evidence: [t('委託先一覧', 'Supplier list'), t('責任分界表', 'Responsibility matrix')],
    }),
    // S27
    req('3.3.3.2', {
      title: t('委託先の選定と契約上の要求事項', 'Supplier selection and contract terms'),
      text: t(
        '重要な委託先の選定時にセキュリティ対策を評価し、契約にインシデントの報告義務、監査への協力、再委託の条件及び契約終了時のデータの返却・消去を定めること。',
        'When selecting key suppliers, operators shall assess their security and put in the contract incident reporting, cooperation with audits, conditions on subcontracting and return or deletion of data at the end.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('経済安全保障推進法の対象設備の場合は、同法の手続も確認すること。', 'For equipment covered by the Economic Security Promotion Act, follow its procedures too.'),
      evidence: [t('選定時評価の記録', 'Selection assessment'), t('契約書のセキュリティ条項', 'Security clauses in contracts')],
    }),
    // S27
    req('3.3.3.3', {
      title: t('委託先の定期的な評価', 'Periodic supplier review'),
      text: t(
        `重要な委託先のセキュリティ対策の状況を、${ins('supplier_review_interval_months')}か月以内ごとに評価すること。`,
        `Operators should review the security of key suppliers at least every ${ins('supplier_review_interval_months')} months.`,
      ),
      strength: 'should',
      when: STANDARD_UP,
      parameters: [
        param('supplier_review_interval_months', t('委託先評価の間隔（月）', 'Supplier review interval (months)'), 'integer', 12, { unit: 'months', stricter: 'lower' }),
      ],
      guidance: t('第三者認証や監査報告書（SOC2等）の確認で代えてもよい。', 'Third-party certifications or audit reports (e.g. SOC 2) may be used.'),
      evidence: [t('委託先評価結果', 'Supplier review results')],
    }),
    // S27
    req('3.3.3.4', {
      title: t('クラウドサービスの責任共有と設定管理', 'Cloud shared responsibility and configuration'),
      text: t(
        'クラウドサービスを利用する場合は、事業者と利用者の責任範囲を確認し、利用者側が責任を負う設定（アクセス権、公開範囲、ログ等）を管理すること。',
        'Operators using cloud services shall confirm the split of responsibilities with the provider and manage the settings that fall to them (access rights, public exposure, logging).',
      ),
      strength: 'must',
      when: fact('uses_cloud'),
      guidance: t('設定不備による情報の公開が多発している。', 'Misconfiguration exposing data is a frequent cause of leaks.'),
      evidence: [t('責任共有モデルの確認記録', 'Shared-responsibility review'), t('設定の点検記録', 'Configuration review')],
    }),
    // S27
    req('3.3.3.5', {
      title: t('データの所在と退出戦略', 'Data location and exit strategy'),
      text: t(
        'クラウドサービスに保管するデータの所在国、準拠法及びデータセンターの所在を把握し、サービスの終了又は移行に備えた退出戦略を定めること。',
        'Operators should know the country, governing law and data-centre location of data held in the cloud and keep an exit strategy for termination or migration.',
      ),
      strength: 'should',
      when: both(STANDARD_UP, fact('uses_cloud')),
      guidance: t('データの取り出し形式と所要時間を事前に確認すること。', 'Check in advance the export format and how long extraction takes.'),
      evidence: [t('退出計画', 'Exit plan')],
    }),
    // S27
    req('3.3.3.6', {
      title: t('特定の事業者への集中リスク', 'Concentration on a single provider'),
      text: t(
        '特定のクラウド事業者、データセンター又は委託先に重要な機能が集中していることによるリスクを評価し、必要に応じて代替手段を確保すること。',
        'Operators should assess the risk of critical functions being concentrated on one cloud provider, data centre or contractor and secure alternatives where needed.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('分野内の多数の事業者が同じ事業者に依存する場合は、所管省庁と共有すること。', 'Share with the ministry when many operators in the sector depend on the same provider.'),
      evidence: [t('集中リスク評価', 'Concentration risk assessment')],
    }),
    // S27
    req('3.3.3.7', {
      title: t('データセンターの物理的対策と冗長性', 'Data-centre physical security and redundancy'),
      text: t(
        '重要なシステムを設置するデータセンターについて、入退館管理、電源及び通信回線の冗長性並びに災害リスクを確認すること。',
        'For data centres hosting critical systems, operators should check physical access control, redundancy of power and network lines, and exposure to natural hazards.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('自社設置の場合も同じ観点で点検すること。', 'Apply the same checks to on-premises server rooms.'),
      evidence: [t('データセンター点検記録', 'Data-centre inspection record')],
    }),
  ]),
  group('3.3.4', t('任務保証に基づくリスク評価', 'Risk assessment based on mission assurance'), [
    // S17
    req('3.3.4.1', {
      title: t('リスク評価の実施', 'Risk assessment'),
      text: t(
        `重要インフラサービスの提供を妨げるおそれのあるリスクを特定・評価し、対応方針を定めること。リスク評価は${ins('risk_assessment_interval_months')}か月以内ごとに見直すこと。`,
        `Operators shall identify and assess the risks that could stop the critical-infrastructure service and decide how to treat them, reviewing the assessment at least every ${ins('risk_assessment_interval_months')} months.`,
      ),
      strength: 'must',
      when: ALWAYS,
      parameters: [
        param('risk_assessment_interval_months', t('リスク評価の見直し間隔（月）', 'Risk assessment review interval (months)'), 'integer', 12, { unit: 'months', stricter: 'lower' }),
      ],
      guidance: t('小規模な事業者は、所管省庁が示す簡易チェックリストによる評価で足りる。', 'Small operators may use the ministry\'s short checklist.'),
      evidence: [t('リスク評価書', 'Risk assessment'), t('リスク対応計画', 'Risk treatment plan')],
    }),
    // S17
    req('3.3.4.2', {
      title: t('重大なシナリオの評価', 'Severe scenarios'),
      text: t(
        'リスク評価には、ランサムウェアによる全システムの停止、バックアップの破壊、委託先経由の侵入等、サービスを長期間停止させる重大なシナリオを含めること。',
        'The risk assessment shall include severe scenarios that could stop the service for a long time, such as ransomware stopping all systems, destroyed backups or intrusion through a supplier.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('シナリオごとに停止期間を見積もり、3.7.1 の最大許容停止時間と比較すること。', 'Estimate the outage of each scenario and compare it with the MTPD of 3.7.1.'),
      evidence: [t('シナリオ分析', 'Scenario analysis')],
    }),
    // S26
    req('3.3.4.3', {
      title: t('残留リスクの経営層による受容', 'Residual risk accepted by management'),
      text: t(
        '対策を講じた後に残るリスクの受容は、経営層が判断し、その理由とともに記録すること。',
        'Acceptance of residual risk shall be decided by senior management and recorded with the reasons.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('受容したリスクは次回の見直しで再評価すること。', 'Re-evaluate accepted risks at the next review.'),
      evidence: [t('リスク受容の決裁記録', 'Risk acceptance decision')],
    }),
    // S8
    req('3.3.4.4', {
      title: t('分野全体への影響の考慮', 'Sector-wide impact'),
      text: t(
        'リスク評価に当たっては、自らの事業への影響に加え、分野全体のサービス停止につながるリスクとして所管省庁が示す観点を考慮すること。',
        'In assessing risk, operators should consider, beyond their own business, the sector-wide outage risks that the ministry points out.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('「誰にとってのリスクか」を明記すること。', 'State whose risk each entry is.'),
      evidence: [t('リスク登録簿（リスク所有者の記載を含む）', 'Risk register with owners')],
    }),
    req('3.3.4.5', {
      title: t('変更時の再評価', 'Reassessment on change'),
      text: t(
        '新たなシステムの導入、外部接続の追加、委託先の変更等の重要な変更を行う場合は、事前にリスクを再評価すること。',
        'Before significant changes such as new systems, new external connections or a change of supplier, operators shall reassess the risk.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('変更管理の手続に組み込むこと。', 'Build this into change management.'),
      evidence: [t('変更時のリスク評価記録', 'Change risk assessments')],
    }),
  ]),
  group('3.3.5', t('潜在的なリスクの探索（ホライズンスキャニング）', 'Horizon scanning for latent risks'), [
    // S18
    req('3.3.5.1', {
      title: t('兆候の収集と登録簿', 'Signals and a horizon-scanning register'),
      text: t(
        `既知のリスクに加え、新たな攻撃手法、技術の変化、社会情勢等から潜在的なリスクの兆候を収集して登録簿に記録し、${ins('horizon_review_interval_months')}か月以内ごとに評価すること。`,
        `Beyond known risks, operators should collect signals of latent risks from new attack techniques, technology and social change, record them in a register and evaluate them at least every ${ins('horizon_review_interval_months')} months.`,
      ),
      strength: 'should',
      when: STANDARD_UP,
      parameters: [
        param('horizon_review_interval_months', t('兆候の評価間隔（月）', 'Horizon review interval (months)'), 'integer', 6, { unit: 'months', stricter: 'lower' }),
      ],
      guidance: t('評価の結果、リスク登録簿に移すものを決めること。', 'Decide which signals move into the risk register.'),
      evidence: [t('ホライズンスキャニング登録簿', 'Horizon-scanning register')],
    }),
    // S18
    req('3.3.5.2', {
      title: t('中長期的な潜在リスクの評価', 'Long-term emerging risks'),
      text: t(
        '地政学的な情勢、AIの悪用、量子計算機による暗号の危殆化等の中長期的なリスクを年1回以上評価し、経営層に報告すること。',
        'Operators should assess long-term risks such as geopolitics, malicious use of AI and quantum threats to cryptography at least once a year and report them to senior management.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('暗号の移行計画など、長い準備期間を要する対応を早期に特定すること。', 'Identify early the responses with long lead times, such as cryptographic migration.'),
      evidence: [t('中長期リスク評価報告', 'Emerging-risk report')],
    }),
    // S18
    req('3.3.5.3', {
      title: t('分野横断的な潜在リスクの探索', 'Cross-sector horizon scanning'),
      text: t(
        '国家サイバー統括室は、分野横断的な潜在リスクの探索を行い、その結果を所管省庁を通じて重要インフラ事業者等に共有すること。',
        'The National Cybersecurity Office should scan for cross-sector latent risks and share the results with operators through the ministries.',
      ),
      strength: 'should',
      addressee: 'government',
      when: ALWAYS,
      guidance: t('共有に当たっては TLP 等の取扱区分を付すこと。', 'Mark shared material with TLP or similar.'),
      evidence: [t('共有資料', 'Shared reports')],
    }),
  ]),
])

// ───────────────────────────── 3.4 防御 ─────────────────────────────
const SECTION_3_4 = group('3.4', t('防御', 'Protection'), [
  group('3.4.1', t('アクセス制御と認証', 'Access control and authentication'), [
    req('3.4.1.1', {
      title: t('利用者ごとのアカウントと認証', 'Individual accounts and authentication'),
      text: t(
        '情報システムの利用者ごとに個別のアカウントを割り当てて共用を禁止し、初期パスワードを変更させ、異動又は退職の際には速やかにアカウントを停止又は削除すること。',
        'Operators shall give each user an individual account with no sharing, require initial passwords to be changed, and promptly disable or delete accounts when people move or leave.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('機器の初期設定の管理者パスワードも必ず変更すること。', 'Change vendors\' default administrator passwords as well.'),
      evidence: [t('アカウント一覧', 'Account list'), t('退職者アカウントの削除記録', 'Record of leaver accounts removed')],
    }),
    req('3.4.1.2', {
      title: t('管理者権限の最小化', 'Least administrative privilege'),
      text: t(
        '管理者権限は必要な者に限って付与し、日常の業務には管理者権限を持たないアカウントを使用させること。',
        'Operators shall grant administrator rights only to those who need them and have day-to-day work done with non-administrator accounts.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('保守事業者の管理者アカウントも対象とすること。', 'Contractors\' administrator accounts are in scope.'),
      evidence: [t('管理者権限保有者一覧', 'List of administrators')],
    }),
    req('3.4.1.3', {
      title: t('リモートアクセスの多要素認証', 'Multi-factor authentication for remote access'),
      text: t(
        '外部から内部ネットワーク又は重要なシステムに接続する全ての経路（VPN、保守用回線、リモートデスクトップ等）において、多要素認証を用いること。',
        'Operators shall use multi-factor authentication on every path from outside into the internal network or critical systems (VPN, maintenance lines, remote desktop).',
      ),
      strength: 'must',
      when: ALWAYS,
      parameters: [
        param('mfa_required_for_remote_access', t('リモートアクセスでの多要素認証の必須化', 'MFA required for remote access'), 'boolean', true, { stricter: 'higher' }),
      ],
      guidance: t('VPN装置の認証情報の窃取による侵入が、医療機関等のランサムウェア被害の主な原因となっている。', 'Stolen VPN credentials have been a main entry point for ransomware at hospitals and other operators.'),
      evidence: [t('リモートアクセス経路の一覧と認証方式', 'Remote access paths and their authentication')],
    }),
    req('3.4.1.4', {
      title: t('特権アカウントの保護', 'Privileged accounts'),
      text: t(
        '特権アカウントには多要素認証を用い、その利用を記録し、定期的に確認すること。',
        'Operators shall protect privileged accounts with multi-factor authentication, log their use and review the logs regularly.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('特権アクセス管理（PAM）製品の利用が有効である。', 'Privileged access management tools help.'),
      evidence: [t('特権利用の記録と確認記録', 'Privileged-use logs and reviews')],
    }),
    req('3.4.1.5', {
      title: t('アクセス権の定期的な見直し', 'Periodic access review'),
      text: t(
        `アクセス権の付与状況を${ins('access_review_interval_days')}日以内ごとに見直し、不要な権限を削除すること。`,
        `Operators should review access rights at least every ${ins('access_review_interval_days')} days and remove those no longer needed.`,
      ),
      strength: 'should',
      when: STANDARD_UP,
      parameters: [
        param('access_review_interval_days', t('アクセス権見直しの間隔（日）', 'Access review interval (days)'), 'integer', 180, { unit: 'days', stricter: 'lower' }),
      ],
      guidance: t('人事異動の情報と突合すること。', 'Reconcile with HR movements.'),
      evidence: [t('見直し記録', 'Review records')],
    }),
    req('3.4.1.6', {
      title: t('フィッシング耐性のある認証', 'Phishing-resistant authentication'),
      text: t(
        '重要なシステムの管理者及び外部からのアクセスには、FIDO2等のフィッシング耐性のある認証方式を導入すること。',
        'Operators should introduce phishing-resistant authentication such as FIDO2 for administrators of critical systems and for remote access.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('ワンタイムパスワードは中間者型フィッシングに対して十分ではない。', 'One-time codes do not withstand adversary-in-the-middle phishing.'),
      evidence: [t('認証方式の導入状況', 'Authentication methods in use')],
    }),
    req('3.4.1.7', {
      title: t('公開システムの利用者認証', 'Authentication on internet-facing services'),
      text: t(
        'インターネットに公開するシステムで利用者を認証する場合は、多要素認証を提供し、不正なログイン試行を検知・抑止すること。',
        'Internet-facing services that authenticate users shall offer multi-factor authentication and detect and throttle fraudulent login attempts.',
      ),
      strength: 'must',
      when: both(STANDARD_UP, fact('internet_facing_systems')),
      guidance: t('パスワードリスト攻撃への対策を含む。', 'Covers credential-stuffing attacks.'),
      evidence: [t('認証機能の仕様', 'Authentication design'), t('不正ログイン検知の記録', 'Login anomaly alerts')],
    }),
  ]),
  group('3.4.2', t('ネットワークの分離と通信の最小化', 'Segmentation and least-privilege communication'), [
    // S17
    req('3.4.2.1', {
      title: t('外部接続点の把握と不要な通信の遮断', 'External connections known, unneeded traffic blocked'),
      text: t(
        '外部との全ての接続点（インターネット接続、保守用回線、VPN装置等）を把握し、業務上不要な接続及び通信を遮断すること。',
        'Operators shall know every point of connection to the outside (internet, maintenance lines, VPN appliances) and block connections and traffic that the business does not need.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('保守事業者が設置した回線や機器を見落としやすい。', 'Lines and devices installed by maintenance contractors are easily overlooked.'),
      evidence: [t('外部接続点一覧', 'List of external connections'), t('ファイアウォール設定', 'Firewall configuration')],
    }),
    // S6
    req('3.4.2.2', {
      title: t('閉域性・独自性に依存しないこと', 'No reliance on closedness or obscurity'),
      text: t(
        '閉域網であること、専用のOS若しくは機器を用いていること又は独自のプロトコルを用いていることをもって安全対策に代えてはならず、これらのシステムにも本章の対策を講ずること。',
        'Being a closed network, using a dedicated OS or device, or using a proprietary protocol shall not be treated as a security control; this chapter\'s measures apply to such systems too.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('「閉じているから安全」とされたネットワークでも、保守用回線や持ち込み媒体を通じた侵入が起きている。', 'Networks believed safe because closed have been breached through maintenance lines and removable media.'),
      evidence: [t('閉域網内システムの対策状況', 'Measures applied to closed-network systems')],
    }),
    // S6
    req('3.4.2.3', {
      title: t('重要度に応じたネットワーク分離', 'Network segmentation by criticality'),
      text: t(
        '重要度に応じてネットワークを区分（セグメント化）し、重要なシステムを一般の業務端末及びインターネットから分離すること。',
        'Operators shall segment their networks by criticality, separating critical systems from general office endpoints and the internet.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('ゼロトラストの考え方を採る場合も、被害の拡大を防ぐ分離は必要である。', 'Even with a zero-trust approach, segmentation is needed to contain damage.'),
      evidence: [t('セグメント設計書', 'Segmentation design')],
    }),
    // S17
    req('3.4.2.4', {
      title: t('必要最小限の通信の許可', 'Allow only necessary communication'),
      text: t(
        `セグメント間及び外部との通信は、業務上必要な送信元、宛先及びポートに限って許可し、その許可規則を${ins('firewall_rule_review_interval_months')}か月以内ごとに見直すこと。`,
        `Operators shall allow traffic between segments and to the outside only for the sources, destinations and ports the business needs, and review the rules at least every ${ins('firewall_rule_review_interval_months')} months.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('firewall_rule_review_interval_months', t('通信許可規則の見直し間隔（月）', 'Firewall rule review interval (months)'), 'integer', 12, { unit: 'months', stricter: 'lower' }),
      ],
      guidance: t('「全て許可」の規則を残さないこと。規則ごとに申請者と理由を記録すること。', 'Leave no allow-all rules; record the requester and reason of each rule.'),
      evidence: [t('通信許可規則一覧と見直し記録', 'Rule base and review records')],
    }),
    // S6
    req('3.4.2.5', {
      title: t('情報系と制御系の分離', 'Separating IT and OT'),
      text: t(
        '制御システムのネットワークは情報系ネットワークから分離し、両者間の通信は中継区画（DMZ）を経由させ、制御系から外部への通信を原則として禁止すること。',
        'Operators shall separate OT networks from IT networks, route traffic between them through a DMZ and, as a rule, forbid outbound traffic from OT.',
      ),
      strength: 'must',
      when: both(STANDARD_UP, fact('operates_ot')),
      guidance: t('IEC 62443 のゾーンとコンジットの考え方が参考になる。', 'IEC 62443 zones and conduits are a useful model.'),
      evidence: [t('IT/OT境界の構成図', 'IT/OT boundary diagram')],
    }),
    req('3.4.2.6', {
      title: t('保守用リモート接続の管理', 'Remote maintenance connections'),
      text: t(
        '保守事業者によるリモート接続は、必要な時に限り接続を有効にし、接続者、時刻及び作業内容を記録すること。',
        'Operators shall enable remote maintenance connections only when needed and record who connected, when and what was done.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('常時接続の保守回線は侵入経路となりやすい。', 'Always-on maintenance lines are common entry points.'),
      evidence: [t('リモート保守の接続記録', 'Remote maintenance log')],
    }),
    // S6
    req('3.4.2.7', {
      title: t('ゼロトラストの考え方の導入', 'Zero-trust principles'),
      text: t(
        '利用者及び端末を接続の都度検証する、ゼロトラストの考え方に基づく対策を段階的に導入することができる。',
        'Operators may progressively adopt zero-trust measures that verify users and devices on every connection.',
      ),
      strength: 'may',
      when: ENHANCED,
      guidance: t('ネットワーク分離（3.4.2.3）に代わるものではない。', 'This does not replace segmentation (3.4.2.3).'),
      evidence: [t('導入計画', 'Adoption plan')],
    }),
    // S17
    req('3.4.2.8', {
      title: t('緊急時の遮断手段', 'Emergency isolation'),
      text: t(
        '被害の拡大を防ぐため、重要なセグメントを迅速に切り離す手段と判断基準を用意し、訓練で確認すること。',
        'Operators should prepare the means and criteria to isolate critical segments quickly to stop an attack spreading, and test them in exercises.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('切り離した状態でサービスを継続する手順と組み合わせること。', 'Combine with procedures to keep the service running while isolated.'),
      evidence: [t('遮断手順書', 'Isolation procedure'), t('訓練記録', 'Exercise record')],
    }),
  ]),
  group('3.4.3', t('データの保護とバックアップ', 'Data protection and backup'), [
    // S17
    req('3.4.3.1', {
      title: t('定期的なバックアップの取得', 'Regular backups'),
      text: t(
        '重要なデータ及びシステムの復旧に必要な情報（設定、ソフトウェア等）のバックアップを定期的に取得すること。',
        'Operators shall regularly back up important data and what is needed to rebuild systems (configurations, software).',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('電子カルテ等の業務データだけでなく、システムの再構築に必要な情報も対象とする。', 'Back up not only business data (e.g. medical records) but also what is needed to rebuild the system.'),
      evidence: [t('バックアップの取得記録', 'Backup job records')],
    }),
    req('3.4.3.2', {
      title: t('目標復旧時点に基づくバックアップ方針', 'Backup policy from the recovery point objective'),
      text: t(
        `バックアップの対象、頻度、保管場所及び世代数を目標復旧時点（RPO）に基づいて定め、少なくとも${ins('backup_generations')}世代を保持すること。`,
        `Operators shall set the scope, frequency, location and generations of backups from the recovery point objective and keep at least ${ins('backup_generations')} generations.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('backup_generations', t('保持する世代数', 'Generations kept'), 'integer', 3, { unit: 'generations', stricter: 'higher' }),
      ],
      guidance: t('潜伏期間のある攻撃に備え、十分に古い世代を残すこと。', 'Keep generations old enough to predate a dormant intrusion.'),
      evidence: [t('バックアップ方針', 'Backup policy')],
    }),
    // S17 — the study group's "backups that attacks cannot destroy"
    req('3.4.3.3', {
      title: t('分離されたバックアップと復元テスト', 'Isolated backups and restore tests'),
      text: t(
        `バックアップのうち少なくとも一つは、ネットワークから切り離した状態（オフライン）又は業務ネットワークから分離されたセグメントに保管し、攻撃者が業務環境から消去・暗号化できないようにすること。また、当該バックアップからの復元テストを${ins('restore_test_interval_days')}日以内ごとに実施し、結果を記録すること。`,
        `At least one backup shall be kept offline or in a segment separated from the business network so that an attacker in the business environment cannot delete or encrypt it, and a restore from that backup shall be tested at least every ${ins('restore_test_interval_days')} days, with the results recorded.`,
      ),
      strength: 'must',
      when: ALWAYS,
      parameters: [
        param('restore_test_interval_days', t('復元テストの間隔（日）', 'Restore test interval (days)'), 'integer', 365, { unit: 'days', stricter: 'lower' }),
      ],
      guidance: t(
        '常時接続のNASや同一ドメインのバックアップサーバは、ランサムウェアにより同時に暗号化されることがある。復元に要した時間を記録し、目標復旧時間と比較すること。',
        'An always-connected NAS or a backup server in the same domain can be encrypted together with the business systems. Record how long the restore took and compare it with the RTO.',
      ),
      evidence: [t('分離保管の構成図', 'Diagram of the isolated backup'), t('復元テストの記録（所要時間を含む）', 'Restore test records with duration')],
    }),
    // S17
    req('3.4.3.4', {
      title: t('バックアップ環境の保護', 'Protecting the backup environment'),
      text: t(
        'バックアップ環境の認証情報を業務環境と分離し、一定期間削除・変更できない保管（イミュータブルストレージ等）を用いること。',
        'Operators shall keep the backup environment\'s credentials separate from the business environment and use storage that cannot be deleted or altered for a set period (immutable storage).',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('業務環境のドメイン管理者がバックアップを削除できる構成は避けること。', 'A domain administrator of the business environment must not be able to delete backups.'),
      evidence: [t('バックアップ環境の権限設定', 'Backup environment permissions')],
    }),
    req('3.4.3.5', {
      title: t('復元前の健全性確認', 'Integrity check before restoring'),
      text: t(
        'バックアップから復元する前に、不正なプログラムの混入や改ざんがないことを確認すること。',
        'Before restoring from a backup, operators shall verify that it contains no malicious code and has not been tampered with.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('感染したバックアップからの復元による再感染を防ぐ。', 'Prevents reinfection from an infected backup.'),
      evidence: [t('復元手順書の確認項目', 'Verification steps in the restore procedure')],
    }),
    req('3.4.3.6', {
      title: t('システム全体の復旧演習', 'Full-environment recovery exercise'),
      text: t(
        '認証基盤を含むシステム全体がランサムウェアにより使用できなくなった場合を想定し、全体の復旧手順を演習で検証すること。',
        'Operators should exercise the full recovery of their environment, including the identity infrastructure, assuming ransomware has made all of it unusable.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('認証基盤（Active Directory 等）の復旧順序に注意すること。', 'Mind the order of rebuilding the directory (e.g. Active Directory).'),
      evidence: [t('全体復旧演習の報告', 'Full recovery exercise report')],
    }),
    req('3.4.3.7', {
      title: t('個人情報等の暗号化', 'Encryption of personal data'),
      text: t(
        '個人情報その他の重要なデータを持ち運び可能な端末又は媒体に保存する場合は暗号化し、外部に送信する場合は暗号化された通信路を用いること。',
        'Operators shall encrypt personal and other important data stored on portable devices or media, and send such data only over encrypted channels.',
      ),
      strength: 'must',
      when: fact('handles_personal_data'),
      guidance: t('USBメモリの紛失による漏えいが多い。', 'Lost USB sticks are a frequent cause of leaks.'),
      evidence: [t('端末・媒体の暗号化設定', 'Device and media encryption settings')],
    }),
  ]),
  group('3.4.4', t('脆弱性管理とパッチ適用', 'Vulnerability and patch management'), [
    // S7
    req('3.4.4.1', {
      title: t('セキュリティ更新の適用', 'Applying security updates'),
      text: t(
        'OS、ソフトウェア及びネットワーク機器（VPN装置等）のセキュリティ更新を、提供元から公開された後速やかに適用すること。',
        'Operators shall promptly apply security updates to operating systems, software and network devices (including VPN appliances) once vendors release them.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('医療機器等で更新が制限される場合は、製造販売業者に確認し、3.4.4.5 の代替策を講ずること。', 'Where updates are restricted (e.g. medical devices), ask the manufacturer and apply the alternatives of 3.4.4.5.'),
      evidence: [t('更新の適用状況', 'Patch status report')],
    }),
    // S7
    req('3.4.4.2', {
      title: t('サポート終了製品への対応', 'End-of-support products'),
      text: t(
        'サポートが終了した製品を把握し、更新又は置換の計画を定めること。計画の完了までの間は、通信の制限等により危険を低減すること。',
        'Operators shall identify products past end of support and plan their upgrade or replacement, reducing the risk meanwhile, for example by restricting their communication.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('サポート終了日は資産台帳（3.3.1.1）で管理すること。', 'Track end-of-support dates in the inventory (3.3.1.1).'),
      evidence: [t('サポート終了製品の一覧と置換計画', 'List of unsupported products and replacement plan')],
    }),
    // S7
    req('3.4.4.3', {
      title: t('悪用が確認された脆弱性への対応期限', 'Deadline for known exploited vulnerabilities'),
      text: t(
        `悪用が確認された脆弱性（CISAのKEVカタログ掲載のもの等）が自らの資産に存在する場合は、公表から${ins('kev_patch_deadline_days')}日以内に修正又は緩和策を講ずること。`,
        `Where an asset has a vulnerability known to be exploited (e.g. listed in CISA's KEV catalog), operators shall fix or mitigate it within ${ins('kev_patch_deadline_days')} days of publication.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('kev_patch_deadline_days', t('悪用確認済み脆弱性の対応期限（日）', 'Deadline for known exploited vulnerabilities (days)'), 'integer', 14, { unit: 'days', stricter: 'lower' }),
      ],
      guidance: t('インターネットに面した機器を最優先とすること。', 'Internet-facing devices come first.'),
      evidence: [t('脆弱性対応の記録（検知日・対応日）', 'Vulnerability records with detection and fix dates')],
    }),
    req('3.4.4.4', {
      title: t('深刻度の高い脆弱性への対応期限', 'Deadline for critical vulnerabilities'),
      text: t(
        `深刻度の高い脆弱性については、修正プログラムの公開から${ins('critical_patch_deadline_days')}日以内に適用又は緩和策を講ずること。`,
        `Operators should apply fixes or mitigations for critical vulnerabilities within ${ins('critical_patch_deadline_days')} days of the fix being released.`,
      ),
      strength: 'should',
      when: STANDARD_UP,
      parameters: [
        param('critical_patch_deadline_days', t('深刻度の高い脆弱性の対応期限（日）', 'Deadline for critical vulnerabilities (days)'), 'integer', 30, { unit: 'days', stricter: 'lower' }),
      ],
      guidance: t('深刻度は CVSS 等の基準に加え、自らの環境での影響を考慮して判断すること。', 'Judge severity by CVSS and by the impact in your own environment.'),
      evidence: [t('脆弱性対応の記録', 'Vulnerability records')],
    }),
    // S7
    req('3.4.4.5', {
      title: t('閉域網内の機器の脆弱性管理', 'Vulnerabilities in closed networks'),
      text: t(
        '閉域網内の機器及び停止が困難な機器についても脆弱性情報と照合し、直ちに更新できない場合は、通信の制限、監視の強化等の代替策と更新の予定時期を記録すること。',
        'Operators shall match devices in closed networks and devices that are hard to stop against vulnerability information and, where they cannot be updated at once, record compensating measures (restricted traffic, closer monitoring) and when the update will happen.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('10年以上更新されていない機器が稼働している例がある。未適用の期間を把握すること。', 'Devices run unpatched for ten years or more; know how long each has gone without updates.'),
      evidence: [t('閉域網内機器の脆弱性照合結果', 'Vulnerability matching for closed-network devices'), t('代替策の記録', 'Compensating measures')],
    }),
    // S7
    req('3.4.4.6', {
      title: t('長期稼働機器のライフサイクル管理', 'Life-cycle planning for long-lived equipment'),
      text: t(
        '長期間稼働させる重要な機器は、調達時にサポート期間及び更新方法を要件とし、稼働期間中の更新と置換の計画を定めること。',
        'For critical equipment meant to run for many years, operators shall require support periods and update methods at procurement and plan updates and replacement over its life.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('停止が困難な機器は、冗長化により更新時の停止を可能にすること。', 'Use redundancy so that hard-to-stop equipment can be updated.'),
      evidence: [t('調達仕様書', 'Procurement specification'), t('置換計画', 'Replacement plan')],
    }),
    req('3.4.4.7', {
      title: t('公開システムの脆弱性診断', 'Scanning internet-facing systems'),
      text: t(
        `インターネットに公開しているシステム及び機器について、${ins('external_scan_interval_days')}日以内ごとに脆弱性診断を行い、想定外の公開がないことを確認すること。`,
        `Operators shall scan their internet-facing systems and devices for vulnerabilities at least every ${ins('external_scan_interval_days')} days and confirm nothing is exposed unintentionally.`,
      ),
      strength: 'must',
      when: both(STANDARD_UP, fact('internet_facing_systems')),
      parameters: [
        param('external_scan_interval_days', t('外部診断の間隔（日）', 'External scan interval (days)'), 'integer', 30, { unit: 'days', stricter: 'lower' }),
      ],
      guidance: t('攻撃面管理（ASM）サービスの利用を含む。', 'Attack-surface management services count.'),
      evidence: [t('診断結果', 'Scan results')],
    }),
    req('3.4.4.8', {
      title: t('侵入テスト', 'Penetration testing'),
      text: t(
        `重要なシステムについて、${ins('pentest_interval_months')}か月以内ごとに第三者による侵入テストを行い、発見事項に対応すること。`,
        `Operators should have critical systems penetration-tested by a third party at least every ${ins('pentest_interval_months')} months and remediate the findings.`,
      ),
      strength: 'should',
      when: ENHANCED,
      parameters: [
        param('pentest_interval_months', t('侵入テストの間隔（月）', 'Penetration test interval (months)'), 'integer', 24, { unit: 'months', stricter: 'lower' }),
      ],
      guidance: t('脅威情報に基づく侵入テスト（TLPT）とすることが望ましい。', 'Threat-led penetration testing (TLPT) is preferred.'),
      evidence: [t('侵入テスト報告書', 'Penetration test report'), t('是正記録', 'Remediation record')],
    }),
    // S7
    req('3.4.4.9', {
      title: t('制御機器の脆弱性対応', 'Vulnerabilities in OT equipment'),
      text: t(
        '制御機器の脆弱性については、製造者と調整の上で更新の可否を判断し、更新しない場合は代替策を講じて記録すること。',
        'For OT equipment, operators shall decide with the manufacturer whether updates can be applied and, where not, apply and record compensating measures.',
      ),
      strength: 'must',
      when: both(STANDARD_UP, fact('operates_ot')),
      guidance: t('定期保守の停止時期に更新を計画すること。', 'Plan updates for scheduled maintenance outages.'),
      evidence: [t('制御機器の脆弱性対応記録', 'OT vulnerability decisions')],
    }),
  ]),
  group('3.4.5', t('端末・システムの防護', 'Endpoint and system protection'), [
    req('3.4.5.1', {
      title: t('不正プログラム対策', 'Protection against malware'),
      text: t(
        '全ての端末及びサーバに不正プログラム対策ソフトウェア（EDR等を含む。）を導入し、定義ファイル等を最新の状態に保つこと。',
        'Operators shall install anti-malware (including EDR) on all endpoints and servers and keep its definitions up to date.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('導入できない機器は台帳に記録し、通信の制限等で補うこと。', 'Record devices where it cannot be installed and compensate, e.g. by restricting traffic.'),
      evidence: [t('導入状況の一覧', 'Coverage report')],
    }),
    req('3.4.5.2', {
      title: t('標準設定の強化と外部媒体の制御', 'Hardening and removable media'),
      text: t(
        '端末及びサーバの不要なサービス・機能を停止した標準設定を定めて適用し、外部記録媒体の利用を制限すること。',
        'Operators shall define and apply hardened baseline configurations that disable unneeded services and features, and restrict removable media.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('CIS Benchmarks 等の公開基準を参考にできる。', 'Public baselines such as CIS Benchmarks can be used.'),
      evidence: [t('標準設定書', 'Baseline configuration'), t('媒体制御の設定', 'Media control settings')],
    }),
    req('3.4.5.3', {
      title: t('管理画面の非公開', 'No management interfaces on the internet'),
      text: t(
        'ネットワーク機器及びシステムの管理用画面をインターネットに公開しないこと。やむを得ず公開する場合は、接続元の制限及び多要素認証を行うこと。',
        'Operators shall not expose management interfaces of devices and systems to the internet; where unavoidable, restrict source addresses and require multi-factor authentication.',
      ),
      strength: 'must',
      when: both(STANDARD_UP, fact('internet_facing_systems')),
      guidance: t('外部診断（3.4.4.7）で確認すること。', 'Verify through external scanning (3.4.4.7).'),
      evidence: [t('公開ポートの一覧', 'List of exposed ports')],
    }),
    req('3.4.5.4', {
      title: t('サービス妨害攻撃への備え', 'Denial-of-service resilience'),
      text: t(
        'インターネットに公開するサービスについて、サービス妨害（DDoS）攻撃への対策を通信事業者等と調整して講ずること。',
        'For internet-facing services, operators should arrange DDoS protection with their network providers.',
      ),
      strength: 'should',
      when: both(STANDARD_UP, fact('internet_facing_systems')),
      guidance: t('攻撃時の連絡窓口と切替手順を事前に確認すること。', 'Agree contacts and switch-over steps in advance.'),
      evidence: [t('DDoS対策の契約又は設定', 'DDoS protection contract or settings')],
    }),
    req('3.4.5.5', {
      title: t('物理的な対策', 'Physical security'),
      text: t(
        '重要な機器を設置する場所について、入退室の管理、施錠及び監視を行うこと。',
        'Operators should control, lock and monitor access to places where critical equipment is installed.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('保守作業者の入室も記録すること。', 'Log maintenance staff entering too.'),
      evidence: [t('入退室記録', 'Access logs')],
    }),
  ]),
])

// ───────────────────────────── 3.5 検知 ─────────────────────────────
const SECTION_3_5 = group('3.5', t('検知', 'Detection'), [
  group('3.5.1', t('ログの取得と保全', 'Logging'), [
    req('3.5.1.1', {
      title: t('ログの取得と保存', 'Collecting and keeping logs'),
      text: t(
        `重要なシステム及びネットワーク機器の認証、通信及び操作のログを取得し、${ins('log_retention_min_days')}日以上保存すること。`,
        `Operators shall collect authentication, network and activity logs of critical systems and network devices and keep them for at least ${ins('log_retention_min_days')} days.`,
      ),
      strength: 'must',
      when: ALWAYS,
      parameters: [
        param('log_retention_min_days', t('ログの最低保存期間（日）', 'Minimum log retention (days)'), 'integer', 90, { unit: 'days', stricter: 'higher' }),
      ],
      guidance: t('VPN装置のログは侵入経路の調査に不可欠である。機器の既定の保存期間が短い場合は外部に転送すること。', 'VPN logs are essential to trace intrusions; forward logs off devices whose built-in retention is short.'),
      evidence: [t('ログ取得設定', 'Logging configuration'), t('保存期間の確認記録', 'Retention check')],
    }),
    req('3.5.1.2', {
      title: t('重要なログの長期保存', 'Long-term retention of key logs'),
      text: t(
        `侵入の調査に必要な重要なログは、${ins('log_retention_days')}日以上保存すること。`,
        `Operators should keep the logs needed to investigate intrusions for at least ${ins('log_retention_days')} days.`,
      ),
      strength: 'should',
      when: STANDARD_UP,
      parameters: [
        param('log_retention_days', t('重要なログの保存期間（日）', 'Key log retention (days)'), 'integer', 365, { unit: 'days', stricter: 'higher' }),
      ],
      guidance: t('侵入から発覚までに数か月を要する事例が多い。', 'Intrusions are often discovered months after they began.'),
      evidence: [t('ログ保管の設定', 'Log archive settings')],
    }),
    req('3.5.1.3', {
      title: t('ログの保全と集約', 'Protecting and centralising logs'),
      text: t(
        'ログを改ざんから保護し、機器の時刻を同期させ、分析できるよう一元的に集約すること。',
        'Operators shall protect logs from tampering, synchronise device clocks and centralise logs for analysis.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('攻撃者はログの消去を試みる。ログ基盤の権限は業務環境と分離すること。', 'Attackers try to erase logs; separate the log platform\'s privileges from the business environment.'),
      evidence: [t('ログ基盤の構成', 'Log platform design'), t('時刻同期の設定', 'Time synchronisation settings')],
    }),
  ]),
  group('3.5.2', t('監視と分析', 'Monitoring and analysis'), [
    req('3.5.2.1', {
      title: t('監視体制', 'Security monitoring'),
      text: t(
        '重要なシステム及びネットワークを監視し、異常を検知して分析する体制（外部委託によるものを含む。）を整備すること。',
        'Operators shall monitor critical systems and networks and have an organisation (in-house or outsourced) that detects and analyses anomalies.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('検知した事象をインシデントと判断する基準を定めること。', 'Define criteria for declaring an incident.'),
      evidence: [t('監視体制図', 'Monitoring organisation'), t('検知・分析の記録', 'Alert handling records')],
    }),
    // S13
    req('3.5.2.2', {
      title: t('AI及び自動化の活用', 'Using AI and automation'),
      text: t(
        '検知及び初期分析の迅速化と人材不足への対応のため、脆弱性情報・注意喚起と自らの資産との自動照合、AIを用いたアラートの優先順位付け等、AI及び自動化を活用すること。',
        'To speed up detection and triage and to cope with the shortage of staff, operators should use AI and automation, such as matching advisories to their own assets automatically and AI-assisted prioritisation of alerts.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('機械可読な資産台帳（3.3.1）が自動照合の前提となる。', 'A machine-readable inventory (3.3.1) is the precondition for automatic matching.'),
      evidence: [t('自動照合の設定と結果', 'Automated matching configuration and results')],
    }),
    req('3.5.2.3', {
      title: t('常時監視', 'Round-the-clock monitoring'),
      text: t(
        '重要なシステムを24時間365日監視し、重大な検知があった場合に直ちに対応を開始できる体制とすること。',
        'Operators shall monitor critical systems 24 hours a day, 365 days a year, able to start response at once on a serious alert.',
      ),
      strength: 'must',
      when: ENHANCED,
      guidance: t('夜間・休日の判断権限者を明確にすること。', 'Name who can make decisions at night and on holidays.'),
      evidence: [t('監視の勤務体制', 'Monitoring rota'), t('対応開始までの時間の記録', 'Time-to-respond records')],
    }),
    // S13
    req('3.5.2.4', {
      title: t('AIエージェント等の利用時の統制', 'Governing AI agents in security operations'),
      text: t(
        'AIエージェント等に検知・対応の一部を委ねる場合は、人が判断・承認する範囲を定め、誤検知・見逃しの傾向を評価し、AI自体への攻撃（指示の改ざん等）から保護すること。',
        'Where AI agents take on part of detection or response, operators should define what a human must decide or approve, evaluate false positives and misses, and protect the AI itself from attack (e.g. prompt injection).',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('システムの遮断等、影響の大きい操作は人の承認を要すること。', 'High-impact actions such as isolating systems need human approval.'),
      evidence: [t('AI利用の統制規程', 'AI use rules'), t('評価記録', 'Evaluation records')],
    }),
    req('3.5.2.5', {
      title: t('制御系ネットワークの監視', 'Monitoring OT networks'),
      text: t(
        '制御系ネットワークの通信を、制御に影響を与えない方法で監視し、通常と異なる通信を検知すること。',
        'Operators should monitor OT network traffic in a way that does not affect control and detect unusual communication.',
      ),
      strength: 'should',
      when: both(STANDARD_UP, fact('operates_ot')),
      guidance: t('ミラーポート等による受動的な監視が一般的である。', 'Passive monitoring via mirror ports is common.'),
      evidence: [t('OT監視の構成と検知記録', 'OT monitoring design and alerts')],
    }),
    // S13
    req('3.5.2.6', {
      title: t('脅威情報の活用', 'Using threat intelligence'),
      text: t(
        '所管省庁、セプター等から提供される脅威情報（攻撃の痕跡情報を含む。）を監視に取り込み、自らの環境を確認すること。',
        'Operators should feed threat intelligence (including indicators of compromise) from the ministry, CEPTOARs and others into monitoring and check their own environment.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('STIX等の機械可読な形式での受領が望ましい。', 'Machine-readable formats such as STIX are preferred.'),
      evidence: [t('脅威情報の確認記録', 'Threat intelligence checks')],
    }),
    req('3.5.2.7', {
      title: t('検知の有効性の評価', 'Testing detection'),
      text: t(
        '攻撃手法（MITRE ATT&CK 等）に照らして検知の網羅性を評価し、検知規則を定期的に見直すこと。',
        'Operators should assess detection coverage against attack techniques (e.g. MITRE ATT&CK) and review detection rules regularly.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('模擬攻撃による検証が有効である。', 'Simulated attacks are an effective check.'),
      evidence: [t('検知網羅性の評価', 'Detection coverage assessment')],
    }),
  ]),
])

// ───────────────────── 3.6 インシデント対応・報告・危機管理 ─────────────────────
const SECTION_3_6 = group('3.6', t('インシデント対応、報告及び危機管理', 'Incident response, reporting and crisis management'), [
  group('3.6.1', t('対応計画と体制', 'Response plan'), [
    req('3.6.1.1', {
      title: t('対応手順と連絡体制', 'Response steps and contacts'),
      text: t(
        'インシデントが発生した場合の初動の手順並びに所管省庁、保守事業者、警察等の連絡先を定め、従業員に周知すること。',
        'Operators shall define first-response steps for incidents and the contacts of the ministry, maintenance contractors, the police and others, and make them known to staff.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('連絡先は紙でも保管すること（システム停止時に参照できるように）。', 'Keep the contact list on paper too, so it can be used when systems are down.'),
      evidence: [t('初動対応手順', 'First-response procedure'), t('緊急連絡先一覧', 'Emergency contact list')],
    }),
    req('3.6.1.2', {
      title: t('対応計画の文書化と訓練', 'Documented plan and exercises'),
      text: t(
        `封じ込め、根絶、復旧、証拠保全及び外部への連絡を含むインシデント対応計画を文書化し、年${ins('ir_exercises_per_year')}回以上訓練すること。`,
        `Operators shall document an incident response plan covering containment, eradication, recovery, evidence preservation and external communication, and exercise it at least ${ins('ir_exercises_per_year')} times a year.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('ir_exercises_per_year', t('対応訓練の回数（年）', 'Incident response exercises per year'), 'integer', 1, { unit: 'times/year', stricter: 'higher' }),
      ],
      guidance: t('訓練の教訓を計画に反映すること。', 'Feed exercise lessons back into the plan.'),
      evidence: [t('インシデント対応計画', 'Incident response plan'), t('訓練報告', 'Exercise report')],
    }),
    req('3.6.1.3', {
      title: t('証拠の保全', 'Preserving evidence'),
      text: t(
        'インシデントの原因究明に必要なログ、ディスクイメージ等の証拠を保全する手順を定めること。',
        'Operators shall define how logs, disk images and other evidence needed to establish the cause of an incident are preserved.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('復旧を急ぐあまり証拠を失わないよう、保全の判断者を定めること。', 'Name who decides on preservation so evidence is not lost in the rush to recover.'),
      evidence: [t('証拠保全手順', 'Evidence procedure')],
    }),
  ]),
  group('3.6.2', t('報告と連絡', 'Reporting'), [
    req('3.6.2.1', {
      title: t('所管省庁への速やかな報告', 'Prompt report to the ministry'),
      text: t(
        '重要インフラサービス障害又はそのおそれがある事象が発生した場合は、所管省庁に速やかに報告すること。',
        'Operators shall report to the competent ministry promptly when a critical-infrastructure service disruption occurs or may occur.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('原因が判明していない段階でも第一報を行うこと。セプター経由又は国家サイバー統括室への直接の報告も可能である。', 'Send a first report even before the cause is known; reporting via the CEPTOAR or directly to the NCO is also possible.'),
      evidence: [t('報告の記録', 'Report records')],
    }),
    req('3.6.2.2', {
      title: t('予兆及びヒヤリハットの共有', 'Precursors and near misses'),
      text: t(
        'サービス障害に至らなかった予兆及びヒヤリハットについても、所管省庁又はセプターに共有すること。',
        'Operators should also share precursors and near misses that did not lead to a disruption with the ministry or the CEPTOAR.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('他の事業者の被害の未然防止に役立つ。', 'This helps other operators avoid harm.'),
      evidence: [t('共有の記録', 'Sharing records')],
    }),
    // 2025 act (サイバー対処能力強化法)
    req('3.6.2.3', {
      title: t('特定侵害事象の報告', 'Reporting intrusion events under the 2025 act'),
      text: t(
        '特別社会基盤事業者は、特定重要電子計算機に係る特定侵害事象等を認知した場合は、法令の定めるところにより、関係省庁共通様式を用いて事業所管大臣に速報及び詳報を行うこと。',
        'Specially designated operators that become aware of an intrusion event affecting a designated critical computer shall send the competent minister a first report and then a detailed report, as the law provides, using the common inter-ministry forms.',
      ),
      strength: 'must',
      when: ACD,
      guidance: t('報告期限は法令による（要確認）。3.6.2.1 の報告と内容を整合させること。', 'Deadlines follow the law (to be confirmed). Keep consistent with the report under 3.6.2.1.'),
      evidence: [t('速報及び詳報の写し', 'Copies of first and detailed reports')],
    }),
    req('3.6.2.4', {
      title: t('個人データの漏えい等の報告', 'Personal data breach reporting'),
      text: t(
        '個人データの漏えい等が発生し、又は発生したおそれがある場合は、法令に基づき個人情報保護委員会への報告及び本人への通知を行うこと。',
        'Where personal data has or may have been leaked, operators shall report to the Personal Information Protection Commission and notify the individuals as the law requires.',
      ),
      strength: 'must',
      when: fact('handles_personal_data'),
      guidance: t('速報（概ね3〜5日以内）と確報の期限は法令による（要確認）。', 'Deadlines for the preliminary (roughly 3–5 days) and final reports follow the law (to be confirmed).'),
      evidence: [t('報告の写し', 'Copy of the report')],
    }),
    // S22
    req('3.6.2.5', {
      title: t('報告先の整理と共通様式の活用', 'Reporting routes and common forms'),
      text: t(
        '法令及び安全基準等に基づく報告先、期限及び様式を一覧にし、共通様式を活用して報告内容を整合させること。',
        'Operators should list the recipients, deadlines and forms of every report required by law and sector standards and use common forms to keep reports consistent.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('一つのインシデントで複数の報告が必要となる場合に備えること。', 'Be ready for one incident triggering several reports.'),
      evidence: [t('報告先一覧', 'Reporting matrix')],
    }),
    req('3.6.2.6', {
      title: t('所管省庁から国家サイバー統括室への連絡', 'Ministry forwards reports to the NCO'),
      text: t(
        '所管省庁は、重要インフラ事業者等から報告を受けた場合は、速やかに国家サイバー統括室に連絡すること。',
        'Each ministry shall promptly pass reports received from operators to the National Cybersecurity Office.',
      ),
      strength: 'must',
      addressee: 'ministry',
      when: ALWAYS,
      guidance: t('事業者名等の取扱いは情報共有の規則による。', 'Handling of operator names follows the sharing rules.'),
      evidence: [t('連絡の記録', 'Forwarding records')],
    }),
  ]),
  group('3.6.3', t('危機管理', 'Crisis management'), [
    req('3.6.3.1', {
      title: t('危機管理体制と判断権限', 'Crisis organisation and decision authority'),
      text: t(
        '重大なインシデントに際し、経営層を長とする対策本部を設置する基準及び手順を定め、サービスの停止、外部接続の遮断等の判断権限者を明確にすること。',
        'Operators shall set criteria and steps for convening a crisis team headed by senior management in a serious incident and name who may decide to stop services or cut external connections.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('判断の遅れが被害を拡大させた事例が多い。', 'Delayed decisions have often worsened the damage.'),
      evidence: [t('危機管理規程', 'Crisis management rules')],
    }),
    // S25
    req('3.6.3.2', {
      title: t('利用者及び社会への情報提供', 'Informing users and the public'),
      text: t(
        'サービスに影響が生じた場合に、利用者及び社会に対し、影響の範囲、代替手段及び復旧の見通しを適時に提供する手順を定めること。',
        'Operators should have steps to tell users and the public in good time about the extent of the impact, alternatives and the expected recovery.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('攻撃者が窃取した情報の公開に備えた広報方針を含めること。', 'Include a communications line in case attackers publish stolen data.'),
      evidence: [t('広報手順', 'Communications procedure')],
    }),
    // S26
    req('3.6.3.3', {
      title: t('経営層が参加する危機管理演習', 'Crisis exercise with senior management'),
      text: t(
        '経営層が参加する危機管理演習を年1回以上実施し、サービス停止を伴う判断を演習すること。',
        'Operators shall hold a crisis exercise with senior management at least once a year, practising decisions that involve stopping the service.',
      ),
      strength: 'must',
      when: ENHANCED,
      guidance: t('分野横断的演習への参加で代えてもよい。', 'Taking part in the cross-sector exercise may count.'),
      evidence: [t('演習報告', 'Exercise report')],
    }),
    // S2
    req('3.6.3.4', {
      title: t('身代金要求への対応方針', 'Policy on ransom demands'),
      text: t(
        '身代金の要求を受けた場合の対応方針（法令及び制裁措置への抵触の確認を含む。）を、平時に経営層が決定しておくこと。',
        'Senior management should decide in advance how the operator will respond to a ransom demand, including checks against law and sanctions.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('支払っても復旧やデータの削除は保証されない。', 'Paying guarantees neither recovery nor deletion of stolen data.'),
      evidence: [t('経営層の決定記録', 'Management decision record')],
    }),
  ]),
  group('3.6.4', t('復旧と改善', 'Recovery and lessons learned'), [
    req('3.6.4.1', {
      title: t('復旧の優先順位と確認', 'Recovery priorities and checks'),
      text: t(
        '重要インフラサービスに必要なシステムから順に復旧する優先順位を定め、復旧後に侵入の痕跡が残っていないことを確認してから運用を再開すること。',
        'Operators shall set the order in which systems are restored, starting with those the service needs, and resume operation only after confirming no trace of the intrusion remains.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('侵入経路を塞がないまま復旧すると再侵入される。', 'Restoring without closing the entry point invites a second intrusion.'),
      evidence: [t('復旧手順書', 'Recovery procedure')],
    }),
    req('3.6.4.2', {
      title: t('事後の分析と再発防止', 'Post-incident review'),
      text: t(
        'インシデントの収束後、原因を分析して再発防止策を定め、対応計画、リスク評価及び教育に反映すること。',
        'After an incident, operators shall analyse the cause, decide measures against recurrence and feed them into the response plan, risk assessment and training.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('分析結果は所管省庁と共有することが望ましい。', 'Sharing the analysis with the ministry is encouraged.'),
      evidence: [t('事後分析報告', 'Post-incident report')],
    }),
  ]),
])

// ─────────────────── 3.7 事業継続と財務的レジリエンス ───────────────────
const SECTION_3_7 = group('3.7', t('事業継続と財務的レジリエンス', 'Continuity and financial resilience'), [
  group('3.7.1', t('事業影響度分析', 'Business impact analysis'), [
    // S12
    req('3.7.1.1', {
      title: t('最大許容停止時間と目標復旧時間', 'MTPD and recovery objectives'),
      text: t(
        '重要インフラサービスごとに最大許容停止時間（MTPD）を定め、目標復旧時間（RTO）をこれより短く設定するとともに、目標復旧時点（RPO）及び目標復旧レベルを定めること。',
        'For each critical-infrastructure service, operators shall set the maximum tolerable period of disruption (MTPD), an RTO shorter than it, and the recovery point and recovery level objectives.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('MTPDは、利用者への影響（人数、時間）から定めること。', 'Derive the MTPD from the impact on users, in people and time.'),
      evidence: [t('事業影響度分析書', 'Business impact analysis')],
    }),
    // S12
    req('3.7.1.2', {
      title: t('目標達成の検証と投資判断', 'Gap to the MTPD drives investment'),
      text: t(
        '重大なシナリオ（3.3.4.2）において目標復旧時間内に復旧できるかを検証し、達成できない場合は、その差を解消するために必要な対策と資源を経営層に示して判断を受けること。',
        'Operators shall check whether they can recover within the RTO in the severe scenarios (3.3.4.2) and, where they cannot, put the measures and resources needed to close the gap to senior management for decision.',
      ),
      strength: 'must',
      when: STANDARD_UP,
      guidance: t('投資の説明は投資対効果ではなく、MTPDを守るために必要な水準として行う。', 'Make the case as what keeping within the MTPD requires, not as ROI.'),
      evidence: [t('復旧能力の検証結果', 'Recovery capability assessment'), t('経営層の決定記録', 'Management decision')],
    }),
  ]),
  group('3.7.2', t('事業継続計画', 'Business continuity planning'), [
    req('3.7.2.1', {
      title: t('システム停止時の代替手段', 'Working without the systems'),
      text: t(
        '情報システムが使用できなくなった場合に重要な業務を継続するための代替手段（紙による運用等）と、その切替えの手順を定めておくこと。',
        'Operators shall define fallback means (such as paper-based operation) to continue essential work when information systems are unavailable, and how to switch to them.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('医療機関では、紙カルテ・紙伝票の様式と保管場所を定めておくこと。', 'Clinics should keep paper chart and slip forms ready and know where they are.'),
      evidence: [t('代替運用の手順書', 'Fallback procedure')],
    }),
    req('3.7.2.2', {
      title: t('サイバー攻撃を想定した事業継続計画', 'IT continuity plan for cyber attack'),
      text: t(
        `サイバー攻撃によるシステムの長期停止を想定した事業継続計画（IT-BCP）を策定し、年${ins('bcp_exercises_per_year')}回以上訓練すること。`,
        `Operators shall have a continuity plan (IT-BCP) that assumes a long outage from cyber attack and exercise it at least ${ins('bcp_exercises_per_year')} times a year.`,
      ),
      strength: 'must',
      when: STANDARD_UP,
      parameters: [
        param('bcp_exercises_per_year', t('事業継続訓練の回数（年）', 'Continuity exercises per year'), 'integer', 1, { unit: 'times/year', stricter: 'higher' }),
      ],
      guidance: t('自然災害を前提とした計画は、全拠点が同時に使用できなくなる事態を想定していないことが多い。', 'Disaster-based plans often do not assume every site failing at once.'),
      evidence: [t('IT-BCP', 'IT continuity plan'), t('訓練記録', 'Exercise records')],
    }),
    // S27
    req('3.7.2.3', {
      title: t('委託先との合同訓練', 'Joint exercises with suppliers'),
      text: t(
        '重要な委託先及びクラウド事業者と合同で復旧訓練を行い、連絡、役割分担及び復旧手順を確認すること。',
        'Operators should exercise recovery jointly with key suppliers and cloud providers, checking contacts, roles and recovery steps.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('契約に訓練への参加を定めておくこと。', 'Put participation in exercises in the contract.'),
      evidence: [t('合同訓練の記録', 'Joint exercise record')],
    }),
    req('3.7.2.4', {
      title: t('代替拠点・代替システム', 'Alternate site or system'),
      text: t(
        'MTPD内の復旧が単一の拠点又はシステムでは困難な場合は、代替拠点又は代替システムを確保すること。',
        'Where recovery within the MTPD is not achievable from a single site or system, operators should secure an alternate site or system.',
      ),
      strength: 'should',
      when: ENHANCED,
      guidance: t('代替側が同時に攻撃されない構成とすること。', 'Design the alternate so that it is not hit by the same attack.'),
      evidence: [t('代替拠点の構成と切替手順', 'Alternate site design and switch-over steps')],
    }),
  ]),
  group('3.7.3', t('財務的レジリエンス', 'Financial resilience'), [
    // S2, S3
    req('3.7.3.1', {
      title: t('財務影響の見積もりと備え', 'Estimating financial impact and preparing'),
      text: t(
        'サイバー攻撃による財務的な影響（復旧費用、収入の減少、損害賠償等）を見積もり、サイバー保険の活用を含めて財務的な備えを検討すること。',
        'Operators should estimate the financial impact of a cyber attack (recovery costs, lost revenue, liability) and consider financial preparations, including cyber insurance.',
      ),
      strength: 'should',
      when: ALWAYS,
      guidance: t('保険は想定外の事態と復旧への備えの一つの要素である。', 'Insurance is one element of preparing for the unexpected and for recovery.'),
      evidence: [t('財務影響の試算', 'Financial impact estimate'), t('保険契約の写し（加入している場合）', 'Insurance policy, if any')],
    }),
    // S4
    req('3.7.3.2', {
      title: t('停止期間中の資金繰り', 'Cash flow during the outage'),
      text: t(
        'サービス停止期間中の資金繰りを、事後の損失補填とは区別して評価し、MTPDに相当する期間の運転資金を確保できるかを確認すること。',
        'Operators should assess cash flow during an outage separately from compensation of the loss afterwards, and check that they can fund operations for a period equal to the MTPD.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('保険金の支払までに時間を要するため、保険だけでは停止中の資金繰りを賄えないことがある。', 'Insurance pays out late, so it may not fund operations during the outage.'),
      evidence: [t('資金繰りの評価', 'Liquidity assessment')],
    }),
    // S3, S4
    req('3.7.3.3', {
      title: t('保険の契約条件の把握', 'Understanding insurance terms'),
      text: t(
        'サイバー保険に加入する場合は、補償範囲、免責金額、支払限度額、待機期間及び身代金の扱いを把握し、リスク評価の想定と整合していることを確認すること。',
        'Operators with cyber insurance should understand its cover, deductible, limit, waiting period and treatment of ransom, and check they match the risk assessment.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('保険会社が指定する対応事業者や報告期限も確認すること。', 'Also check the insurer\'s panel responders and notification deadlines.'),
      evidence: [t('保険条件の整理表', 'Summary of policy terms')],
    }),
    // S5
    req('3.7.3.4', {
      title: t('保険以外の資金手当て', 'Financing beyond insurance'),
      text: t(
        '保険以外の資金手当ての手段（金融機関の融資枠、政府系金融機関の融資制度等）を把握しておくことができる。',
        'Operators may identify financing options other than insurance, such as credit lines and loans from government-affiliated lenders.',
      ),
      strength: 'may',
      when: STANDARD_UP,
      guidance: t('事業の存続を支える選択肢として、保険と並べて整理するとよい。', 'List them beside insurance as ways to keep the business alive.'),
      evidence: [t('資金手当ての選択肢一覧', 'List of financing options')],
    }),
    // S4, S5
    req('3.7.3.5', {
      title: t('資金繰り支援策の整理と周知', 'Government liquidity support'),
      text: t(
        '政府は、重大なサイバー攻撃を受けた重要インフラ事業者等が利用できる資金繰り支援策を整理し、周知することができる。',
        'The government may compile and publicise the liquidity support available to operators hit by a serious cyber attack.',
      ),
      strength: 'may',
      addressee: 'government',
      when: ALWAYS,
      guidance: t('災害時の支援制度との関係を明らかにすること。', 'Clarify the relation to disaster-relief schemes.'),
      evidence: [t('支援策の一覧', 'List of support measures')],
    }),
  ]),
])

// ───────────────────── 3.8 情報共有と官民連携 ─────────────────────
const SECTION_3_8 = group('3.8', t('情報共有と官民連携', 'Information sharing and public-private cooperation'), [
  group('3.8.1', t('組織内の情報共有', 'Sharing inside the operator'), [
    // S10
    req('3.8.1.1', {
      title: t('組織内の共有の仕組み', 'Internal sharing'),
      text: t(
        '脅威情報及びインシデント情報を、部門、拠点及びグループ会社の間で速やかに共有する仕組みを整備すること。',
        'Operators should have a way to share threat and incident information quickly across departments, sites and group companies.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('共有先ごとの責任者を定めること。', 'Name a contact for each recipient.'),
      evidence: [t('共有手順', 'Sharing procedure')],
    }),
    // S10
    req('3.8.1.2', {
      title: t('情報の取扱区分', 'Handling markings'),
      text: t(
        '共有する情報には、TLP等の取扱区分を付し、受領した情報は付された区分に従って取り扱うこと。',
        'Operators should mark shared information with TLP or similar and handle received information according to its marking.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('TLP 2.0 の区分（CLEAR、GREEN、AMBER、AMBER+STRICT、RED）を用いる。', 'Use TLP 2.0 (CLEAR, GREEN, AMBER, AMBER+STRICT, RED).'),
      evidence: [t('取扱区分の規程', 'Marking rules')],
    }),
  ]),
  group('3.8.2', t('分野内の情報共有', 'Sharing within the sector'), [
    // S10
    req('3.8.2.1', {
      title: t('注意喚起の受領と対応', 'Receiving alerts and acting on them'),
      text: t(
        '所管省庁、セプター等からの注意喚起を受領する窓口を定め、受領した注意喚起について自らへの影響を確認し、必要な措置を講ずること。',
        'Operators shall designate a point of contact for alerts from the ministry, CEPTOARs and others, check how each alert affects them and take the necessary action.',
      ),
      strength: 'must',
      when: ALWAYS,
      guidance: t('窓口のメールアドレスは個人ではなく組織のものとすること。', 'Use an organisational mailbox, not a personal one.'),
      evidence: [t('窓口の登録', 'Registered contact'), t('注意喚起への対応記録', 'Alert handling records')],
    }),
    // S10
    req('3.8.2.2', {
      title: t('セプターへの参加と情報提供', 'Taking part in the CEPTOAR'),
      text: t(
        'セプター等の分野内の情報共有の枠組みに参加し、自らが得た脅威情報や対策の知見を提供すること。',
        'Operators should join the sector\'s sharing arrangements such as the CEPTOAR and contribute the threat information and lessons they gain.',
      ),
      strength: 'should',
      when: STANDARD_UP,
      guidance: t('受け取るだけでなく提供することで、分野全体の対応力が高まる。', 'Giving as well as receiving raises the whole sector\'s capability.'),
      evidence: [t('参加・提供の実績', 'Participation and contributions')],
    }),
    // S10
    req('3.8.2.3', {
      title: t('所管省庁によるセプターの支援', 'Ministry support for the CEPTOAR'),
      text: t(
        '所管省庁は、セプターを通じた分野内の情報共有が機能するよう、その運営を支援し、国家サイバー統括室からの情報を速やかに伝達すること。',
        'Each ministry should support the running of its CEPTOAR so that sector sharing works and relay information from the NCO promptly.',
      ),
      strength: 'should',
      addressee: 'ministry',
      when: ALWAYS,
      guidance: t('小規模事業者への到達を確認すること。', 'Check that small operators are reached.'),
      evidence: [t('伝達の記録', 'Relay records')],
    }),
  ]),
  group('3.8.3', t('地域及び分野横断の情報共有', 'Regional and cross-sector sharing'), [
    // S11
    req('3.8.3.1', {
      title: t('地域の情報共有の場への参加', 'Regional sharing communities'),
      text: t(
        '地域における分野横断的な情報共有の場に参加することができる。',
        'Operators may join regional cross-sector sharing communities.',
      ),
      strength: 'may',
      when: STANDARD_UP,
      guidance: t('同じ地域の事業者は、同じ委託先や通信事業者に依存していることが多い。', 'Operators in one region often depend on the same contractors and carriers.'),
      evidence: [t('参加の記録', 'Membership record')],
    }),
    // S11
    req('3.8.3.2', {
      title: t('地域の情報共有の場の整備', 'Setting up regional communities'),
      text: t(
        '国家サイバー統括室は、関係省庁、地方公共団体及び警察等と連携し、地域単位の分野横断的な情報共有の場を整備すること。',
        'The National Cybersecurity Office should, with the ministries, local governments and the police, set up regional cross-sector sharing communities.',
      ),
      strength: 'should',
      addressee: 'government',
      when: ALWAYS,
      guidance: t('既存の地域の協議会を活用すること。', 'Build on existing regional councils.'),
      evidence: [t('設置状況', 'Communities established')],
    }),
  ]),
  group('3.8.4', t('国際的な情報共有', 'International sharing'), [
    // S10
    req('3.8.4.1', {
      title: t('国際的な情報共有への参加', 'International sharing communities'),
      text: t(
        '国際的な情報共有の枠組み（業界別のISAC等）に参加することができる。',
        'Operators may join international sharing communities such as sector ISACs.',
      ),
      strength: 'may',
      when: ENHANCED,
      guidance: t('得た情報は取扱区分に従い国内の関係者と共有すること。', 'Share what you learn at home within its markings.'),
      evidence: [t('参加の記録', 'Membership record')],
    }),
    // S10
    req('3.8.4.2', {
      title: t('同盟国・同志国との情報共有', 'Sharing with allies and like-minded countries'),
      text: t(
        '国家サイバー統括室は、同盟国・同志国の関係機関と脅威情報を共有し、その結果を所管省庁を通じて重要インフラ事業者等に還元すること。',
        'The National Cybersecurity Office should share threat information with allied and like-minded countries\' agencies and pass the results to operators through the ministries.',
      ),
      strength: 'should',
      addressee: 'government',
      when: ALWAYS,
      guidance: t('共有元の取扱区分を維持すること。', 'Preserve the originator\'s markings.'),
      evidence: [t('共有の実績', 'Sharing record')],
    }),
  ]),
])

const CHAPTER_3 = group(
  '3',
  t('重要インフラ事業者等に求められる対策（サンプル）', 'Measures required of critical-infrastructure operators (sample)'),
  [SECTION_3_1, SECTION_3_2, SECTION_3_3, SECTION_3_4, SECTION_3_5, SECTION_3_6, SECTION_3_7, SECTION_3_8],
  t(
    '本章は、安全基準等において重要インフラ事業者等に求めるべき対策を示す。（デモ用のサンプルであり、公式文書ではない。）',
    'This chapter sets out what sector standards should require of operators. (A demo sample, not the official text.)',
  ),
)

export const SAMPLE_NOTICE: LocalizedText = t(
  'この文書は、Kaname のデモンストレーションのために作成したサンプル（公式文書ではありません）です。サイバーセキュリティ戦略本部が決定した重要インフラ統一基準の本文ではなく、番号、文言及び数値は説明のための例示です。実際の遵守事項は、公式に公表された文書で確認してください。',
  'This document is a SAMPLE written for the Kaname demo, not the official text. It is not the Unified Standard decided by the Cybersecurity Strategic Headquarters; its numbers, wording and values are illustrations. Check actual obligations against the officially published documents.',
)

export interface UnifiedStandardSample {
  document: {
    key: 'unified-standard'
    kind: 'unified_standard'
    title: LocalizedText
    versionLabel: string
    status: 'published' | 'in_force' | 'draft'
    effectiveFrom: string
    notice: LocalizedText
  }
  nodes: RequirementNode[]
}

export const UNIFIED_STANDARD_SAMPLE: UnifiedStandardSample = {
  document: {
    key: 'unified-standard',
    kind: 'unified_standard',
    title: t(
      '重要インフラ統一基準 第3章 サンプル（公式文書ではありません）',
      'Unified Standard for Critical Infrastructure Cybersecurity, chapter 3 — SAMPLE (not the official text)',
    ),
    versionLabel: 'デモ用サンプル 2026',
    status: 'in_force',
    effectiveFrom: '2026-10-01',
    notice: SAMPLE_NOTICE,
  },
  nodes: flatten(CHAPTER_3, null, []),
}

/**
 * Which requirements answer which study-group point (../shared/seed/POINTS.md), for the points issue 3
 * item 9 names. The tests check that every listed id is a requirement of the sample.
 */
export type CoveredPoint = 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6' | 'S7' | 'S10' | 'S11' | 'S12' | 'S13' | 'S17' | 'S18' | 'S19' | 'S26' | 'S27'
export const COVERAGE: Record<CoveredPoint, string[]> = {
  S1: ['us-3.1.2.1', 'us-3.1.2.2', 'us-3.1.2.4', 'us-3.1.2.5'],
  S2: ['us-3.7.3.1', 'us-3.6.3.4'],
  S3: ['us-3.7.3.1', 'us-3.7.3.3'],
  S4: ['us-3.7.3.2', 'us-3.7.3.3', 'us-3.7.3.5'],
  S5: ['us-3.7.3.4', 'us-3.7.3.5'],
  S6: ['us-3.4.2.2', 'us-3.4.2.3', 'us-3.4.2.5', 'us-3.4.2.7'],
  S7: ['us-3.3.1.1', 'us-3.3.1.2', 'us-3.3.1.3', 'us-3.3.1.4', 'us-3.4.4.1', 'us-3.4.4.2', 'us-3.4.4.3', 'us-3.4.4.5', 'us-3.4.4.6', 'us-3.4.4.9'],
  S10: ['us-3.8.1.1', 'us-3.8.1.2', 'us-3.8.2.1', 'us-3.8.2.2', 'us-3.8.2.3', 'us-3.8.4.1', 'us-3.8.4.2'],
  S11: ['us-3.8.3.1', 'us-3.8.3.2'],
  S12: ['us-3.1.1.3', 'us-3.7.1.1', 'us-3.7.1.2'],
  S13: ['us-3.5.2.2', 'us-3.5.2.4', 'us-3.5.2.6'],
  S17: ['us-3.3.4.1', 'us-3.3.4.2', 'us-3.4.2.1', 'us-3.4.2.4', 'us-3.4.2.8', 'us-3.4.3.1', 'us-3.4.3.3', 'us-3.4.3.4'],
  S18: ['us-3.3.5.1', 'us-3.3.5.2', 'us-3.3.5.3'],
  S19: ['us-3.2.3.1', 'us-3.2.3.2', 'us-3.2.3.4'],
  S26: ['us-3.1.1.1', 'us-3.1.1.2', 'us-3.1.2.3', 'us-3.2.2.3', 'us-3.3.4.3', 'us-3.6.3.3'],
  S27: ['us-3.3.3.1', 'us-3.3.3.2', 'us-3.3.3.3', 'us-3.3.3.4', 'us-3.3.3.5', 'us-3.3.3.6', 'us-3.3.3.7', 'us-3.7.2.3'],
}
