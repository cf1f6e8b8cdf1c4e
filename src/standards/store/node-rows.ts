import type { RequirementNodeTable } from '../../platform/db/schema.ts'
import type { Addressee, Condition, Parameter, RequirementNode, Strength } from '../domain/model.ts'

/** Requirement nodes ↔ rows. Structured fields are JSON text so both engines store them the same way. */
export function nodeToRow(versionId: string, node: RequirementNode, position: number): RequirementNodeTable {
  return {
    version_id: versionId,
    node_id: node.id,
    position,
    parent_id: node.parentId,
    number: node.number,
    kind: node.kind,
    title_ja: node.title.ja,
    title_en: node.title.en,
    text_ja: node.text.ja,
    text_en: node.text.en,
    strength: node.strength,
    addressee: node.addressee,
    parameters: JSON.stringify(node.parameters),
    applicability: JSON.stringify(node.applicability),
    guidance_ja: node.guidance.ja,
    guidance_en: node.guidance.en,
    evidence: JSON.stringify(node.evidence),
    plain_ja: node.plain?.ja ?? null,
    plain_en: node.plain?.en ?? null,
    withdrawn: node.withdrawn ? 1 : 0,
  }
}

export function rowToNode(row: RequirementNodeTable): RequirementNode {
  const node: RequirementNode = {
    id: row.node_id,
    parentId: row.parent_id,
    number: row.number,
    kind: row.kind === 'group' ? 'group' : 'requirement',
    title: { ja: row.title_ja, en: row.title_en },
    text: { ja: row.text_ja, en: row.text_en },
    strength: row.strength as Strength | null,
    addressee: row.addressee as Addressee | null,
    parameters: JSON.parse(row.parameters) as Parameter[],
    applicability: JSON.parse(row.applicability) as Condition,
    guidance: { ja: row.guidance_ja, en: row.guidance_en },
    evidence: JSON.parse(row.evidence) as RequirementNode['evidence'],
  }
  if (row.plain_ja !== null || row.plain_en !== null) node.plain = { ja: row.plain_ja ?? '', en: row.plain_en ?? '' }
  if (row.withdrawn) node.withdrawn = true
  return node
}
