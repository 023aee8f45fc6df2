import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { loadConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import { runSitesCli, startAdminServer, type AdminServer } from "@oxd/node"
import type { TestOp } from "@oxd/test-op"
import { postgresAvailability, startPostgres, type RunningPostgres } from "@oxd/test-postgres"
import { opOrigin, spawnNode, startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const main = new URL("./main.ts", import.meta.url).pathname
const root = new URL("../../../", import.meta.url).pathname
const ADMIN_TOKEN = "admin-token-for-the-sites-test"

let op: TestOp
let pg: RunningPostgres | undefined
beforeAll(async () => {
  op = await startOp()
})
afterAll(async () => {
  await op?.close()
  await pg?.stop()
})

const availability = postgresAvailability()
const stores: Array<{ name: string; url: () => Promise<string> }> = [
  { name: "SQLite", url: async () => `file:${join(mkdtempSync(join(tmpdir(), "oxd-sites-")), "oxd.db")}` },
  ...(availability.available
    ? [{ name: "PostgreSQL", url: async () => (await (pg ??= await startPostgres())).createDatabase() }]
    : []),
]
if (!availability.available) console.warn(`sites on PostgreSQL skipped: ${availability.reason}`)

/** `oxd-server sites …` in this process: exit code, stdout, stderr. */
const sites = async (env: Record<string, string>, ...args: string[]) => {
  let out = ""
  let err = ""
  const code = await runSitesCli(
    "oxd-server",
    args,
    env,
    { write: (t: string) => ((out += t), true) } as never,
    {
      write: (t: string) => ((err += t), true),
    } as never,
  )
  return { code, out, err }
}

describe.each(stores)("oxd-server sites on $name", (store) => {
  let config: Config
  let env: Record<string, string>
  let setup: Record<string, string>
  let oxd: Oxd
  let admin: AdminServer

  beforeAll(async () => {
    const database_url = await store.url()
    env = {
      OXD_DATABASE_URL: database_url,
      OXD_TRUSTED_CA_FILE: op.caFile,
      OXD_ALLOWED_OP_HOSTS: opOrigin(op),
    }
    config = loadConfig({ env, overrides: { log_level: "error", admin_token: ADMIN_TOKEN } })
    oxd = makeOxd(config)
    const reply = await oxd.dispatch(
      "setup_client",
      { op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/cb" },
      { transport: "internal" },
    )
    expect(reply.envelope.status).toBe("ok")
    setup = (reply.envelope as { data: Record<string, string> }).data
    admin = await startAdminServer(oxd, { port: 0 })
  })
  afterAll(async () => {
    await admin?.close()
    await oxd?.dispose()
  })

  const secrets = () => [setup["client_secret"]!, setup["client_registration_access_token"]!]

  it("list: a table of the setup client and its site, no secret; --json the same as data", async () => {
    const text = await sites(env, "list")
    expect(text.code).toBe(0)
    expect(text.out).toMatch(/^OXD_ID\s+KIND\s+OP_HOST\s+CLIENT_ID\s+SETUP_CLIENT_ID\s+CREATED\n/)
    expect(text.out).toContain(`${setup["setup_client_oxd_id"]}  setup`)
    expect(text.out).toMatch(
      new RegExp(
        `${setup["oxd_id"]}\\s+site\\s+${op.issuer.replace(/[.]/g, "\\.")}\\s+${setup["client_id_of_oxd_id"]}\\s+${setup["client_id"]}`,
      ),
    )
    expect(text.out).toMatch(/\n2 sites\.\n$/)
    const json = await sites(env, "list", "--json")
    const listed = JSON.parse(json.out) as { sites: Array<Record<string, unknown>> }
    expect(listed.sites.map((s) => s["oxd_id"])).toEqual([setup["setup_client_oxd_id"], setup["oxd_id"]])
    for (const s of secrets()) {
      expect(text.out).not.toContain(s)
      expect(json.out).not.toContain(s)
    }
  })

  it("show: one site's registration, secrets as present/absent; an unknown oxd_id exits 1", async () => {
    const shown = await sites(env, "show", setup["oxd_id"]!)
    expect(shown.code).toBe(0)
    expect(shown.out).toMatch(/^has_client_secret\s+yes$/m)
    expect(shown.out).toMatch(/^authorization_redirect_uri\s+https:\/\/rp\.example\.org\/cb$/m)
    for (const s of secrets()) expect(shown.out).not.toContain(s)
    expect(JSON.parse((await sites(env, "show", setup["oxd_id"]!, "--json")).out)).toMatchObject({
      oxd_id: setup["oxd_id"],
      kind: "site",
      uma_resources: [],
    })
    expect(await sites(env, "show", "no-such-oxd-id")).toMatchObject({
      code: 1,
      err: "No site with oxd_id no-such-oxd-id.\n",
    })
    expect(await sites(env, "show")).toMatchObject({ code: 2, err: expect.stringContaining("needs an oxd_id") })
    expect(await sites(env, "rename", "x")).toMatchObject({ code: 2 })
  })

  it("the admin port: /sites only with admin_token (401 without or with another; constant answers), the same data", async () => {
    const get = (path: string, token?: string, method = "GET") =>
      fetch(`${admin.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} })
    for (const token of [undefined, "not-the-admin-token-at-all", `${ADMIN_TOKEN}x`]) {
      const r = await get("/sites", token)
      expect(r.status).toBe(401)
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="admin"')
      expect(await r.json()).toMatchObject({ status: "error", data: { error: "unauthorized" } })
    }
    const listed = await get("/sites", ADMIN_TOKEN)
    expect(listed.status).toBe(200)
    const body = await listed.text()
    for (const s of secrets()) expect(body).not.toContain(s)
    expect(JSON.parse(body)).toEqual({ status: "ok", data: { sites: (await oxd.admin.listSites()) as unknown } })
    const one = await get(`/sites/${setup["oxd_id"]}`, ADMIN_TOKEN)
    expect(await one.json()).toMatchObject({ status: "ok", data: { oxd_id: setup["oxd_id"], has_client_secret: true } })
    expect((await get("/sites/no-such-oxd-id", ADMIN_TOKEN)).status).toBe(404)
    expect((await get("/sites", ADMIN_TOKEN, "DELETE")).status).toBe(405)
  })

  it("remove: through the admin port, then through the CLI; each gone from the listing, the second remove exits 1", async () => {
    // a second site to remove through the port
    const reg = await oxd.dispatch(
      "register_site",
      { op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/other" },
      { transport: "internal" },
    )
    const other = (reg.envelope as { data: { oxd_id: string } }).data.oxd_id
    const del = await fetch(`${admin.url}/sites/${other}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(await del.json()).toEqual({ status: "ok", data: { oxd_id: other, removed: true } })
    expect(await sites(env, "remove", setup["oxd_id"]!)).toMatchObject({
      code: 0,
      out: `Removed ${setup["oxd_id"]}.\n`,
    })
    expect(await sites(env, "remove", setup["oxd_id"]!, "--json")).toMatchObject({
      code: 1,
      out: `{"oxd_id":"${setup["oxd_id"]}","removed":false}\n`,
    })
    const left = JSON.parse((await sites(env, "list", "--json")).out) as { sites: Array<{ oxd_id: string }> }
    expect(left.sites.map((s) => s.oxd_id)).toEqual([setup["setup_client_oxd_id"]])
    // the commands see it gone too (removed by another process: this core had not cached it)
    const reply = await oxd.dispatch("get_authorization_url", { oxd_id: setup["oxd_id"] }, { transport: "internal" })
    expect(reply.envelope).toMatchObject({ status: "error", data: { error: "invalid_oxd_id" } })
  })
})

describe("site administration switched off", () => {
  it("the admin port answers 403 on /sites without admin_token, whatever the token", async () => {
    const oxd = makeOxd(loadConfig({ overrides: { database_url: ":memory:", log_level: "error" } }))
    const admin = await startAdminServer(oxd, { port: 0 })
    try {
      const r = await fetch(`${admin.url}/sites`, { headers: { authorization: "Bearer anything-at-all-really" } })
      expect(r.status).toBe(403)
      expect(await r.json()).toMatchObject({
        status: "error",
        data: { error_description: expect.stringContaining("admin_token") },
      })
    } finally {
      await admin.close()
      await oxd.dispose()
    }
  })

  it("refuses an admin_token shorter than 16 characters", () => {
    expect(() => loadConfig({ env: { OXD_ADMIN_TOKEN: "short" } })).toThrow(/admin_token/)
  })
})

describe("oxd-server sites, the program", () => {
  it("lists from the store named by the configuration, exit 0", async () => {
    const database_url = await stores[0]!.url()
    const oxd = makeOxd(
      loadConfig({
        env: { OXD_DATABASE_URL: database_url, OXD_TRUSTED_CA_FILE: op.caFile, OXD_ALLOWED_OP_HOSTS: opOrigin(op) },
        overrides: { log_level: "error" },
      }),
    )
    const reply = await oxd.dispatch(
      "register_site",
      { op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/cb" },
      { transport: "internal" },
    )
    await oxd.dispose()
    const oxdId = (reply.envelope as { data: { oxd_id: string } }).data.oxd_id
    const cli = await spawnNode({
      args: ["--conditions=source", "--import", "tsx", main, "sites", "list", "--database-url", database_url],
      cwd: root,
      timeoutMs: 30_000,
    })
    expect(await cli.exited, cli.output()).toBe(0)
    expect(cli.output()).toContain(oxdId)
    expect(cli.output()).toMatch(/\n1 site\.\n$/)
  })
})
