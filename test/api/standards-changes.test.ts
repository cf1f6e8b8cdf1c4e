import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'

describeEachEngine('crosswalk import and obligation changes', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Record<string, string>
  let mhlw: Record<string, string>
  let clinic: Record<string, string>
  const versionOf = async (documentId: string) => {
    const docs = (await env.app.inject({ method: 'GET', url: '/api/v1/standards/documents', headers: nco })).json() as { id: string; versions: { id: string; status: string }[] }[]
    const versions = docs.find((d) => d.id === documentId)!.versions
    return (versions.find((v) => v.status === 'in_force') ?? versions.find((v) => v.status === 'published'))!.id
  }
  const mappingCount = async () => (await env.ctx.database.db.selectFrom('standard_mapping').select('id').execute()).length

  beforeAll(async () => {
    env = await openDemoApp(engine)
    nco = headersFor(await signInAs(env.app, 'nco@demo.kaname.jp'))
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
  })
  afterAll(async () => env?.close())

  it('re-imports its own CSV export without change, adds a new row, and refuses bad rows naming the line', async () => {
    const unified = await versionOf('unified-standard')
    const csf = await versionOf('nist-csf-2.0')
    const csv = (await env.app.inject({ method: 'GET', url: `/api/v1/standards/mappings?version=${unified}&format=csv`, headers: nco })).body
    const before = await mappingCount()
    const again = await env.app.inject({ method: 'POST', url: '/api/v1/standards/mappings/import', headers: nco, payload: { format: 'csv', csv } })
    expect(again.statusCode).toBe(200)
    expect(again.json().inserted).toBe(0)
    expect(again.json().received).toBeGreaterThan(100)
    expect(await mappingCount()).toBe(before)

    const header = 'source_version,source_id,target_version,target_id,relationship,rationale\r\n'
    const added = await env.app.inject({ method: 'POST', url: '/api/v1/standards/mappings/import', headers: nco, payload: { format: 'csv', csv: `${header}${unified},us-3.4.3.3,${csf},RC.RP-03,intersects-with,restore integrity checks\r\n` } })
    expect(added.json()).toEqual({ received: 1, inserted: 1 })
    expect(await mappingCount()).toBe(before + 1)

    const bad = await env.app.inject({ method: 'POST', url: '/api/v1/standards/mappings/import', headers: nco, payload: { format: 'csv', csv: `${header}${unified},us-3.4.3.3,${csf},GV.OC-01,subset-of,ok\r\n${unified},us-9.9.9,${csf},GV.OC-01,subset-of,no such node\r\n` } })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors).toEqual([{ path: 'body.csv line 3.source_id', message: expect.stringContaining('us-9.9.9') }])
    expect(await mappingCount()).toBe(before + 1)

    const notOwned = await env.app.inject({ method: 'POST', url: '/api/v1/standards/mappings/import', headers: mhlw, payload: { format: 'csv', csv: `${header}${unified},us-3.1.1.1,${csf},GV.OC-01,intersects-with,x\r\n` } })
    expect(notOwned.statusCode).toBe(422)
    expect(notOwned.json().errors[0].path).toBe('body.csv line 2.source_version')
  })

  it('shows an operator what changed in its obligations when its sector standard gets a new version', async () => {
    const initial = (await env.app.inject({ method: 'GET', url: '/api/v1/obligations/clinic-kaede/changes', headers: clinic })).json()
    expect([initial.added, initial.removed, initial.changed].map((l: unknown[]) => l.length)).toEqual([0, 0, 0])

    const current = await versionOf('medical-small-standard')
    const successor = (await env.app.inject({ method: 'POST', url: `/api/v1/standards/versions/${current}/successor`, headers: mhlw, payload: { label: '2027' } })).json().id
    const version = (await env.app.inject({ method: 'GET', url: `/api/v1/standards/versions/${successor}`, headers: mhlw })).json()
    const wording = { ja: 'バックアップを月に1回、ネットワークから切り離して保管していますか？', en: 'Do you keep a monthly offline backup?' }
    const profile = { ...version.profile, alters: [...version.profile.alters.filter((a: { nodeId: string }) => a.nodeId !== 'us-3.4.3.3'), { nodeId: 'us-3.4.3.3', plain: wording }] }
    expect((await env.app.inject({ method: 'PUT', url: `/api/v1/standards/versions/${successor}/profile`, headers: mhlw, payload: profile })).statusCode).toBe(200)
    for (const to of ['published', 'in_force']) {
      const moved = await env.app.inject({ method: 'POST', url: `/api/v1/standards/versions/${successor}/status`, headers: mhlw, payload: { to } })
      expect(moved.statusCode, moved.body).toBe(200)
    }

    const changes = (await env.app.inject({ method: 'GET', url: '/api/v1/obligations/clinic-kaede/changes', headers: clinic })).json()
    expect(changes.documents.find((d: { documentId: string }) => d.documentId === 'medical-small-standard')).toMatchObject({ fromVersionId: current, toVersionId: successor, toLabel: '2027' })
    expect(changes.added).toEqual([])
    expect(changes.removed).toEqual([])
    expect(changes.changed).toHaveLength(1)
    expect(changes.changed[0].fields).toContain('plain')
    expect(changes.changed[0].after.plain).toEqual(wording)
    const old = (await env.app.inject({ method: 'GET', url: `/api/v1/standards/versions/${current}`, headers: clinic })).json()
    expect(old.status).toBe('superseded')
  })
})
