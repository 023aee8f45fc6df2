/**
 * Issue 26's "must show": a user signs in through oxd at the real test OP, then ends the session at the OP. The OP's
 * back-channel logout token reaches the REST app; a WebSocket subscriber gets session_logged_out, the site's webhook
 * is called, and check_session answers logged_out over tcp, https and ws.
 */
import { createHmac, randomUUID } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { BrowserSession, headlessLogin, headlessLogout, type TestOp } from "@oxd/test-op"
import { startStack, type Stack } from "@oxd/test-stack"
import { eventually } from "@oxd/testkit"
import { afterAll, beforeAll, expect, it } from "vitest"
import { createOxdClient, type OxdClient, type OxdEvent } from "./node.js"
import { startOp } from "./test-support/servers.js"

const REDIRECT_URI = "https://rp.example.org/callback"
const SECRET = "logout-webhook-secret-of-the-test"
let op: TestOp
let stack: Stack
let hookServer: Server
const received: Array<{ body: string; signature: string }> = []
const clients: OxdClient[] = []

beforeAll(async () => {
  op = await startOp()
  // plain HTTP on loopback: the OP posts its logout tokens to the REST app
  stack = await startStack(op, {
    config: {
      protect_commands_with_access_token: true,
      rest_plain_http: true,
      ws_plain: true,
      logout_webhook_secret: SECRET,
    },
  })
  hookServer = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString(), signature: String(req.headers["x-oxd-signature"]) })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r))
})
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined)
  await new Promise((r) => hookServer?.close(r))
  await stack?.close()
  await op?.close()
})

const client = <C extends OxdClient>(c: C): C => (clients.push(c), c)

it("the OP ends the session: ws event, signed webhook call, and check_session logged_out on every transport", async () => {
  const tcp = client(createOxdClient({ transport: "tcp", port: stack.tcp.port }))
  const setup = await tcp.setupClient({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
  const { access_token: token } = await tcp.getClientToken({
    op_host: op.issuer,
    client_id: setup.client_id,
    client_secret: setup.client_secret,
    scope: ["uma_protection"],
  })
  const ws = client(createOxdClient({ transport: "ws", url: stack.ws.url, token }))
  const https = client(createOxdClient({ transport: "https", baseUrl: stack.rest.url, token }))
  const tcpAs = client(createOxdClient({ transport: "tcp", port: stack.tcp.port, token }))

  const hook = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/logout/${randomUUID()}`
  const { oxd_id } = await https.registerSite({
    op_host: op.issuer,
    authorization_redirect_uri: REDIRECT_URI,
    backchannel_logout_uri: `${stack.rest.url.replace(/\/$/, "")}/backchannel-logout`,
    backchannel_logout_session_required: true,
    logout_webhook_url: hook,
  })
  const events: OxdEvent[] = []
  const errors: unknown[] = []
  let started = false
  const stop = ws.events(
    {},
    {
      onEvent: (e) => events.push(e),
      onError: (e) => errors.push(e),
      onStarted: () => {
        started = true
      },
    },
  )
  await eventually(() => started)

  const session = new BrowserSession()
  const { authorization_url } = await https.getAuthorizationUrl({ oxd_id })
  const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem, session })
  const tokens = await https.getTokensByCode({ oxd_id, code, state: state! })
  const sid = tokens.id_token_claims["sid"]![0]!
  const sub = tokens.id_token_claims["sub"]![0]!
  for (const c of [tcpAs, https, ws]) expect((await c.checkSession({ oxd_id, sid })).status).toBe("active")

  const { uri } = await https.getLogoutUri({ oxd_id, id_token_hint: tokens.id_token })
  const began = Date.now()
  await headlessLogout(uri, { ca: op.caPem, session })

  const event = await eventually(() => events.find((e) => e.type === "session_logged_out"), { timeoutMs: 1000 })
  expect(event).toMatchObject({ type: "session_logged_out", oxd_id, channel: "backchannel", sid, sub })
  const call = await eventually(() => received[0], { timeoutMs: 1000 })
  expect(call.signature).toBe(`sha256=${createHmac("sha256", SECRET).update(call.body).digest("hex")}`)
  expect(JSON.parse(call.body)).toMatchObject({ type: "session_logged_out", oxd_id, sid, sub })
  for (const c of [tcpAs, https, ws]) {
    const answer = await c.checkSession({ oxd_id, sid })
    expect(answer).toEqual({ status: "logged_out", logged_out_at: expect.any(Number), channel: "backchannel" })
  }
  // "within a second" of the logout at the OP (a liveness bound: the OP posts before it answers the browser)
  expect(Date.now() - began).toBeLessThan(5000)
  expect(errors).toEqual([])
  stop()
})
