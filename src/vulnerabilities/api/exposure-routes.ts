import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import {
  advisorySectors, eolDevices, exposuresFor, listAdvisories, markAdvisoryRead, patchBacklog, sectorCounts, unpatchedFor,
} from '../exposure-service.ts'

const Id = z.string().min(1).max(100)
const CveId = z.string().regex(/^CVE-\d{4}-\d{4,}$/)
const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
}
const Bool = z.enum(['true', 'false'])

/**
 * /api/v1/vulnerabilities/exposure and /advisories: the stored devices matched against the stored records
 * (recomputed after every inventory import and fanned out after every CVE/KEV import that changes something).
 * Operators read their own, ministries their sectors' operators', the NCO all; per-sector counts are the NCO's
 * and the ministries' (suppressed below 5 operators for ministries).
 */
export const exposureRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['vulnerabilities']

  app.get('/exposure', {
    config: { access: 'vulnerabilities.exposure.read' },
    schema: {
      tags, summary: 'Exposures (device ↔ CVE matches), KEV first then by score; each explained, with an approved exception shown (it lowers nothing)',
      querystring: z.strictObject({ operatorId: Id.optional(), deviceId: Id.optional(), kev: Bool.optional(), status: z.enum(['affected', 'unknown']).optional(), ...Paging }),
    },
  }, async (request) => {
    const { operatorId, deviceId, kev, status, limit, offset } = request.query
    const all = await exposuresFor(ctx, request.scope!, { operatorId, deviceId, status, kev: kev === undefined ? undefined : kev === 'true' })
    return { total: all.length, limit, offset, items: all.slice(offset, offset + limit) }
  })

  app.get('/exposure/backlog', {
    config: { access: 'vulnerabilities.exposure.read' },
    schema: { tags, summary: 'Patch backlog per operator: open matches, KEV ones, devices concerned, top score', querystring: z.strictObject({ operatorId: Id.optional() }) },
  }, async (request) => ({ items: await patchBacklog(ctx, request.scope!, request.query.operatorId) }))

  app.get('/exposure/unpatched', {
    config: { access: 'vulnerabilities.exposure.read' },
    schema: {
      tags, summary: 'Per device, the oldest exploitable vulnerability (KEV, or SSVC exploitation poc/active) it is still affected by; ?years= at least that many years known',
      querystring: z.strictObject({ years: z.coerce.number().int().min(0).max(100).default(0), operatorId: Id.optional() }),
    },
  }, async (request) => ({ items: await unpatchedFor(ctx, request.scope!, request.query.years, request.query.operatorId) }))

  app.get('/exposure/eol', {
    config: { access: 'vulnerabilities.exposure.read' },
    schema: { tags, summary: 'Devices past end of support, by the inventory\'s date or a vendor EOL list entry', querystring: z.strictObject({ operatorId: Id.optional() }) },
  }, async (request) => ({ items: await eolDevices(ctx, request.scope!, request.query.operatorId) }))

  app.get('/exposure/sectors', {
    config: { access: 'vulnerabilities.exposure.overview' },
    schema: { tags, summary: 'Per sector: KEV-exposed devices, EOL devices, operators exposed (suppressed below 5 operators for ministries)' },
  }, async (request) => ({ items: await sectorCounts(ctx, request.scope!) }))

  app.get('/advisories', {
    config: { access: 'vulnerabilities.exposure.read' },
    schema: {
      tags, summary: 'Advisory notifications: a newly imported or changed CVE/KEV entry affects devices of an operator; newest first',
      querystring: z.strictObject({ operatorId: Id.optional(), unread: Bool.optional(), ...Paging }),
    },
  }, async (request) => {
    const { operatorId, unread, limit, offset } = request.query
    return listAdvisories(ctx, request.scope!, { operatorId, unread: unread === 'true' }, { limit, offset })
  })

  app.get('/advisories/sectors', {
    config: { access: 'vulnerabilities.exposure.overview' },
    schema: { tags, summary: 'Per CVE and sector: operators notified and devices (suppressed below 5 operators for ministries)', querystring: z.strictObject({ cveId: CveId.optional() }) },
  }, async (request) => ({ items: await advisorySectors(ctx, request.scope!, request.query.cveId) }))

  app.post('/advisories/:advisoryId/read', {
    config: { access: 'vulnerabilities.advisories.mark' },
    schema: { tags, summary: 'Mark one of the operator\'s advisory notifications read (audited)', params: z.strictObject({ advisoryId: Id }) },
  }, async (request) => markAdvisoryRead(ctx, request.scope!, request.params.advisoryId))
}
