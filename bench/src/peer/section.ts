import { once } from "node:events"
import { connect } from "node:net"
import { headlessLogin } from "@oxd/test-op/headless-login"
import { legacyFrame, LegacyReplyReader } from "@oxd/wire/frame"
import { Agent, request } from "undici"
import type { Fixture } from "../fixtures.js"
import { procSample } from "../proc.js"
import type { OxdServerProcess } from "../processes.js"
import { measure, type Ceilings, type Ctx } from "../run.js"
import { apacheAvailable, PEER_BODY, startApache, type ApacheProcess } from "./apache.js"

/** A login's cost on each side: CPU of the relying party (ours or Apache) and of the OP, per login. */
export interface LoginCost {
  readonly who: string
  readonly logins: number
  readonly rpUsPerLogin: number
  readonly opUsPerLogin: number
  readonly perSecond: number
}

/**
 * The peer: Apache httpd + mod_auth_openidc from Debian, the most deployed OpenID Connect relying party, in the same
 * run. As a resource server (a bearer token introspected at the test OP, the answer cached in shm) next to the same
 * static response unprotected (its ceiling); and the cost of a login through it (`AuthType openid-connect`: its
 * redirect and its callback) next to a login through oxd (get_authorization_url + get_tokens_by_code).
 */
export const peerSection = async (
  ctx: Ctx,
  ceilings: Ceilings,
  server: OxdServerProcess,
  fx: Fixture,
): Promise<LoginCost[]> => {
  if (!apacheAvailable()) {
    const why = "Apache httpd + mod_auth_openidc not installed (apt-get install apache2 libapache2-mod-auth-openidc)"
    if (ctx.env["CI"] === "true") throw new Error(`${why}: required under CI=true`)
    ctx.log(`peer: skipped, ${why}`)
    return []
  }
  const agent = new Agent({ connect: { ca: ctx.op.caPem } })
  try {
    const op = await opClients(ctx, agent)
    const loginPort = await import("../proc.js").then((p) => p.freePort())
    const login = await op.register({
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: [`http://127.0.0.1:${loginPort}/login/callback`],
      token_endpoint_auth_method: "client_secret_basic",
    })
    ctx.log("peer (Apache httpd + mod_auth_openidc, Debian's packages):")
    const apache = await startApache({
      opCaFile: ctx.op.caFile,
      introspection: { endpoint: op.metadata.introspection_endpoint, ...op.resourceServer },
      login: {
        metadataUrl: `${ctx.op.issuer}/.well-known/openid-configuration`,
        ...login,
        port: loginPort,
      },
    })
    try {
      const common = { serverName: "apache2", serverPid: apache.pids(), ceilingKey: "apache" } as const
      const expect = `HTTP 200 ${PEER_BODY}`
      await measure(
        ctx,
        {
          ...common,
          section: "ceiling",
          scenario: "Apache httpd: the static response, unprotected",
          target: { transport: "http", origin: apache.origin, path: "/open/ok.json" },
          workload: { expect },
        },
        ceilings,
      )
      await measure(
        ctx,
        {
          ...common,
          section: "peer",
          scenario: "mod_auth_openidc: bearer token, introspection cached (shm)",
          target: {
            transport: "http",
            origin: apache.origin,
            path: "/protected/ok.json",
            headers: { authorization: `Bearer ${op.bearer}` },
          },
          workload: { expect },
          usesOp: true,
          note: "the token introspected at the test OP once, then answered from mod_auth_openidc's shm cache until its exp",
        },
        ceilings,
      )
      return [
        await loginCost(ctx, "oxd-ts (get_authorization_url + get_tokens_by_code over tcp)", [server.child.pid], () =>
          oxdLogin(ctx, server, fx),
        ),
        await loginCost(ctx, "mod_auth_openidc (AuthType openid-connect: redirect + callback)", apache.pids(), () =>
          apacheLogin(ctx, apache),
        ),
      ]
    } finally {
      await apache.stop()
    }
  } finally {
    await agent.close()
  }
}

interface OpClients {
  readonly metadata: { introspection_endpoint: string; registration_endpoint: string; token_endpoint: string }
  /** The resource server's client (it introspects). */
  readonly resourceServer: { clientId: string; clientSecret: string }
  /** An access token of another client (client_credentials): what callers present. */
  readonly bearer: string
  register(meta: Record<string, unknown>): Promise<{ clientId: string; clientSecret: string }>
}

/** Clients registered at the test OP by dynamic registration, as an operator of mod_auth_openidc would. */
const opClients = async (ctx: Ctx, agent: Agent): Promise<OpClients> => {
  const metadata = (await (
    await request(`${ctx.op.issuer}/.well-known/openid-configuration`, { dispatcher: agent })
  ).body.json()) as OpClients["metadata"]
  const register = async (meta: Record<string, unknown>) => {
    const res = await request(metadata.registration_endpoint, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(meta),
    })
    const body = (await res.body.json()) as { client_id?: string; client_secret?: string }
    if (res.statusCode !== 201 || !body.client_id || !body.client_secret)
      throw new Error(`registration at the test OP: ${res.statusCode} ${JSON.stringify(body)}`)
    return { clientId: body.client_id, clientSecret: body.client_secret }
  }
  const machine = { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] }
  const resourceServer = await register({ ...machine, token_endpoint_auth_method: "client_secret_basic" })
  const caller = await register({ ...machine, token_endpoint_auth_method: "client_secret_basic" })
  const basic = Buffer.from(
    `${encodeURIComponent(caller.clientId)}:${encodeURIComponent(caller.clientSecret)}`,
  ).toString("base64")
  const res = await request(metadata.token_endpoint, {
    method: "POST",
    dispatcher: agent,
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  })
  const token = (await res.body.json()) as { access_token?: string }
  if (!token.access_token)
    throw new Error(`client_credentials at the test OP: ${res.statusCode} ${JSON.stringify(token)}`)
  return { metadata, resourceServer, bearer: token.access_token, register }
}

/** 200 logins (16 with --quick), 8 at a time; the relying party's and the OP's CPU over them, per login. */
const loginCost = async (
  ctx: Ctx,
  who: string,
  rpPids: ReadonlyArray<number>,
  oneLogin: () => Promise<void>,
): Promise<LoginCost> => {
  // --quick (the CI smoke): enough logins to show the path works, not to measure it
  const LOGINS = ctx.opts.quick ? 16 : 200
  const cpu = (pids: ReadonlyArray<number>) => pids.reduce((sum, pid) => sum + procSample(pid).cpuSeconds, 0)
  await oneLogin() // warm: discovery, JWKS, connections
  const rp0 = cpu(rpPids)
  const op0 = cpu([ctx.op.child.pid])
  const started = performance.now()
  let next = 0
  const worker = async () => {
    while (next++ < LOGINS) await oneLogin()
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  const seconds = (performance.now() - started) / 1000
  const cost: LoginCost = {
    who,
    logins: LOGINS,
    rpUsPerLogin: ((cpu(rpPids) - rp0) * 1e6) / LOGINS,
    opUsPerLogin: ((cpu([ctx.op.child.pid]) - op0) * 1e6) / LOGINS,
    perSecond: LOGINS / seconds,
  }
  ctx.log(
    `  login through ${who}: ${cost.rpUsPerLogin.toFixed(0)} µs of its CPU per login, the OP ${cost.opUsPerLogin.toFixed(0)} µs (${cost.perSecond.toFixed(0)} logins/s, 8 at a time)`,
  )
  return cost
}

/** An app's login through oxd over TCP (plain, as Apache is here: no TLS on either relying party's side). */
const oxdLogin = async (ctx: Ctx, server: OxdServerProcess, fx: Fixture) => {
  const { authorization_url: url } = (await tcpCall(server, "get_authorization_url", { oxd_id: fx.loginSite })) as {
    authorization_url: string
  }
  const r = await headlessLogin(url, { ca: ctx.op.caPem })
  const params = { oxd_id: fx.loginSite, code: r.code, state: r.state ?? "" }
  const tokens = await tcpCall(server, "get_tokens_by_code", params)
  if (typeof tokens["id_token"] !== "string")
    throw new Error(`get_tokens_by_code: no id_token in ${JSON.stringify(tokens)}`)
}

/** One command on a fresh legacy-protocol connection (as oxd's client libraries do), its envelope's data. */
const tcpCall = async (server: OxdServerProcess, command: string, params: Record<string, unknown>) => {
  const socket = connect(server.tcp)
  try {
    await once(socket, "connect")
    socket.write(legacyFrame(JSON.stringify({ command, params })))
    const reader = new LegacyReplyReader()
    for await (const chunk of socket as AsyncIterable<Buffer>) {
      const [reply] = reader.push(chunk)
      if (!reply) continue
      const envelope = JSON.parse(reply.json) as { status: string; data: Record<string, unknown> }
      if (envelope.status !== "ok") throw new Error(`${command}: ${reply.json}`)
      return envelope.data
    }
    throw new Error(`${command}: the connection closed without a reply`)
  } finally {
    socket.destroy()
  }
}

/** A browser's visit: the protected page (a redirect to the OP), the login there, the callback, the page again. */
const apacheLogin = async (ctx: Ctx, apache: ApacheProcess) => {
  // a browser's Accept: mod_auth_openidc answers other clients 401 rather than redirecting them
  const browser = { accept: "text/html,application/xhtml+xml" }
  const first = await request(`${apache.origin}/login/ok.json`, { headers: browser })
  await first.body.dump()
  const location = first.headers["location"]
  if (first.statusCode !== 302 || typeof location !== "string")
    throw new Error(`mod_auth_openidc: expected a redirect to the OP, got ${first.statusCode}`)
  const stateCookie = cookiesOf(first.headers["set-cookie"])
  const r = await headlessLogin(location, { ca: ctx.op.caPem })
  const callback = await request(r.redirectUrl, { headers: { ...browser, cookie: stateCookie } })
  const callbackBody = await callback.body.text()
  if (callback.statusCode !== 302)
    throw new Error(`mod_auth_openidc callback: ${callback.statusCode} ${callbackBody.slice(0, 300)}`)
  const session = cookiesOf(callback.headers["set-cookie"])
  const page = await request(`${apache.origin}/login/ok.json`, { headers: { ...browser, cookie: session } })
  const body = await page.body.text()
  if (page.statusCode !== 200 || body !== PEER_BODY)
    throw new Error(`mod_auth_openidc after login: ${page.statusCode} ${body.slice(0, 300)}`)
}

const cookiesOf = (setCookie: string | string[] | undefined) =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(";")[0]).join("; ")
