/**
 * Invariants of the sample content: structure and numbering, bilingual text, parameters, tier sizes, the
 * "never silently weaker" rule for profiles, crosswalk targets against NIST's real CSF 2.0 catalog, and the
 * coverage of the study-group points issue 3 item 9 lists. The applicability evaluator and the weakening
 * check are written here from first principles on purpose: they must not share code with the resolver
 * they will later be compared with.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAPPING_RELATIONSHIPS, type Condition, type Parameter, type ProfileSpec, type RequirementNode, type TierLevel } from '../domain/model.ts'
import { CROSSWALKS, CSF_CROSSWALK, SOURCE_CROSSWALK } from './crosswalks.ts'
import { GUIDELINES_AND_LAWS } from './guidelines-and-laws.ts'
import { referencedParameterIds, substituteParameters } from './params.ts'
import { SECTOR_PROFILES } from './sector-profiles.ts'
import { COVERAGE, UNIFIED_STANDARD_SAMPLE } from './unified-standard-sample.ts'

const US = UNIFIED_STANDARD_SAMPLE.nodes
const usById = new Map(US.map((node) => [node.id, node]))
const requirements = US.filter((node) => node.kind === 'requirement')
const operatorRequirements = requirements.filter((node) => node.addressee === 'operator')

// ── a small, independent applicability evaluator ──
interface Operator {
  sector: string
  level: TierLevel
  facts: Set<string>
  flags: Set<string>
}
const ALL_FACTS = ['operates_ot', 'uses_cloud', 'handles_personal_data', 'internet_facing_systems']
const ALL_FLAGS = ['esDesignated', 'acdDesignated']

function holds(condition: Condition, operator: Operator): boolean {
  switch (condition.kind) {
    case 'always':
      return true
    case 'sector':
      return condition.sectors.includes(operator.sector)
    case 'tier_level':
      return condition.levels.includes(operator.level)
    case 'flag':
      return operator.flags.has(condition.flag)
    case 'fact':
      return operator.facts.has(condition.fact)
    case 'all':
      return condition.of.every((inner) => holds(inner, operator))
    case 'any':
      return condition.of.some((inner) => holds(inner, operator))
    case 'not':
      return !holds(condition.of, operator)
  }
}

function operator(level: TierLevel, facts: string[] = [], flags: string[] = [], sector = 'medical'): Operator {
  return { sector, level, facts: new Set(facts), flags: new Set(flags) }
}

function applicable(nodes: RequirementNode[], who: Operator): RequirementNode[] {
  return nodes.filter((node) => node.kind === 'requirement' && node.addressee === 'operator' && !node.withdrawn && holds(node.applicability, who))
}

// ── the weakening rule, from first principles ──
const rank = { must: 3, should: 2, may: 1 } as const

function parameterOwner(paramId: string): { node: RequirementNode; parameter: Parameter } | undefined {
  for (const node of US) {
    const parameter = node.parameters.find((candidate) => candidate.id === paramId)
    if (parameter !== undefined) return { node, parameter }
  }
  return undefined
}

function numeric(value: Parameter['value'] | string | number | boolean): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') return value
  return null
}

/** Every way `spec` makes a `must` of the Unified Standard sample looser; empty when it is not weaker. */
function weakenings(spec: ProfileSpec): string[] {
  const found: string[] = []
  for (const imported of spec.imports) {
    const included = (node: RequirementNode): boolean =>
      imported.include === 'all' ||
      imported.include.ids.includes(node.id) ||
      (imported.include.withChildren && node.parentId !== null && imported.include.ids.some((id) => isAncestor(id, node)))
    for (const node of requirements) {
      if (node.strength !== 'must') continue
      if (!included(node) || imported.exclude.includes(node.id)) found.push(`${node.id} dropped`)
    }
  }
  for (const alter of spec.alters) {
    const node = usById.get(alter.nodeId)
    if (node?.strength === 'must' && alter.strength !== undefined && rank[alter.strength] < rank.must) found.push(`${node.id} strength lowered`)
  }
  for (const setting of spec.setParameters) {
    const owner = parameterOwner(setting.paramId)
    if (owner === undefined || owner.node.strength !== 'must' || owner.parameter.stricter === undefined) continue
    const before = numeric(owner.parameter.value)
    const after = numeric(setting.value)
    if (before === null || after === null) continue
    if (owner.parameter.stricter === 'lower' ? after > before : after < before) found.push(`${setting.paramId} loosened`)
  }
  return found
}

function isAncestor(ancestorId: string, node: RequirementNode): boolean {
  let parentId = node.parentId
  while (parentId !== null) {
    if (parentId === ancestorId) return true
    parentId = usById.get(parentId)?.parentId ?? null
  }
  return false
}

function depth(number: string): number {
  return number.split('.').length
}

describe('Unified Standard sample: structure', () => {
  it('has unique ids, existing parents and requirements only at the leaves', () => {
    expect(new Set(US.map((node) => node.id)).size).toBe(US.length)
    for (const node of US) {
      if (node.parentId === null) continue
      const parent = usById.get(node.parentId)
      expect(parent, `${node.id} → ${node.parentId}`).toBeDefined()
      expect(parent?.kind, `${node.id}'s parent must be a group`).toBe('group')
    }
    const parents = new Set(US.map((node) => node.parentId))
    for (const node of requirements) expect(parents.has(node.id), `${node.id} has children`).toBe(false)
  })

  it('numbers every node in chapter 3 style: its parent\'s number plus its position, up to four levels', () => {
    const roots = US.filter((node) => node.parentId === null)
    expect(roots.map((node) => node.number)).toEqual(['3'])
    for (const node of US) {
      expect(node.number).toMatch(/^3(\.[1-9]\d*){0,3}$/)
      expect(node.id).toBe(`us-${node.number}`)
      expect(node.kind).toBe(depth(node.number) === 4 ? 'requirement' : 'group')
      const siblings = US.filter((other) => other.parentId === node.parentId)
      if (node.parentId !== null) {
        const parent = usById.get(node.parentId)!
        expect(node.number).toBe(`${parent.number}.${siblings.indexOf(node) + 1}`)
      }
    }
    expect(usById.get('us-3.4.3.3')?.parentId).toBe('us-3.4.3')
  })

  it('has between 100 and 130 requirements', () => {
    expect(requirements.length).toBeGreaterThanOrEqual(100)
    expect(requirements.length).toBeLessThanOrEqual(130)
  })

  it('says in its title and notice that it is a sample, not the official text', () => {
    const { title, notice } = UNIFIED_STANDARD_SAMPLE.document
    for (const text of [title.ja, notice.ja]) expect(text).toContain('サンプル（公式文書ではありません）')
    for (const text of [title.en, notice.en]) expect(text).toMatch(/SAMPLE/)
    for (const standard of SECTOR_PROFILES) expect(standard.title.ja).toContain('サンプル（公式文書ではありません）')
    for (const document of GUIDELINES_AND_LAWS) {
      expect(document.title.ja).toContain('サンプル（公式文書ではありません）')
      expect(document.notice.ja).toContain('サンプル（公式文書ではありません）')
    }
  })
})

describe('Unified Standard sample: requirement content', () => {
  it('gives every requirement Japanese and English title, text and guidance, a strength, an addressee and 1–3 pieces of evidence', () => {
    for (const node of requirements) {
      for (const text of [node.title, node.text, node.guidance]) {
        expect(text.ja.trim(), node.id).not.toBe('')
        expect(text.en.trim(), node.id).not.toBe('')
      }
      expect(node.strength, node.id).not.toBeNull()
      expect(node.addressee, node.id).not.toBeNull()
      expect(node.evidence.length, node.id).toBeGreaterThanOrEqual(1)
      expect(node.evidence.length, node.id).toBeLessThanOrEqual(3)
      for (const item of node.evidence) expect(item.ja !== '' && item.en !== '', node.id).toBe(true)
    }
    for (const node of US.filter((candidate) => candidate.kind === 'group')) {
      expect(node.strength).toBeNull()
      expect(node.addressee).toBeNull()
    }
  })

  it('words each requirement in the register of its strength, in both languages', () => {
    for (const node of requirements) {
      if (node.strength === 'may') {
        expect(node.text.ja, node.id).toMatch(/できる。$/)
        expect(node.text.en, node.id).toMatch(/\bmay\b/)
      } else {
        expect(node.text.ja, node.id).toMatch(/こと。$/)
        expect(node.text.en, node.id).toMatch(node.strength === 'must' ? /\bshall\b/ : /\bshould\b/)
      }
    }
  })

  it('is mostly must and should, mostly addressed to operators, with a few duties for ministries and the government', () => {
    const count = (predicate: (node: RequirementNode) => boolean): number => requirements.filter(predicate).length
    expect(count((node) => node.strength === 'must') + count((node) => node.strength === 'should')).toBeGreaterThan(0.9 * requirements.length)
    expect(count((node) => node.strength === 'may')).toBeGreaterThan(0)
    expect(operatorRequirements.length).toBeGreaterThan(0.85 * requirements.length)
    expect(count((node) => node.addressee === 'ministry')).toBeGreaterThan(0)
    expect(count((node) => node.addressee === 'government')).toBeGreaterThan(0)
  })

  it('keeps parameter ids unique and every numeric parameter visible in both texts of its requirement', () => {
    const ids = US.flatMap((node) => node.parameters.map((parameter) => parameter.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBeGreaterThanOrEqual(10)
    for (const node of US) {
      const own = new Set(node.parameters.map((parameter) => parameter.id))
      for (const text of [node.text.ja, node.text.en]) {
        for (const id of referencedParameterIds(text)) expect(own.has(id), `${node.id} refers to ${id}`).toBe(true)
      }
      for (const parameter of node.parameters) {
        if (parameter.type === 'boolean') continue
        expect(referencedParameterIds(node.text.ja), node.id).toContain(parameter.id)
        expect(referencedParameterIds(node.text.en), node.id).toContain(parameter.id)
      }
    }
    const restore = usById.get('us-3.4.3.3')!
    expect(substituteParameters(restore.text.ja, restore.parameters)).toContain('365日以内ごと')
  })

  it('has the parameters the issue names, each with the direction that tightens it', () => {
    const expectations: [string, 'lower' | 'higher'][] = [
      ['restore_test_interval_days', 'lower'],
      ['log_retention_days', 'higher'],
      ['kev_patch_deadline_days', 'lower'],
      ['ciso_board_reports_per_year', 'higher'],
      ['mfa_required_for_remote_access', 'higher'],
    ]
    for (const [id, stricter] of expectations) expect(parameterOwner(id)?.parameter.stricter, id).toBe(stricter)
    expect(parameterOwner('restore_test_interval_days')?.node.id).toBe('us-3.4.3.3')
  })
})

describe('tier design', () => {
  it('gives a small operator with no facts and no flags a short essential set of 18–26 items, 3.4.3.3 among them', () => {
    const baseline = applicable(US, operator('baseline'))
    expect(baseline.length).toBeGreaterThanOrEqual(18)
    expect(baseline.length).toBeLessThanOrEqual(26)
    expect(baseline.map((node) => node.id)).toContain('us-3.4.3.3')
    expect(baseline.every((node) => node.strength === 'must' || node.strength === 'should')).toBe(true)
  })

  it('gives a standard operator most items and an enhanced operator with every fact and flag all operator items', () => {
    const standard = applicable(US, operator('standard'))
    expect(standard.length).toBeGreaterThan(operatorRequirements.length / 2)
    const enhancedEverything = applicable(US, operator('enhanced', ALL_FACTS, ALL_FLAGS))
    expect(enhancedEverything.length).toBe(operatorRequirements.length)
    expect(applicable(US, operator('enhanced')).length).toBeLessThan(operatorRequirements.length)
    expect(applicable(US, operator('standard', ALL_FACTS)).length).toBeLessThan(enhancedEverything.length)
  })

  it('puts the 2025 act\'s duties behind the acdDesignated flag', () => {
    const without = new Set(applicable(US, operator('enhanced', ALL_FACTS)).map((node) => node.id))
    const withFlag = applicable(US, operator('enhanced', ALL_FACTS, ['acdDesignated'])).filter((node) => !without.has(node.id))
    expect(withFlag.map((node) => node.id).sort()).toEqual(['us-3.3.1.7', 'us-3.6.2.3'])
  })
})

describe('sector profiles', () => {
  const medical = SECTOR_PROFILES.find((standard) => standard.sectorId === 'medical')!
  const finance = SECTOR_PROFILES.find((standard) => standard.sectorId === 'finance')!
  const profile = (standard: typeof medical, tierKey: string) => standard.profiles.find((candidate) => candidate.tierKey === tierKey)!

  it('declares the tiers and levels the issue asks for, one profile per tier', () => {
    expect(medical.ownerKey).toBe('mhlw')
    expect(finance.ownerKey).toBe('fsa')
    const levels = (standard: typeof medical) => Object.fromEntries(standard.tiers.map((tier) => [tier.key, tier.level]))
    expect(levels(medical)).toEqual({ 'medical-small': 'baseline', 'medical-national': 'enhanced' })
    expect(levels(finance)).toEqual({ 'finance-major': 'enhanced', 'finance-regional': 'standard' })
    for (const standard of SECTOR_PROFILES) {
      expect(standard.profiles.map((candidate) => candidate.tierKey).sort()).toEqual(standard.tiers.map((tier) => tier.key).sort())
      for (const tier of standard.tiers) expect(tier.criteria.ja !== '' && tier.criteria.en !== '' && tier.name.ja !== '').toBe(true)
    }
  })

  it('refers only to nodes and parameters that exist in the Unified Standard, and adds nodes with their own ids', () => {
    for (const standard of SECTOR_PROFILES) {
      for (const { spec, nodes, tierKey } of standard.profiles) {
        for (const imported of spec.imports) {
          expect(imported.versionId).toBe('unified-standard')
          if (imported.include !== 'all') for (const id of imported.include.ids) expect(usById.has(id), `${tierKey} include ${id}`).toBe(true)
          for (const id of imported.exclude) expect(usById.has(id), `${tierKey} exclude ${id}`).toBe(true)
        }
        for (const alter of spec.alters) expect(usById.get(alter.nodeId)?.kind, `${tierKey} alter ${alter.nodeId}`).toBe('requirement')
        for (const setting of spec.setParameters) expect(parameterOwner(setting.paramId), `${tierKey} ${setting.paramId}`).toBeDefined()
        const ids = nodes.map((node) => node.id)
        expect(new Set(ids).size).toBe(ids.length)
        for (const node of nodes) {
          expect(node.id, tierKey).toMatch(standard.sectorId === 'medical' ? /^med-/ : /^fin-/)
          expect(usById.has(node.id)).toBe(false)
          if (node.parentId !== null) expect(ids, `${node.id}'s parent`).toContain(node.parentId)
          if (node.kind === 'requirement') {
            expect(node.title.ja && node.title.en && node.text.ja && node.text.en && node.guidance.ja, node.id).toBeTruthy()
            expect(node.strength).not.toBeNull()
          }
        }
      }
    }
  })

  it('never drops a must, lowers its strength or loosens its parameters', () => {
    for (const standard of SECTOR_PROFILES) {
      for (const { spec, tierKey } of standard.profiles) expect(weakenings(spec), tierKey).toEqual([])
    }
  })

  it('catches each kind of weakening when one is made (the check can fail)', () => {
    const weak: ProfileSpec = {
      imports: [{ versionId: 'unified-standard', include: 'all', exclude: ['us-3.4.3.1', 'us-3.7.3.1'] }],
      setParameters: [
        { paramId: 'restore_test_interval_days', value: 400 },
        { paramId: 'log_retention_min_days', value: 30 },
        { paramId: 'mfa_required_for_remote_access', value: false },
        { paramId: 'log_retention_days', value: 30 },
      ],
      alters: [{ nodeId: 'us-3.4.3.3', strength: 'should' }, { nodeId: 'us-3.7.3.1', strength: 'may' }],
    }
    // 3.7.3.1 and log_retention_days belong to `should` items: a ministry may relax those without an exception.
    expect(weakenings(weak).sort()).toEqual(
      ['us-3.4.3.1 dropped', 'restore_test_interval_days loosened', 'log_retention_min_days loosened', 'mfa_required_for_remote_access loosened', 'us-3.4.3.3 strength lowered'].sort(),
    )
    const partial: ProfileSpec = { imports: [{ versionId: 'unified-standard', include: { ids: ['us-3.4'], withChildren: true }, exclude: [] }], setParameters: [], alters: [] }
    const dropped = weakenings(partial)
    expect(dropped).toContain('us-3.1.2.1 dropped')
    expect(dropped).not.toContain('us-3.4.3.3 dropped')
  })

  it('flags any move of a must parameter against its stricter direction, and no move with it', () => {
    const musts = US.flatMap((node) =>
      node.strength === 'must' ? node.parameters.filter((parameter) => parameter.type === 'integer' && parameter.stricter !== undefined) : [],
    )
    fc.assert(
      fc.property(fc.constantFrom(...musts), fc.integer({ min: 1, max: 1000 }), (parameter, delta) => {
        const value = parameter.value as number
        const looser = parameter.stricter === 'lower' ? value + delta : value - delta
        const tighter = parameter.stricter === 'lower' ? value - delta : value + delta
        const spec = (to: number): ProfileSpec => ({
          imports: [{ versionId: 'unified-standard', include: 'all', exclude: [] }],
          setParameters: [{ paramId: parameter.id, value: to }],
          alters: [],
        })
        expect(weakenings(spec(looser))).toEqual([`${parameter.id} loosened`])
        expect(weakenings(spec(tighter))).toEqual([])
      }),
    )
  })

  it('keeps a small clinic\'s list at 30 items or fewer, guideline items merged, and words each item as a plain yes/no question', () => {
    const small = profile(medical, 'medical-small')
    const smallOwn = small.nodes.filter((node) => node.kind === 'requirement')
    const guideline = GUIDELINES_AND_LAWS.find((document) => document.key === 'medical-guideline')!
    for (const facts of [[], ALL_FACTS]) {
      const clinic = operator('baseline', facts)
      const fromUnified = applicable(US, clinic)
      const covered = new Set(fromUnified.map((node) => node.id))
      // A guideline item that is equivalent to or a subset of an item already on the list adds nothing.
      const unmergedGuideline = applicable(guideline.nodes, clinic).filter(
        (node) =>
          !SOURCE_CROSSWALK.some(
            (mapping) =>
              mapping.sourceVersionId === 'medical-guideline' &&
              mapping.sourceNodeId === node.id &&
              (mapping.relationship === 'equivalent-to' || mapping.relationship === 'subset-of') &&
              covered.has(mapping.targetNodeId),
          ),
      )
      expect(unmergedGuideline.map((node) => node.id), `facts: ${facts.join(',')}`).toEqual([])
      expect(fromUnified.length + applicable(smallOwn, clinic).length, `facts: ${facts.join(',')}`).toBeLessThanOrEqual(30)
    }
    const plainFor = new Map(small.spec.alters.filter((alter) => alter.plain !== undefined).map((alter) => [alter.nodeId, alter.plain!]))
    for (const node of applicable(US, operator('baseline', ALL_FACTS))) {
      const plain = plainFor.get(node.id)
      expect(plain, `plain wording for ${node.id}`).toBeDefined()
      expect(plain!.ja, node.id).toMatch(/か？(（.*）)?$/)
      expect(plain!.en, node.id).toMatch(/\?/)
      for (const id of referencedParameterIds(plain!.ja + plain!.en)) expect(node.parameters.map((parameter) => parameter.id), node.id).toContain(id)
    }
    for (const node of smallOwn) expect(node.plain?.ja, node.id).toMatch(/か？/)
  })

  it('gives the national medical tier the full set plus 4–8 medical items and stricter parameters', () => {
    const national = profile(medical, 'medical-national')
    expect(national.spec.imports[0]?.include).toBe('all')
    expect(national.spec.imports[0]?.exclude).toEqual([])
    const extra = national.nodes.filter((node) => node.kind === 'requirement')
    expect(extra.length).toBeGreaterThanOrEqual(4)
    expect(extra.length).toBeLessThanOrEqual(8)
    const restore = national.spec.setParameters.find((setting) => setting.paramId === 'restore_test_interval_days')
    expect(restore?.value).toBeLessThan(parameterOwner('restore_test_interval_days')!.parameter.value as number)
  })

  it('maps the finance items to the FSA guideline\'s headings, with TLPT for major institutions', () => {
    const headings = /基本的な対応事項|対応が望ましい事項/
    for (const { spec, nodes } of finance.profiles) {
      const cited = spec.alters.filter((alter) => alter.addGuidance !== undefined && headings.test(alter.addGuidance.ja))
      expect(cited.length).toBeGreaterThanOrEqual(10)
      for (const node of nodes.filter((candidate) => candidate.kind === 'requirement')) expect(node.guidance.ja, node.id).toMatch(/ガイドライン|金融庁/)
    }
    const major = profile(finance, 'finance-major')
    expect(major.nodes.some((node) => node.title.ja.includes('TLPT'))).toBe(true)
    expect(profile(finance, 'finance-regional').nodes.some((node) => node.title.ja.includes('TLPT'))).toBe(false)
  })
})

describe('guidelines and laws', () => {
  it('are well-formed sample documents of the right kinds', () => {
    expect(GUIDELINES_AND_LAWS.map((document) => document.kind).sort()).toEqual(['guideline', 'law', 'law'])
    const guideline = GUIDELINES_AND_LAWS.find((document) => document.kind === 'guideline')!
    expect(guideline.sectorId).toBe('medical')
    const guidelineRequirements = guideline.nodes.filter((node) => node.kind === 'requirement')
    expect(guideline.nodes.length).toBeGreaterThanOrEqual(10)
    expect(guideline.nodes.length).toBeLessThanOrEqual(20)
    for (const document of GUIDELINES_AND_LAWS) {
      const ids = document.nodes.map((node) => node.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const node of document.nodes) {
        if (node.parentId !== null) expect(ids).toContain(node.parentId)
        if (node.kind === 'requirement') expect(node.title.ja && node.title.en && node.text.ja && node.text.en && node.strength && node.addressee, node.id).toBeTruthy()
      }
    }
    expect(guidelineRequirements.every((node) => holds(node.applicability, operator('baseline')))).toBe(true)
    const acd = GUIDELINES_AND_LAWS.find((document) => document.key === 'law-acd')!
    for (const node of acd.nodes.filter((candidate) => candidate.kind === 'requirement')) {
      expect(holds(node.applicability, operator('enhanced', ALL_FACTS, ['esDesignated']))).toBe(false)
      expect(holds(node.applicability, operator('baseline', [], ['acdDesignated']))).toBe(true)
    }
  })
})

describe('crosswalks', () => {
  const catalog = JSON.parse(readFileSync(new URL('../../../../shared/data/nist-oscal-csf-2.0/NIST_CSF_v2.0_catalog.json', import.meta.url), 'utf8')) as {
    catalog: { groups: { controls?: CsfControl[] }[] }
  }
  interface CsfControl {
    id: string
    class: string
    props?: { name: string; value: string }[]
    controls?: CsfControl[]
  }
  const csf = new Map<string, CsfControl>()
  const walk = (controls: CsfControl[] = []): void => {
    for (const control of controls) {
      csf.set(control.id, control)
      walk(control.controls)
    }
  }
  for (const group of catalog.catalog.groups) walk(group.controls)

  it('targets only active CSF 2.0 subcategories that exist in NIST\'s catalog', () => {
    expect(csf.size).toBeGreaterThan(100)
    for (const mapping of CSF_CROSSWALK) {
      const control = csf.get(mapping.targetNodeId)
      expect(control, mapping.targetNodeId).toBeDefined()
      expect(control?.class, mapping.targetNodeId).toBe('subcategory')
      expect(control?.props?.some((prop) => prop.name === 'status' && prop.value === 'withdrawn'), `${mapping.targetNodeId} is withdrawn`).toBe(false)
    }
  })

  it('maps every operator requirement of the Unified Standard to at least one CSF subcategory', () => {
    const mapped = new Set(CSF_CROSSWALK.map((mapping) => mapping.sourceNodeId))
    const unmapped = operatorRequirements.filter((node) => !mapped.has(node.id)).map((node) => node.id)
    expect(unmapped).toEqual([])
  })

  it('has existing sources and targets, known relationships, a rationale and no duplicate pairs', () => {
    const documents = new Map<string, Set<string>>([
      ['unified-standard', new Set(requirements.map((node) => node.id))],
      ...GUIDELINES_AND_LAWS.map((document): [string, Set<string>] => [document.key, new Set(document.nodes.filter((node) => node.kind === 'requirement').map((node) => node.id))]),
    ])
    const pairs = new Set<string>()
    for (const mapping of CROSSWALKS) {
      expect(documents.get(mapping.sourceVersionId)?.has(mapping.sourceNodeId), `${mapping.sourceVersionId}/${mapping.sourceNodeId}`).toBe(true)
      if (mapping.targetVersionId !== 'nist-csf-2.0') expect(documents.get(mapping.targetVersionId)?.has(mapping.targetNodeId), mapping.targetNodeId).toBe(true)
      expect(MAPPING_RELATIONSHIPS).toContain(mapping.relationship)
      expect(mapping.rationale).toMatch(/。$/)
      const pair = `${mapping.sourceVersionId}/${mapping.sourceNodeId}→${mapping.targetVersionId}/${mapping.targetNodeId}`
      expect(pairs.has(pair), pair).toBe(false)
      pairs.add(pair)
    }
  })

  it('lets the law duties merge with the Unified Standard items that restate them', () => {
    const merged = (sourceNodeId: string): string[] =>
      SOURCE_CROSSWALK.filter((mapping) => mapping.sourceNodeId === sourceNodeId && mapping.relationship !== 'intersects-with').map((mapping) => mapping.targetNodeId)
    expect(merged('acd-1.1')).toEqual(['us-3.3.1.7'])
    expect(merged('acd-1.2')).toEqual(['us-3.6.2.3'])
    expect(merged('mg-3.5')).toEqual(['us-3.4.3.3'])
  })
})

describe('coverage of the study-group points (issue 3, item 9)', () => {
  const source = readFileSync(new URL('./unified-standard-sample.ts', import.meta.url), 'utf8')
  const points = ['S1', 'S26', 'S12', 'S17', 'S18', 'S7', 'S6', 'S13', 'S10', 'S11', 'S27', 'S19', 'S2', 'S3', 'S4', 'S5'] as const

  it('names requirements for every point, and each is cited in a comment of the data', () => {
    for (const point of points) {
      const ids = COVERAGE[point]
      expect(ids.length, point).toBeGreaterThan(0)
      for (const id of ids) expect(usById.get(id)?.kind, `${point}: ${id}`).toBe('requirement')
      expect(source, point).toMatch(new RegExp(`//[^\\n]*\\b${point}\\b`))
    }
  })

  it('includes the specific items the issue singles out', () => {
    const textOf = (id: string): string => `${usById.get(id)?.title.ja} ${usById.get(id)?.text.ja}`
    expect(textOf('us-3.4.3.3')).toMatch(/オフライン|切り離/)
    expect(textOf('us-3.4.3.3')).toMatch(/復元テスト/)
    expect(textOf('us-3.4.2.2')).toMatch(/閉域網/)
    expect(textOf('us-3.4.2.2')).toMatch(/独自のプロトコル/)
    expect(COVERAGE.S13.some((id) => /AI/.test(textOf(id)))).toBe(true)
    expect(COVERAGE.S12.some((id) => /最大許容停止時間/.test(textOf(id)))).toBe(true)
    expect(COVERAGE.S4.some((id) => /資金繰り/.test(textOf(id)))).toBe(true)
    expect(requirements.some((node) => /予兆/.test(node.text.ja) && node.addressee === 'operator')).toBe(true)
  })
})
