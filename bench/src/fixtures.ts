import { Agent, request } from "undici"
import type { OxdServerProcess, TestOpProcess } from "./processes.js"

export const REDIRECT_URI = "https://client.example/callback"
const CLAIMS_REDIRECT_URI = "https://client.example/claims"
const UMA_TICKET_GRANT = "urn:ietf:params:oauth:grant-type:uma-ticket"

/** The resource every UMA site protects: GET /photo needs scope `view` (granted by the AS's policy). */
export const PROTECTED = { path: "/photo", http_method: "GET", scope: "view" } as const
const RESOURCES = [
  { path: PROTECTED.path, conditions: [{ httpMethods: [PROTECTED.http_method], scopes: [PROTECTED.scope] }] },
]

export interface UmaSite {
  readonly oxdId: string
  /** An RPT the AS issued for GET /photo (granted). */
  readonly rpt: string
  /** The AS's id of the site's /photo resource. */
  readonly resourceId: string
}

export interface Fixture {
  /**
   * protection_access_token of the setup client (REST and WebSocket need it; TCP runs unprotected, its default),
   * renewed every few minutes at the OP (its tokens live 10 minutes; soaks and the RSS check last longer).
   */
  readonly token: () => string
  /** Stops renewing the token. */
  close(): Promise<void>
  readonly umaSites: ReadonlyArray<UmaSite>
  /** A site for the login commands (get_authorization_url, get_tokens_by_code). */
  readonly loginSite: string
  readonly opHost: string
}

/**
 * Real sites, registered through the server at the test AS (as a user would): a setup client and its protection
 * token, `umaSites` sites protecting GET /photo each with an RPT the AS granted, and one site to log in with.
 */
export const prepareFixture = async (
  server: OxdServerProcess,
  op: TestOpProcess,
  umaSites: number,
): Promise<Fixture> => {
  await op.admin("uma/policy", { scope: PROTECTED.scope, kind: "grant" })
  const opHost = op.issuer
  const setup = await server.call("setup_client", { op_host: opHost, authorization_redirect_uri: REDIRECT_URI })
  const { access_token: first } = (await server.call("get_client_token", {
    op_host: opHost,
    client_id: setup["client_id"],
    client_secret: setup["client_secret"],
    scope: ["uma_protection"],
  })) as { access_token: string }
  let token = first
  const renewal = renewToken(op, String(setup["client_id"]), String(setup["client_secret"]), (t) => {
    token = t
  })
  const sites: UmaSite[] = []
  for (let i = 0; i < umaSites; i++) {
    const { oxd_id: oxdId } = (await server.call(
      "register_site",
      {
        op_host: opHost,
        authorization_redirect_uri: REDIRECT_URI,
        scope: ["openid", "uma_protection"],
        grant_types: ["authorization_code", "client_credentials", UMA_TICKET_GRANT],
        claims_redirect_uri: [CLAIMS_REDIRECT_URI],
      },
      token,
    )) as { oxd_id: string }
    await server.call("uma_rs_protect", { oxd_id: oxdId, resources: RESOURCES }, token)
    const denied = await server.call(
      "uma_rs_check_access",
      { oxd_id: oxdId, rpt: "", path: PROTECTED.path, http_method: PROTECTED.http_method },
      token,
    )
    const { access_token: rpt } = (await server.call(
      "uma_rp_get_rpt",
      { oxd_id: oxdId, ticket: denied["ticket"] },
      token,
    )) as { access_token: string }
    const introspection = await server.call("introspect_rpt", { oxd_id: oxdId, rpt }, token)
    const permissions = introspection["permissions"] as ReadonlyArray<{ resource_id: string }>
    sites.push({ oxdId, rpt, resourceId: permissions[0]!.resource_id })
  }
  const { oxd_id: loginSite } = (await server.call(
    "register_site",
    {
      op_host: opHost,
      authorization_redirect_uri: REDIRECT_URI,
      scope: ["openid", "profile", "email"],
      grant_types: ["authorization_code", "refresh_token"],
    },
    token,
  )) as { oxd_id: string }
  return { token: () => token, close: renewal.close, umaSites: sites, loginSite, opHost }
}

/** Every 4 minutes, a new client-credentials token of the setup client straight from the OP's token endpoint. */
const renewToken = (op: TestOpProcess, clientId: string, clientSecret: string, set: (token: string) => void) => {
  const agent = new Agent({ connect: { ca: op.caPem } })
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")
  const renew = async () => {
    const meta = (await (
      await request(`${op.issuer}/.well-known/openid-configuration`, { dispatcher: agent })
    ).body.json()) as { token_endpoint: string }
    const res = await request(meta.token_endpoint, {
      method: "POST",
      dispatcher: agent,
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&scope=uma_protection",
    })
    const body = (await res.body.json()) as { access_token?: string }
    if (res.statusCode === 200 && body.access_token) set(body.access_token)
  }
  const timer = setInterval(() => void renew().catch(() => undefined), 240_000)
  timer.unref()
  return {
    close: async () => {
      clearInterval(timer)
      await agent.close()
    },
  }
}
