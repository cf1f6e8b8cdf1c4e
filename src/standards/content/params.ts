/**
 * Requirement texts in the sample content embed their parameters the OSCAL way, `{{ insert: param, <id> }}`,
 * so that a profile's set-parameter (e.g. the national medical tier's 90-day restore test) changes what the
 * operator reads without rewriting the sentence, and so OSCAL export/import keeps the placeholder as is.
 */
import type { Parameter } from '../domain/model.ts'

export const PARAM_PLACEHOLDER = /\{\{\s*insert:\s*param,\s*([A-Za-z0-9_.-]+)\s*\}\}/g

/** The parameter ids a text refers to, in order of appearance. */
export function referencedParameterIds(text: string): string[] {
  return [...text.matchAll(PARAM_PLACEHOLDER)].map((match) => match[1] ?? '')
}

/** Replaces each placeholder with the parameter's value; an unknown id or a null value stays visible as [id]. */
export function substituteParameters(text: string, parameters: readonly Parameter[]): string {
  return text.replace(PARAM_PLACEHOLDER, (_whole, id: string) => {
    const parameter = parameters.find((candidate) => candidate.id === id)
    if (parameter === undefined || parameter.value === null) return `[${id}]`
    if (typeof parameter.value === 'boolean') return parameter.value ? 'true' : 'false'
    return String(parameter.value)
  })
}
