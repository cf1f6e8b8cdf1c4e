/** Small constructors shared by the sample content modules, so the data reads as data. */
import type { Addressee, Condition, LocalizedText, Parameter, RequirementNode, Strength } from '../domain/model.ts'

export function t(ja: string, en: string): LocalizedText {
  return { ja, en }
}

export const EMPTY: LocalizedText = { ja: '', en: '' }

export function param(
  id: string,
  label: LocalizedText,
  type: Parameter['type'],
  value: Parameter['value'],
  options: { unit?: string; stricter?: 'lower' | 'higher' } = {},
): Parameter {
  return { id, label, type, value, ...options }
}

/** The OSCAL placeholder for a parameter inside a requirement's text (see params.ts). */
export const ins = (id: string): string => `{{ insert: param, ${id} }}`

export function groupNode(id: string, parentId: string | null, number: string, title: LocalizedText, text: LocalizedText = EMPTY): RequirementNode {
  return {
    id,
    parentId,
    number,
    kind: 'group',
    title,
    text,
    strength: null,
    addressee: null,
    parameters: [],
    applicability: { kind: 'always' },
    guidance: EMPTY,
    evidence: [],
  }
}

export function requirementNode(
  id: string,
  parentId: string | null,
  number: string,
  spec: {
    title: LocalizedText
    text: LocalizedText
    strength: Strength
    addressee?: Addressee
    when?: Condition
    guidance: LocalizedText
    evidence: LocalizedText[]
    parameters?: Parameter[]
    plain?: LocalizedText
  },
): RequirementNode {
  const node: RequirementNode = {
    id,
    parentId,
    number,
    kind: 'requirement',
    title: spec.title,
    text: spec.text,
    strength: spec.strength,
    addressee: spec.addressee ?? 'operator',
    parameters: spec.parameters ?? [],
    applicability: spec.when ?? { kind: 'always' },
    guidance: spec.guidance,
    evidence: spec.evidence,
  }
  if (spec.plain !== undefined) node.plain = spec.plain
  return node
}
