import type { Relation } from './visibility.ts'
import type { Scope } from './scope.ts'
import type { Role } from './vocabulary.ts'

/**
 * Every action a route may perform. A route names exactly one; a route that names none is denied
 * (deny by default) and fails the authorization-matrix test.
 */
export const ACTIONS = [
  'public', // no sign-in needed (login, health, config)
  'session', // any signed-in caller, about itself (me, logout, switch organisation)
  'reference.read', // sectors, prefectures
  'reference.manage', // edit the sector list and its ministries (NCO)
  'org.list',
  'org.read',
  'org.create',
  'org.update',
  'org.members.read',
  'org.members.manage',
  'org.tokens.manage',
  'audit.read',
  'audit.verify',
  'org.facts.manage', // an operator's declared facts (uses cloud, operates OT, …)
  'standards.read', // documents and versions the caller may see (drafts filtered by visibility.ts)
  'standards.author', // create, import, edit drafts, publish, map, open consultation, answer comments (NCO, ministries)
  'standards.comment', // comment on a draft open for consultation
  'standards.exceptions.read',
  'standards.exceptions.request',
  'standards.exceptions.decide', // the NCO approves or rejects exceptions to the Unified Standard
  'standards.tiers.assign', // a ministry records an operator's tier (targeted: jurisdiction)
  'obligations.read', // "what applies to me" (targeted: own, or jurisdiction)
  'assessments.read', // campaigns the caller is part of (launched, asked, or over its sectors)
  'assessments.launch', // launch or close a campaign (NCO, ministries)
  'assessments.target.read', // one operator's questionnaire and status in a campaign (targeted: own, or jurisdiction)
  'assessments.answer', // edit the operator's draft answers, import its workbook (targeted: own)
  'assessments.submit', // sign off and submit (targeted: own; management roles)
  'assessments.review', // start review, return with comments, accept (targeted: jurisdiction)
  'assessments.plan', // the operator's improvement plan items (targeted: own)
  'assessments.support', // flag an item the operator cannot meet alone (targeted: own)
  'assessments.dashboard', // roll-ups, heatmap, KPIs (suppressed below 5 operators for all but the NCO)
  'assessments.evidence', // upload and list the organisation's own evidence
  'assessments.evidence.read', // download one evidence file (own, or cited by a snapshot the caller may see)
  'dependencies.read', // the provider registry and the dependency edges the caller may see (edges go with their `from` node)
  'dependencies.manage', // register providers, record dependencies (admin, CISO of the NCO, ministries and operators)
  'dependencies.analyse', // graph export, SPOF, cascade and Monte-Carlo simulation, concentration, sector risk over the visible graph
  'services.read', // CI services the caller may see (own; a ministry its sectors' operators'; the NCO all), and their export
  'services.manage', // record, change, delete and import the operator's own services (admin, CISO of an operator)
  'services.designation.read', // criteria sets and candidates (the NCO, ministries); decisions (also an operator, about itself)
  'services.designation.criteria', // define and change designation criteria sets (admins of the NCO and ministries)
  'services.designation.decide', // record designation decisions, which set the operator's tier (NCO admins; ministry admins for their jurisdiction)
  'assets.read', // network devices the caller may see (own; a ministry its sectors' operators'; the NCO all), and their export
  'assets.manage', // record, change, delete and import the operator's own devices (admin, CISO, assessor of an operator)
  'assets.exceptions.request', // request, revise and withdraw the operator's own closed-network exceptions (admin, CISO of an operator)
  'assets.exceptions.decide', // approve or reject them: the operator's management accepts its own risk, as a person (admin, CISO of an operator; the government reads)
  'assets.plans.manage', // record, change and delete the operator's own replacement plans and budgets (admin, CISO of an operator)
  'assets.overview', // per-sector counts of excepted, end-of-support and planned devices and overdue plans (NCO, ministries; suppressed below 5 operators for ministries)
  'vulnerabilities.read', // CVE records, the KEV catalog, vendor EOL lists and the import log: public reference data for every signed-in caller
  'vulnerabilities.import', // import CVE records, KEV catalogs and EOL lists (admins of the NCO)
  'vulnerabilities.exposure.read', // exposures (device ↔ CVE matches with scores), patch backlog, unpatched-for-N-years and EOL views, advisory notifications (own; a ministry its sectors' operators'; the NCO all)
  'vulnerabilities.exposure.overview', // per-sector counts of KEV-exposed and EOL devices and of advisories (NCO, ministries; suppressed below 5 operators for ministries)
  'vulnerabilities.advisories.mark', // mark the operator's own advisory notifications read (any role of an operator)
] as const
export type Action = (typeof ACTIONS)[number]

/** Actions that concern one organisation named in the request (`:id`); the others concern the acting organisation. */
export const TARGETED_ACTIONS: ReadonlySet<Action> = new Set(['org.read', 'org.update', 'org.members.read', 'org.members.manage', 'org.facts.manage', 'standards.tiers.assign', 'obligations.read',
  'assessments.target.read', 'assessments.answer', 'assessments.submit', 'assessments.review', 'assessments.plan', 'assessments.support'])

const ANY: readonly Role[] = ['admin', 'ciso', 'assessor', 'reviewer', 'viewer', 'auditor']

/** Roles allowed per action, and which relations to the target satisfy it. */
const RULES: Record<Exclude<Action, 'public' | 'session'>, { roles: readonly Role[]; relations?: readonly Relation[] }> = {
  'reference.read': { roles: ANY },
  'reference.manage': { roles: ['admin'] },
  'org.list': { roles: ANY },
  'org.read': { roles: ANY, relations: ['own', 'jurisdiction', 'visible'] },
  // Who may create which kind is checked against the body in the org service (needs the new record's sectors).
  'org.create': { roles: ['admin'] },
  'org.update': { roles: ['admin'], relations: ['own', 'jurisdiction'] },
  // Member lists hold personal data: only the organisation itself.
  'org.members.read': { roles: ['admin', 'ciso', 'auditor'], relations: ['own'] },
  'org.members.manage': { roles: ['admin'], relations: ['own'] },
  'org.tokens.manage': { roles: ['admin'] },
  'audit.read': { roles: ['admin', 'auditor'] },
  'org.facts.manage': { roles: ['admin', 'ciso'], relations: ['own'] },
  'standards.read': { roles: ANY },
  'standards.author': { roles: ['admin'] },
  'standards.comment': { roles: ['admin', 'ciso', 'assessor', 'reviewer'] },
  'standards.exceptions.read': { roles: ['admin', 'ciso', 'reviewer', 'auditor'] },
  'standards.exceptions.request': { roles: ['admin'] },
  'standards.exceptions.decide': { roles: ['admin'] },
  'standards.tiers.assign': { roles: ['admin'], relations: ['jurisdiction'] },
  'obligations.read': { roles: ANY, relations: ['own', 'jurisdiction'] },
  'audit.verify': { roles: ['admin', 'auditor'] },
  'assessments.read': { roles: ANY },
  'assessments.launch': { roles: ['admin'] },
  'assessments.target.read': { roles: ANY, relations: ['own', 'jurisdiction'] },
  'assessments.answer': { roles: ['admin', 'ciso', 'assessor'], relations: ['own'] },
  // Sign-off is management's (S26); the workflow repeats the check with the role it records.
  'assessments.submit': { roles: ['admin', 'ciso'], relations: ['own'] },
  'assessments.review': { roles: ['admin', 'reviewer'], relations: ['jurisdiction'] },
  'assessments.plan': { roles: ['admin', 'ciso', 'assessor'], relations: ['own'] },
  'assessments.support': { roles: ['admin', 'ciso', 'assessor'], relations: ['own'] },
  'assessments.dashboard': { roles: ANY },
  'assessments.evidence': { roles: ['admin', 'ciso', 'assessor'] },
  'assessments.evidence.read': { roles: ANY },
  'dependencies.read': { roles: ANY },
  // Which nodes the caller may write edges from is checked in the dependencies service (needs the node's owner).
  'dependencies.manage': { roles: ['admin', 'ciso'] },
  'dependencies.analyse': { roles: ANY },
  'services.read': { roles: ANY },
  // Which services the caller may change (its own) is checked in the services service.
  'services.manage': { roles: ['admin', 'ciso'] },
  'services.designation.read': { roles: ANY },
  'services.designation.criteria': { roles: ['admin'] },
  // Which operators and sectors (a ministry's jurisdiction) is checked in the designation service.
  'services.designation.decide': { roles: ['admin'] },
  'assets.read': { roles: ANY },
  // Which devices the caller may change (its own) is checked in the assets service.
  'assets.manage': { roles: ['admin', 'ciso', 'assessor'] },
  // Exceptions accept risk and plans commit budget: management's (S26). Which ones (its own) is checked in the services.
  'assets.exceptions.request': { roles: ['admin', 'ciso'] },
  'assets.exceptions.decide': { roles: ['admin', 'ciso'] },
  'assets.plans.manage': { roles: ['admin', 'ciso'] },
  'assets.overview': { roles: ANY },
  'vulnerabilities.read': { roles: ANY },
  'vulnerabilities.import': { roles: ['admin'] },
  // Which operators' exposures (own; a ministry its sectors'; the NCO all) is filtered in the exposure queries.
  'vulnerabilities.exposure.read': { roles: ANY },
  'vulnerabilities.exposure.overview': { roles: ANY },
  'vulnerabilities.advisories.mark': { roles: ANY },
}

export interface Decision {
  allowed: boolean
  reason: string
}

/** The one place that decides. `relation` is required for targeted actions. */
export function decide(scope: Scope | null, action: Action, relation?: Relation): Decision {
  if (action === 'public') return { allowed: true, reason: 'public' }
  if (!scope) return { allowed: false, reason: 'not signed in' }
  if (action === 'session') return { allowed: true, reason: 'own session' }
  const byRole = roleAllows(scope, action)
  if (!byRole.allowed) return byRole
  const rule = RULES[action as Exclude<Action, 'public' | 'session'>]
  if (rule.relations) {
    if (!relation) return { allowed: false, reason: `${action} needs a target` }
    if (!rule.relations.includes(relation)) return { allowed: false, reason: `${action} not allowed on this organisation` }
  }
  return { allowed: true, reason: 'rule' }
}

/**
 * The part of the decision that needs no target: checked before the body is even read, so a caller
 * without the role never reaches parsing or the database.
 */
export function roleAllows(scope: Scope | null, action: Action): Decision {
  if (action === 'public') return { allowed: true, reason: 'public' }
  if (!scope) return { allowed: false, reason: 'not signed in' }
  if (action === 'session') return { allowed: true, reason: 'own session' }
  const rule = RULES[action]
  if (!rule.roles.includes(scope.role)) return { allowed: false, reason: `role ${scope.role} may not ${action}` }
  if (action === 'org.create' && !['national_office', 'ministry'].includes(scope.organisationKind)) {
    return { allowed: false, reason: 'only the NCO and ministries create organisations' }
  }
  if (action === 'reference.manage' && scope.organisationKind !== 'national_office') {
    return { allowed: false, reason: 'the sector list is the NCO\'s' }
  }
  const governmentOnly: Action[] = ['standards.author', 'standards.exceptions.read', 'standards.exceptions.request', 'standards.tiers.assign', 'assessments.launch', 'assessments.review',
    'services.designation.criteria', 'services.designation.decide']
  if (governmentOnly.includes(action) && !['national_office', 'ministry'].includes(scope.organisationKind)) {
    return { allowed: false, reason: `only the NCO and ministries may ${action}` }
  }
  if (action === 'standards.exceptions.decide' && scope.organisationKind !== 'national_office') {
    return { allowed: false, reason: 'exceptions to the Unified Standard are decided by the NCO' }
  }
  // Sharing bodies and provider organisations own no services and register no providers (the NCO, ministries
  // and operators do), so they only read the graph.
  if (action === 'dependencies.manage' && !['national_office', 'ministry', 'operator'].includes(scope.organisationKind)) {
    return { allowed: false, reason: 'only the NCO, ministries and operators record dependencies' }
  }
  // Services are operators' own (S25): the government reads them, designates, and never edits them.
  if (action === 'services.manage' && scope.organisationKind !== 'operator') {
    return { allowed: false, reason: 'only operators record their services' }
  }
  // Devices are operators' own inventories: the government reads them and never edits them.
  if (action === 'assets.manage' && scope.organisationKind !== 'operator') {
    return { allowed: false, reason: 'only operators record their devices' }
  }
  // The operator accepts its own risk and plans its own replacements; the ministry and the NCO read them.
  if ((action === 'assets.exceptions.request' || action === 'assets.exceptions.decide' || action === 'assets.plans.manage') && scope.organisationKind !== 'operator') {
    return { allowed: false, reason: 'only operators record their exceptions and replacement plans' }
  }
  if (action === 'assets.overview' && !['national_office', 'ministry'].includes(scope.organisationKind)) {
    return { allowed: false, reason: 'the sector overview is the government\'s' }
  }
  // The national reference data every operator's exposure is computed from: the NCO keeps it.
  if (action === 'vulnerabilities.import' && scope.organisationKind !== 'national_office') {
    return { allowed: false, reason: 'only the NCO imports vulnerability data' }
  }
  // Exposure is about operators' devices: sharing bodies and provider organisations have none to see.
  if (action === 'vulnerabilities.exposure.read' && !['national_office', 'ministry', 'operator'].includes(scope.organisationKind)) {
    return { allowed: false, reason: 'only operators, their ministries and the NCO see exposures' }
  }
  if (action === 'vulnerabilities.exposure.overview' && !['national_office', 'ministry'].includes(scope.organisationKind)) {
    return { allowed: false, reason: 'the sector overview is the government\'s' }
  }
  if (action === 'vulnerabilities.advisories.mark' && scope.organisationKind !== 'operator') {
    return { allowed: false, reason: 'only operators mark their advisories read' }
  }
  // The verdict speaks of every organisation's entries, so only the NCO gets it.
  if (action === 'audit.verify' && scope.organisationKind !== 'national_office') {
    return { allowed: false, reason: 'only the NCO verifies the whole chain' }
  }
  return { allowed: true, reason: 'role' }
}

/** The NCO's admins and auditors see the whole audit chain; everyone else only their organisation's entries. */
export function seesWholeAuditLog(scope: Scope): boolean {
  return scope.organisationKind === 'national_office'
}
