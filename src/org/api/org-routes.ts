import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { forbidden, notFound } from '../../platform/errors.ts'
import { OPERATOR_FACTS } from '../../standards/domain/governance.ts'
import { setFacts } from '../../standards/standards-service.ts'
import { createUser } from '../../auth/auth-service.ts'
import { listOrganisations, listPrefectures, listSectors } from '../store/organisation-repository.ts'
import { listApiTokens, listMembers } from '../store/user-repository.ts'
import { changeOrganisation, createApiToken, createOrganisation, removeMember, revokeToken, saveSector } from '../org-service.ts'
import {
  ApiTokenCreated, ApiTokenInput, ApiTokenView, IdParams, MemberInput, MemberView, OrganisationInput, OrganisationPatch,
  MemberParams, OrganisationQuery, OrganisationView, PrefectureView, SectorInput, SectorParams, SectorView,
} from './org-schemas.ts'

/** /api/v1/org: organisations, sectors, prefectures, members, API tokens. */
const OrganisationList = z.array(OrganisationView)
const FactsInput = z.strictObject({ facts: z.array(z.enum(OPERATOR_FACTS)).max(OPERATOR_FACTS.length) })

export const orgRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const db = ctx.database.db
  const tags = ['org']

  app.get('/sectors', { config: { access: 'reference.read' }, schema: { tags, summary: 'Sectors and their ministries', response: { 200: z.array(SectorView) } } },
    async () => listSectors(db))

  app.put('/sectors/:id', {
    config: { access: 'reference.manage' },
    schema: { tags, summary: 'Create or change a sector and its ministries (NCO)', params: SectorParams, body: SectorInput, response: { 200: SectorView, 201: SectorView } },
  }, async (request, reply) => {
    const sector = { id: request.params.id, ...request.body }
    const outcome = await saveSector(ctx, request.scope!, sector)
    return reply.status(outcome === 'created' ? 201 : 200).send((await listSectors(db)).find((s) => s.id === sector.id)!)
  })

  app.get('/prefectures', { config: { access: 'reference.read' }, schema: { tags, summary: 'JIS X 0401 prefectures', response: { 200: z.array(PrefectureView) } } },
    async () => listPrefectures(db))

  app.get('/organisations', {
    config: { access: 'org.list' },
    schema: { tags, summary: 'Organisations visible to the caller', querystring: OrganisationQuery, response: { 200: z.array(OrganisationView) } },
  }, async (request, reply) => {
    // What a caller sees depends only on its organisation (kind, sectors) and the filter, so callers of
    // one organisation share the cached answer, validated and serialised once, until the next change of state.
    const scope = request.scope!
    const key = `orgs:${scope.organisationId}:${request.query.kind ?? ''}:${request.query.sector ?? ''}`
    // Kept as UTF-8 bytes: encoding the (mostly Japanese) text was the largest cost of a cached answer.
    let body = ctx.caches.reads.get(request.changeEpoch, key) as Buffer | undefined
    if (body === undefined) {
      body = Buffer.from(JSON.stringify(OrganisationList.parse(await listOrganisations(db, scope, request.query))), 'utf8')
      ctx.caches.reads.set(request.changeEpoch, key, body)
    }
    return reply.type('application/json; charset=utf-8').send(body as never)
  })

  app.get('/organisations/:id', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: OrganisationView } },
  }, async (request) => request.target!.organisation)

  app.post('/organisations', {
    config: { access: 'org.create' },
    schema: { tags, summary: 'Create an organisation (NCO; ministries for operators of their sectors)', body: OrganisationInput, response: { 201: OrganisationView } },
  }, async (request, reply) => reply.status(201).send(await createOrganisation(ctx, request.scope!, request.body)))

  app.patch('/organisations/:id', {
    config: { access: 'org.update' },
    schema: { tags, summary: 'Change an organisation', params: IdParams, body: OrganisationPatch, response: { 200: OrganisationView } },
  }, async (request) => changeOrganisation(ctx, request.scope!, request.target!.organisation, request.body))

  app.get('/organisations/:id/members', {
    config: { access: 'org.members.read' },
    schema: { tags, summary: 'Members of the acting organisation', params: IdParams, response: { 200: z.array(MemberView) } },
  }, async (request) => listMembers(db, request.scope!, request.target!.organisation.id))

  app.post('/organisations/:id/members', {
    config: { access: 'org.members.manage' },
    schema: { tags, summary: 'Add a member (an invited user signs in with OIDC or gets a password reset)', params: IdParams, body: MemberInput, response: { 201: MemberView } },
  }, async (request, reply) => {
    const scope = request.scope!
    const userId = await createUser(ctx, scope.actor, {
      email: request.body.email, displayName: request.body.displayName, password: null, locale: 'ja',
      organisationId: scope.organisationId, role: request.body.role, expiresAt: request.body.expiresAt,
    })
    const member = (await listMembers(db, scope, scope.organisationId)).find((m) => m.userId === userId)
    return reply.status(201).send(member!)
  })

  app.delete('/organisations/:id/members/:userId', {
    config: { access: 'org.members.manage' },
    schema: { tags, summary: 'Remove a member (their sessions for this organisation end)', params: MemberParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    if (!(await removeMember(ctx, request.scope!, request.params.userId))) throw notFound('membership')
    return reply.status(204).send(null)
  })

  app.put('/organisations/:id/facts', {
    config: { access: 'org.facts.manage' },
    schema: { tags, summary: 'Declare the operator\'s facts that decide applicability (uses cloud, operates OT, …)', params: IdParams, body: FactsInput, response: { 200: z.object({ facts: z.array(z.enum(OPERATOR_FACTS)) }) } },
  }, async (request) => {
    // Facts decide which requirements apply to an operator; other kinds of organisation have none to declare.
    if (request.target!.organisation.kind !== 'operator') throw forbidden('Facts are declared by operators.')
    return { facts: await setFacts(ctx, request.scope!, request.target!.organisation.id, request.body.facts) as never }
  })

  app.get('/tokens', { config: { access: 'org.tokens.manage' }, schema: { tags, summary: 'API tokens of the acting organisation', response: { 200: z.array(ApiTokenView) } } },
    async (request) => listApiTokens(db, request.scope!))

  app.post('/tokens', {
    config: { access: 'org.tokens.manage' },
    schema: { tags, summary: 'Create an API token (the secret is shown once)', body: ApiTokenInput, response: { 201: ApiTokenCreated } },
  }, async (request, reply) => reply.status(201).send(await createApiToken(ctx, request.scope!, request.body)))

  app.delete('/tokens/:id', {
    config: { access: 'org.tokens.manage' },
    schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    if (!(await revokeToken(ctx, request.scope!, request.params.id))) throw notFound('api_token')
    return reply.status(204).send(null)
  })
}
