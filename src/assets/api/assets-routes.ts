import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import type { AppContext } from '../../platform/context.ts'
import { invalid } from '../../platform/errors.ts'
import { sendProblem } from '../../platform/http/problem.ts'
import { TABULAR_CONTENT_TYPES } from '../../platform/tabular/tabular.ts'
import { createDevice, deleteDevice, getDevice, listDevices, updateDevice } from '../devices-service.ts'
import { exportDevices, importDevices, IMPORT_LIMITS } from '../exchange-service.ts'
import { DeviceBody, DevicePageView, DeviceParams, DeviceView, ExportQuery, filterOf, ImportQuery, ImportView, ListQuery } from './assets-schemas.ts'

/** /api/v1/assets: the network-device inventory, its import and export. */
export const assetsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['assets']

  app.get('/devices', {
    config: { access: 'assets.read' },
    schema: {
      tags, summary: 'Devices the caller may read (own; a ministry its sectors\' operators\'; the NCO all), filtered, a page at a time', querystring: ListQuery,
      response: { 200: DevicePageView },
    },
  }, async (request) => {
    const q = request.query
    return listDevices(ctx, request.scope!, filterOf(q), { limit: q.limit, offset: q.offset })
  })

  app.post('/devices', {
    config: { access: 'assets.manage' },
    schema: { tags, summary: 'Record a device of the caller\'s operator (CPE derived when not given)', body: DeviceBody, response: { 201: DeviceView } },
  }, async (request, reply) => reply.code(201).send(await createDevice(ctx, request.scope!, request.body)))

  app.get('/devices/export', {
    config: { access: 'assets.read' },
    schema: { tags, summary: 'The devices the caller may read as CSV (UTF-8 with BOM) or XLSX, headings in Japanese or English', querystring: ExportQuery },
  }, async (request, reply) => {
    const q = request.query
    const file = await exportDevices(ctx, request.scope!, q.format, filterOf(q), q.locale)
    return reply.type(TABULAR_CONTENT_TYPES[q.format]).header('content-disposition', `attachment; filename="devices.${q.format}"`).send(file)
  })

  app.get('/devices/:deviceId', {
    config: { access: 'assets.read' },
    schema: { tags, summary: 'One device', params: DeviceParams, response: { 200: DeviceView } },
  }, async (request) => getDevice(ctx, request.scope!, request.params.deviceId))

  app.put('/devices/:deviceId', {
    config: { access: 'assets.manage' },
    schema: { tags, summary: 'Replace one of the caller\'s devices', params: DeviceParams, body: DeviceBody, response: { 200: DeviceView } },
  }, async (request) => updateDevice(ctx, request.scope!, request.params.deviceId, request.body))

  app.delete('/devices/:deviceId', {
    config: { access: 'assets.manage' },
    schema: { tags, summary: 'Delete one of the caller\'s devices', params: DeviceParams },
  }, async (request, reply) => {
    await deleteDevice(ctx, request.scope!, request.params.deviceId)
    return reply.code(204).send()
  })

  // Files arrive as raw bodies, read only in this context: the JSON routes keep refusing other media types.
  await app.register(async (context) => {
    const files = context.withTypeProvider<ZodTypeProvider>()
    files.addContentTypeParser(['text/csv', 'application/octet-stream', TABULAR_CONTENT_TYPES.xlsx], { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.maxBytes }, (_request, body, done) => done(null, body))
    // A declared size over the limit is refused before a byte of the body is read, with the limit in the answer.
    files.addHook('onRequest', async (request, reply) => {
      const declared = Number(request.headers['content-length'] ?? 0)
      if (declared > IMPORT_LIMITS.maxBytes) {
        const message = `The file is ${(declared / 1048576).toFixed(1)} MB; at most ${IMPORT_LIMITS.maxBytes / 1048576} MB (${IMPORT_LIMITS.maxRows} devices) are imported at once. Split it into several files.`
        return sendProblem(reply, request, 413, 'assets.file_too_large', message, [{ path: 'body', code: 'assets.file_too_large', message, params: { size: declared, max: IMPORT_LIMITS.maxBytes } }])
      }
    })
    files.post('/devices/import', {
      config: { access: 'assets.manage' },
      bodyLimit: IMPORT_LIMITS.maxBytes,
      schema: {
        tags, summary: 'Import the caller\'s devices from CSV or XLSX: all or nothing, matched by asset_id, errors name row and column (rows[4].version)',
        querystring: ImportQuery, response: { 200: ImportView },
      },
    }, async (request) => {
      const body = request.body
      if (!(body instanceof Buffer) || body.length === 0) {
        throw invalid('assets.file_required', 'Send the file as the request body (text/csv or the XLSX media type).', [{ path: 'body', code: 'assets.file_required', message: 'a file is required' }])
      }
      return importDevices(ctx, request.scope!, new Uint8Array(body.buffer, body.byteOffset, body.byteLength), request.query.format)
    })
  })
}
