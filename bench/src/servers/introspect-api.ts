/**
 * The alternative a user would write without oxd: an HTTPS API (same node:https settings as our REST app) that
 * asks the UMA AS about the RPT on every request (openid-client tokenIntrospection with its PAT) and decides.
 * `node introspect-api.js --issuer URL --op-ca F --resource-ids ID,ID --scope view --tls-cert F --tls-key F`;
 * prints `introspect-api ready {"port":…}`. Request: POST any path, body {rpt, path, http_method}.
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:https"
import type { AddressInfo } from "node:net"
import { parseArgs } from "node:util"
import * as oidc from "openid-client"
import { Agent, fetch as undiciFetch } from "undici"

const { values } = parseArgs({
  options: {
    issuer: { type: "string" },
    "op-ca": { type: "string" },
    "resource-ids": { type: "string" },
    scope: { type: "string" },
    "tls-cert": { type: "string" },
    "tls-key": { type: "string" },
  },
})
const issuer = values.issuer!
/** The resources this API serves (one per protected site of the bench): the AS's ids. */
const resourceIds = new Set(values["resource-ids"]!.split(","))
const scope = values.scope!
// the AS's certificate is trusted through its CA, on a keep-alive agent (as a real API would reuse connections)
const agent = new Agent({ connect: { ca: readFileSync(values["op-ca"]!, "utf8") }, keepAliveTimeout: 30_000 })
const customFetch: oidc.CustomFetch = (url, options) =>
  undiciFetch(url, { ...options, dispatcher: agent } as never) as unknown as Promise<Response>

// its own client at the AS (dynamic registration), and a PAT from client_credentials
const reg = await oidc.dynamicClientRegistration(
  new URL(issuer),
  {
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    scope: "uma_protection",
    token_endpoint_auth_method: "client_secret_basic",
  },
  undefined,
  { [oidc.customFetch]: customFetch },
)
const pat = (await oidc.clientCredentialsGrant(reg, { scope: "uma_protection" })).access_token
const uma = (await (
  await customFetch(`${issuer}/.well-known/uma2-configuration`, {
    method: "GET",
    headers: {},
    body: undefined,
    redirect: "manual",
  } as never)
).json()) as { introspection_endpoint: string }

/** RFC 7662 introspection at the UMA endpoint, authenticated with the PAT (as UMA's protection API wants). */
const bearerPat: oidc.ClientAuth = (_as, _client, _body, headers) => headers.set("authorization", `Bearer ${pat}`)
const config = new oidc.Configuration(
  { issuer, introspection_endpoint: uma.introspection_endpoint },
  reg.clientMetadata().client_id,
  undefined,
  bearerPat,
)
config[oidc.customFetch] = customFetch

interface Permission {
  readonly resource_id?: string
  readonly resource_scopes?: ReadonlyArray<string>
}

const decide = async (rpt: string): Promise<"granted" | "denied"> => {
  if (!rpt) return "denied"
  const r = await oidc.tokenIntrospection(config, rpt)
  const permissions = (r["permissions"] as ReadonlyArray<Permission> | undefined) ?? []
  return r.active &&
    permissions.some(
      (p) => p.resource_id !== undefined && resourceIds.has(p.resource_id) && p.resource_scopes?.includes(scope),
    )
    ? "granted"
    : "denied"
}

const limits = { requestTimeout: 60_000, headersTimeout: 30_000, keepAliveTimeout: 5_000, maxHeaderSize: 16_384 }
const server = createServer(
  { ...limits, key: readFileSync(values["tls-key"]!, "utf8"), cert: readFileSync(values["tls-cert"]!, "utf8") },
  (req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body)
        res.writeHead(status, {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": String(Buffer.byteLength(text)),
          "Cache-Control": "no-store",
        })
        res.end(text)
      }
      let body: { rpt?: unknown }
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { rpt?: unknown }
      } catch {
        return send(400, { status: "error", data: { error: "bad_request" } })
      }
      decide(typeof body.rpt === "string" ? body.rpt : "").then(
        (access) => send(200, { status: "ok", data: { access } }),
        (e: unknown) =>
          send(502, {
            status: "error",
            data: { error: "as_unreachable", error_description: e instanceof Error ? e.message : String(e) },
          }),
      )
    })
  },
)
server.listen(0, "127.0.0.1", () =>
  process.stdout.write(`introspect-api ready ${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`),
)
process.once("SIGTERM", () => process.exit(0))
process.once("SIGINT", () => process.exit(0))
