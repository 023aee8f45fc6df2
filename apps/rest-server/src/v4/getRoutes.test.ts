import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import type { TestOp } from "@oxd/test-op"
import { opOrigin, startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeCors } from "../cors.js"
import { makeRequestHandler } from "../handleRequest.js"
import type { Route } from "../routes.js"
import { dialect4 } from "./dialect.js"
import { v4Routes } from "./routes.js"

// The 4.x API's GET commands (GET /get-rp-jwks, GET /get-request-object/{id}, RestResource.java:54-66) take their
// params from the path and the query and may answer text. Their commands are not in core yet: the same machinery is
// driven here through a row made for the test, GET /authorization-url-of/{oxd_id}?prompt= → get_authorization_url.
let op: TestOp
let oxd: Oxd
let server: Server
let base: string

const testRoutes = (text: boolean): ReadonlyMap<string, Route> =>
  new Map<string, Route>([
    ...v4Routes(),
    [
      text ? "/authorization-url-text-of" : "/authorization-url-of",
      {
        kind: "command",
        command: "get_authorization_url",
        protected: true,
        method: "GET",
        pathParam: "oxd_id",
        queryParams: ["prompt"],
        ...(text ? { text: true as const } : {}),
      },
    ],
  ])

beforeAll(async () => {
  op = await startOp()
  oxd = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "error",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [opOrigin(op)],
    }),
  )
  await oxd.ready()
  const routes = new Map([...testRoutes(false), ...testRoutes(true)])
  server = createServer(
    makeRequestHandler(oxd, {
      routes,
      cors: makeCors([]),
      maxBodyBytes: 65536,
      errorStatus: "reference",
      openApiText: "{}",
      docsHtml: "",
      dialect: dialect4,
    }),
  )
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server?.close(r))
  await oxd?.dispose()
  await op?.close()
})

const post = async (path: string, body: unknown, token?: string) =>
  (
    await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
  ).json() as Promise<Record<string, any>>

const site = async () => {
  const s = await post("/register-site", {
    op_host: op.issuer,
    authorization_redirect_uri: "https://rp.example/cb",
    scope: ["openid", "oxd"],
  })
  const t = await post("/get-client-token", {
    op_host: op.issuer,
    client_id: s["client_id"],
    client_secret: s["client_secret"],
    scope: ["openid", "oxd"],
  })
  return { oxdId: String(s["oxd_id"]), token: String(t["access_token"]) }
}

describe("GET commands of the 4.x API", () => {
  it("take the path's last segment and the named query params as params, behind the same Bearer check", async () => {
    const { oxdId, token } = await site()
    const auth = { Authorization: `Bearer ${token}` }
    const r = await fetch(`${base}/authorization-url-of/${encodeURIComponent(oxdId)}?prompt=login&ignored=x`, {
      headers: auth,
    })
    expect(r.status).toBe(200)
    const url = new URL(((await r.json()) as { authorization_url: string }).authorization_url)
    expect(url.searchParams.get("prompt")).toBe("login")
    expect((await fetch(`${base}/authorization-url-of/${oxdId}`)).status).toBe(403)
    // another method on a GET command: 405; a malformed %-escape: no such path
    expect((await fetch(`${base}/authorization-url-of/${oxdId}`, { method: "POST", headers: auth })).status).toBe(405)
    expect((await fetch(`${base}/authorization-url-of/%E0%A4%A`, { headers: auth })).status).toBe(404)
  })

  it("a text route answers the result's one string as text/plain (RestResource.java:56)", async () => {
    const { oxdId, token } = await site()
    const r = await fetch(`${base}/authorization-url-text-of/${oxdId}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/)
    expect(await r.text()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/.*client_id=/)
  })
})
