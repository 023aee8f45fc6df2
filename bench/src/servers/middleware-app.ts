/**
 * The middleware scenario's app: a node:http server answering GET /photo with a small JSON body, behind
 * @oxd/middleware's protect() (`--mode tcp|https|ws`: an @oxd/client to the oxd-server under test; `in-process`: a
 * core in this process, its own site registered at the test AS at start) or without it (`--mode plain`: the ceiling).
 * Prints `middleware-app ready {"port":…,"rpt":…}` (rpt: the in-process site's; the others use the fixture's).
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { parseArgs } from "node:util"
import { createOxdClient as inProcessClient } from "@oxd/client/in-process"
import { createOxdClient, type OxdClient } from "@oxd/client/node"
import { makeConfig, makeOxd } from "@oxd/core"
import { protect, type Verdict } from "@oxd/middleware"

const { values: v } = parseArgs({
  options: {
    mode: { type: "string" },
    "oxd-id": { type: "string" },
    "tcp-port": { type: "string" },
    "rest-origin": { type: "string" },
    "ws-url": { type: "string" },
    "server-ca": { type: "string" },
    token: { type: "string" },
    "op-issuer": { type: "string" },
    "op-ca": { type: "string" },
  },
})
const mode = v.mode ?? "plain"
const GRANTED = Buffer.from('{"photos":["a.jpg"],"access":"granted"}')

/** In process: a core of our own (in memory), a site protecting GET /photo, and an RPT the AS granted for it. */
const inProcess = async (): Promise<{ client: OxdClient; oxdId: string; rpt: string }> => {
  const core = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "warn",
      trusted_ca_file: v["op-ca"]!,
      allowed_op_hosts: [new URL(v["op-issuer"]!).origin],
    }),
  )
  await core.ready()
  const client = inProcessClient(core)
  const { oxd_id } = await client.registerSite({
    op_host: v["op-issuer"]!,
    authorization_redirect_uri: "https://client.example/callback",
    scope: ["openid", "uma_protection"],
    grant_types: ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"],
  })
  await client.umaRsProtect({
    oxd_id,
    resources: [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
  })
  const denied = await client.umaRsCheckAccess({ oxd_id, rpt: "", path: "/photo", http_method: "GET" })
  const { access_token } = await client.umaRpGetRpt({ oxd_id, ticket: denied.ticket! })
  return { client, oxdId: oxd_id, rpt: access_token }
}

const networkClient = (): OxdClient => {
  const token = v.token ? { token: v.token } : {}
  switch (mode) {
    case "tcp":
      return createOxdClient({ transport: "tcp", port: Number(v["tcp-port"]), ...token })
    case "https":
      return createOxdClient({ transport: "https", baseUrl: v["rest-origin"]!, ca: v["server-ca"]!, ...token })
    case "ws":
      return createOxdClient({ transport: "ws", url: v["ws-url"]!, ca: v["server-ca"]!, ...token })
    default:
      throw new Error(`unknown --mode ${mode}`)
  }
}

const setup =
  mode === "plain"
    ? undefined
    : mode === "in-process"
      ? await inProcess()
      : { client: networkClient(), oxdId: v["oxd-id"]!, rpt: "" }
// the first failures of oxd behind a 503 go to stderr: the bench prints them when a run has errors
let failuresShown = 0
const guard = setup
  ? protect({
      client: setup.client,
      oxdId: setup.oxdId,
      onError: (e) => {
        if (failuresShown++ < 3)
          console.error(`protect: oxd failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`)
      },
    })
  : undefined

const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  const answer = () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": GRANTED.length })
    res.end(GRANTED)
  }
  if (!guard) return answer()
  const apply = (verdict: Verdict) => {
    if (verdict.ok) return answer()
    const { status, headers, body } = verdict.reply
    res.writeHead(status, Object.fromEntries(headers))
    res.end(body)
  }
  // decide: the verdict at once when the client has it at once (in process, from the core's warm state)
  const verdict = guard.decide({
    method: req.method ?? "GET",
    path: req.url ?? "/",
    authorization: req.headers.authorization,
  })
  if (verdict instanceof Promise) verdict.then(apply, () => res.writeHead(500).end())
  else apply(verdict)
})
server.listen(0, "127.0.0.1", () => {
  const port = (server.address() as AddressInfo).port
  console.log(`middleware-app ready ${JSON.stringify({ port, rpt: setup?.rpt ?? "" })}`)
})

// a graceful exit on SIGTERM, so a CPU profile (--profile) is written
process.once("SIGTERM", () => process.exit(0))
