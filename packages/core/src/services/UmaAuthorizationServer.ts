import { hash } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { ExpiringCache } from "../cache/ExpiringCache.js"
import { OxdConfig } from "../config/OxdConfig.js"
import {
  NeedInfo,
  type OpAnswerUnusable,
  OperationFailed,
  OpHostNotAllowed,
  OpRejected,
  OpUnreachable,
  PatUnavailable,
  UmaDiscoveryFailed,
  UmaGrantRefused,
} from "../errors.js"
import { OpenIdProvider, type OpClient } from "./OpenIdProvider.js"
import { OpFetch } from "./OpFetch.js"
import { siteAuthMethod } from "./clientAuthMethods.js"
import { isConnectivityFailure, toOpError } from "./opErrors.js"
import type { Site } from "./SiteStore.js"

/** /.well-known/uma2-configuration, the fields we use. */
export interface UmaConfiguration {
  readonly issuer: string
  readonly token_endpoint: string
  readonly resource_registration_endpoint: string
  readonly permission_endpoint: string
  readonly introspection_endpoint: string
  readonly claims_interaction_endpoint?: string
}
export interface Permission {
  readonly resource_id: string
  readonly resource_scopes: ReadonlyArray<string>
}
export interface RptRequest {
  readonly ticket?: string | undefined
  readonly claim_token?: string | undefined
  readonly claim_token_format?: string | undefined
  readonly pct?: string | undefined
  readonly rpt?: string | undefined
  readonly scope?: ReadonlyArray<string> | undefined
}
/** The reference's reply (RpGetRptResponse): `updated` is the AS's `upgraded`. */
export interface Rpt {
  readonly access_token: string
  readonly token_type: string
  readonly pct: string | null
  readonly updated: boolean
}
export type Introspection = Record<string, unknown> & { readonly active: boolean }

type AsError =
  | UmaDiscoveryFailed
  | PatUnavailable
  | OpRejected
  | OpUnreachable
  | OpAnswerUnusable
  | OperationFailed
  | OpHostNotAllowed
const UMA_TICKET_GRANT = "urn:ietf:params:oauth:grant-type:uma-ticket"
const DISCOVERY_TTL_MS = 60 * 60 * 1000
/** UMA configurations kept (one per OP host in use); past it the oldest is dropped and fetched again when needed. */
const DISCOVERY_MAX = 256
/**
 * A PAT is renewed this long before it expires: a tenth of its life, at most 30 s, plus 1 s because expires_in
 * is whole seconds counted from the OP's current second (oidc-provider: exp = floor(now) + ttl), so it can
 * overstate the remaining life by up to a second.
 */
const patRenewMargin = (lifetimeMs: number) => Math.min(30_000, lifetimeMs / 10) + 1_000
const RPT_CACHE_MAX = 100_000
/** PATs kept per instance (one per site that protects resources); past it the oldest is dropped, fetched again if needed. */
const PAT_CACHE_MAX = 10_000

/** A 401 from the protection API: the PAT was refused (expired early, revoked), so a fresh one is worth one retry. */
class PatRefused extends Error {
  constructor(readonly token: string) {
    super("the AS refused the PAT")
  }
}
/** An OAuth error body from the protection API. */
class AsErrorBody extends Error {
  constructor(
    readonly operation: string,
    readonly error: string,
    readonly description: string,
    readonly status: number,
  ) {
    super(`${operation}: ${error}`)
  }
}

/** RFC 6749 §2.3.1: client_secret_basic encodes id and secret as form values first. */
const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+")

/**
 * need_info's details as the reference writes them: its UmaNeedInfoResponse, four fields, null when absent
 * (RpGetRptOperation parses the AS's answer into it).
 */
const needInfoDetails = (body: Record<string, unknown>) => ({
  error: body["error"] ?? null,
  ticket: body["ticket"] ?? null,
  required_claims: body["required_claims"] ?? null,
  redirect_user: body["redirect_user"] ?? null,
})

/**
 * The UMA 2 authorization server: its discovery document, the site's PAT (cached until it expires, one
 * renewal in flight per site), resource registration, permission tickets, RPT introspection (cached until
 * the earlier of the RPT's exp and rpt_cache_seconds) and the uma-ticket grant.
 */
export class UmaAuthorizationServer extends Context.Service<
  UmaAuthorizationServer,
  {
    discover(site: Site): Effect.Effect<UmaConfiguration, UmaDiscoveryFailed | OpUnreachable | OpHostNotAllowed>
    registerResource(site: Site, body: Record<string, unknown>): Effect.Effect<string, AsError>
    deleteResource(site: Site, resourceId: string): Effect.Effect<void, AsError>
    /**
     * Replaces a resource's scopes (and scope expression) at the AS, its other members (name, type, description,
     * icon_uri) read first and kept, as the reference's uma_rs_modify does (RsModifyOperation.java:104-122 on master).
     */
    updateResource(
      site: Site,
      resourceId: string,
      changes: { readonly resource_scopes: ReadonlyArray<string>; readonly scope_expression?: unknown },
    ): Effect.Effect<void, AsError>
    permissionTicket(site: Site, permissions: ReadonlyArray<Permission>): Effect.Effect<string, AsError>
    introspectRpt(site: Site, rpt: string): Effect.Effect<Introspection, AsError>
    /** The same, answered from the cache when it can be. */
    checkRpt(site: Site, rpt: string): Effect.Effect<Introspection, AsError>
    /**
     * checkRpt's cached answer, synchronously, when it has one (due for refresh: only once the refresh is under way);
     * undefined otherwise (then checkRpt must run: it introspects or starts the refresh).
     */
    peekRpt(site: Site, rpt: string): Introspection | undefined
    requestRpt(
      site: Site,
      client: OpClient,
      request: RptRequest,
    ): Effect.Effect<Rpt, AsError | NeedInfo | UmaGrantRefused | OperationFailed>
  }
>()("@oxd/core/UmaAuthorizationServer") {
  static readonly layer = Layer.effect(
    UmaAuthorizationServer,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const { fetch } = yield* OpFetch
      const op = yield* OpenIdProvider
      const discoveries = yield* ExpiringCache.make<UmaConfiguration>({
        max: DISCOVERY_MAX,
        ttlMs: DISCOVERY_TTL_MS,
        name: "uma_discovery",
      })
      // a PAT lives until shortly before it expires (its `until`), never longer
      const pats = yield* ExpiringCache.make<{ token: string; until: number }>({
        max: PAT_CACHE_MAX,
        ttlMs: Infinity,
        name: "pat",
        expiresAt: (p) => p.until,
      })
      // an introspection answers until the earlier of the RPT's exp and rpt_cache_seconds
      const rpts = yield* ExpiringCache.make<Introspection>({
        max: RPT_CACHE_MAX,
        ttlMs: config.rpt_cache_seconds * 1000,
        name: "rpt",
        expiresAt: (v) => (typeof v["exp"] === "number" ? v["exp"] * 1000 : Infinity),
      })
      // RPTs are kept by digest, per site (an RPT is checked against the site that asked)
      const rptKey = (site: Site, rpt: string) => `${site.oxdId}:${hash("sha256", rpt, "base64url")}`

      // fetched already: answered without a promise turn (a denied check reads it twice)
      const discover = (site: Site) =>
        discoveries.get(
          site.opHost,
          Effect.tryPromise({
            try: async () => {
              const url = `${site.opHost.replace(/\/$/, "")}/.well-known/uma2-configuration`
              const res = await fetch(url, { headers: { accept: "application/json" } })
              if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`)
              const doc = (await res.json()) as Partial<UmaConfiguration>
              for (const k of [
                "token_endpoint",
                "resource_registration_endpoint",
                "permission_endpoint",
                "introspection_endpoint",
              ] as const) {
                if (typeof doc[k] !== "string") throw new Error(`the document has no ${k}`)
              }
              return doc as UmaConfiguration
            },
            catch: (e) => classifyDiscovery(site, e),
          }),
        )

      const classifyDiscovery = (site: Site, e: unknown): UmaDiscoveryFailed | OpUnreachable | OpHostNotAllowed => {
        const err = toOpError("UMA discovery")(e)
        if (err._tag === "OpHostNotAllowed") return err
        if (err._tag === "OpUnreachable" && isConnectivityFailure(err.detail)) return err
        return new UmaDiscoveryFailed({ op_host: site.opHost, detail: e instanceof Error ? e.message : String(e) })
      }

      const clientOf = (site: Site): OpClient => ({
        opHost: site.opHost,
        opDiscoveryPath: site.opDiscoveryPath,
        clientId: site.clientId,
        clientSecret: site.clientSecret,
        authMethod: siteAuthMethod(site),
      })

      const newPat = (site: Site) =>
        Effect.suspend(() => {
          const requestedAt = pats.now() // the PAT's life started no earlier than this
          return op.clientCredentials(clientOf(site), ["uma_protection"]).pipe(
            Effect.map((t) => {
              const lifetime = (t.expires_in ?? 300) * 1000
              return { token: t.access_token, until: requestedAt + lifetime - patRenewMargin(lifetime) }
            }),
            // a token endpoint allowed_op_hosts refuses says so, not "no PAT"
            Effect.mapError((e) => (e._tag === "OpHostNotAllowed" ? e : new PatUnavailable({ detail: e.message }))),
          )
        })
      /**
       * The site's PAT: cached until shortly before it expires; concurrent callers share one renewal. `refused`
       * is a PAT the AS just refused: renewed only while it is still the cached one, so calls refused together
       * (a revoked PAT under load) get one new PAT between them, not one each.
       */
      const pat = (site: Site, refused?: string) =>
        Effect.suspend(() => {
          if (refused !== undefined) pats.deleteIf(site.oxdId, (cached) => cached.token === refused)
          return Effect.map(pats.get(site.oxdId, newPat(site)), (p) => p.token)
        })

      /** A protection API call with the PAT; a refused PAT is renewed once, so an expired PAT never fails a call. */
      const protectionCall = <A>(site: Site, operation: string, call: (pat: string) => Promise<A>) => {
        const once = (refused?: string) =>
          Effect.flatMap(pat(site, refused), (token) => Effect.tryPromise({ try: () => call(token), catch: (e) => e }))
        return once().pipe(
          Effect.catch((e) => (e instanceof PatRefused ? once(e.token) : Effect.fail(e))),
          Effect.mapError((e) => {
            if (e instanceof PatUnavailable || e instanceof OpHostNotAllowed) return e
            if (e instanceof PatRefused) return new PatUnavailable({ detail: "the AS refused a freshly issued PAT" })
            if (e instanceof AsErrorBody)
              return new OpRejected({
                operation: e.operation,
                op_error: e.error,
                op_error_description: e.description,
                op_status: e.status,
              })
            return toOpError(operation)(e)
          }),
          Effect.withSpan(`UmaAuthorizationServer.${operation}`),
        )
      }

      /** JSON in and out of the protection API; AS errors become OAuth errors with the AS's code. */
      const send = async (
        token: string,
        method: string,
        url: string,
        body?: unknown,
        form?: Record<string, string>,
        idempotent = false,
      ) => {
        const res = await fetch(url, {
          method,
          idempotent,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(body !== undefined
              ? { "content-type": "application/json" }
              : form
                ? { "content-type": "application/x-www-form-urlencoded" }
                : {}),
          },
          ...(body !== undefined
            ? { body: JSON.stringify(body) }
            : form
              ? { body: new URLSearchParams(form).toString() }
              : {}),
        })
        if (res.status === 401) throw new PatRefused(token)
        const text = await res.text()
        const json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
        return { status: res.status, json }
      }
      const expectOk = (operation: string, r: { status: number; json: Record<string, unknown> }) => {
        if (r.status >= 200 && r.status < 300) return r.json
        if (typeof r.json["error"] === "string") {
          throw new AsErrorBody(
            operation,
            r.json["error"],
            typeof r.json["error_description"] === "string" ? r.json["error_description"] : "",
            r.status,
          )
        }
        throw new Error(`${operation} answered HTTP ${r.status}`)
      }

      const introspectRpt = (site: Site, rpt: string) =>
        Effect.flatMap(discover(site), (uma) =>
          protectionCall(site, "rpt introspection", async (token) => {
            const json = expectOk(
              "RPT introspection",
              await send(token, "POST", uma.introspection_endpoint, undefined, { token: rpt }, true),
            )
            return { ...json, active: json["active"] === true } as Introspection
          }),
        )

      return UmaAuthorizationServer.of({
        discover,
        registerResource: (site, body) =>
          Effect.flatMap(discover(site), (uma) =>
            protectionCall(site, "resource registration", async (token) => {
              const json = expectOk(
                "resource registration",
                await send(token, "POST", uma.resource_registration_endpoint, body),
              )
              if (typeof json["_id"] !== "string") throw new Error("the AS registered the resource but returned no _id")
              return json["_id"]
            }),
          ),
        deleteResource: (site, resourceId) =>
          Effect.flatMap(discover(site), (uma) =>
            protectionCall(site, "resource deletion", async (token) => {
              const r = await send(
                token,
                "DELETE",
                `${uma.resource_registration_endpoint.replace(/\/$/, "")}/${encodeURIComponent(resourceId)}`,
              )
              // already gone at the AS is what we wanted
              if (r.status !== 404) expectOk("resource deletion", r)
            }),
          ),
        updateResource: (site, resourceId, changes) =>
          Effect.flatMap(discover(site), (uma) =>
            protectionCall(site, "resource update", async (token) => {
              const url = `${uma.resource_registration_endpoint.replace(/\/$/, "")}/${encodeURIComponent(resourceId)}`
              const current = expectOk("resource read", await send(token, "GET", url, undefined, undefined, true))
              const kept = Object.fromEntries(
                ["name", "type", "description", "icon_uri"].flatMap((k) =>
                  current[k] === undefined ? [] : [[k, current[k]]],
                ),
              )
              expectOk("resource update", await send(token, "PUT", url, { ...kept, ...changes }))
            }),
          ),
        permissionTicket: (site, permissions) =>
          Effect.flatMap(discover(site), (uma) =>
            protectionCall(site, "permission", async (token) => {
              const json = expectOk(
                "permission",
                await send(
                  token,
                  "POST",
                  uma.permission_endpoint,
                  permissions.length === 1 ? permissions[0] : permissions,
                ),
              )
              if (typeof json["ticket"] !== "string") throw new Error("the permission endpoint returned no ticket")
              return json["ticket"]
            }),
          ),
        introspectRpt,
        // due for refresh: answered here once the refresh is under way (checkRpt starts it)
        peekRpt: (site, rpt) => rpts.peek(rptKey(site, rpt)),
        // concurrent checks of one RPT share one introspection (a burst on a cold cache asks the AS once); in the last
        // tenth of rpt_cache_seconds the AS is asked again in the background, so a burst never waits on an expired entry
        checkRpt: (site, rpt) => rpts.get(rptKey(site, rpt), introspectRpt(site, rpt)),
        requestRpt: (site, client, request) =>
          Effect.gen(function* () {
            const uma = yield* discover(site)
            // the params as the reference sends them: each one given, nothing checked first (UmaTokenService.getRpt)
            const form: Record<string, string> = { grant_type: UMA_TICKET_GRANT }
            for (const [k, v] of Object.entries({
              ticket: request.ticket,
              claim_token: request.claim_token,
              claim_token_format: request.claim_token_format,
              pct: request.pct,
              rpt: request.rpt,
            })) {
              if (v) form[k] = v
            }
            if (request.scope && request.scope.length > 0) form["scope"] = request.scope.join(" ")
            const post = client.authMethod === "client_secret_post"
            if (post) Object.assign(form, { client_id: client.clientId, client_secret: client.clientSecret ?? "" })
            const { status, text } = yield* Effect.tryPromise({
              try: async () => {
                const res = await fetch(uma.token_endpoint, {
                  method: "POST",
                  headers: {
                    accept: "application/json",
                    "content-type": "application/x-www-form-urlencoded",
                    ...(post
                      ? {}
                      : {
                          authorization: `Basic ${Buffer.from(`${formEncode(client.clientId)}:${formEncode(client.clientSecret ?? "")}`).toString("base64")}`,
                        }),
                  },
                  body: new URLSearchParams(form).toString(),
                })
                return { status: res.status, text: await res.text() }
              },
              catch: toOpError("uma-ticket grant"),
            })
            const json = parseObject(text)
            if (status < 200 || status > 299) {
              // need_info carries what the client needs to gather claims; any other refusal is passed on as the
              // reference passes it: http_status_<status>, the AS's body as it came (RpGetRptOperation)
              if (json?.["error"] === "need_info") return yield* new NeedInfo({ details: needInfoDetails(json) })
              return yield* new UmaGrantRefused({ status, body: text })
            }
            if (!json)
              return yield* new OpUnreachable({
                operation: "uma-ticket grant",
                detail: `the AS answered HTTP ${status} with something that is not a JSON object`,
              })
            const accessToken = json["access_token"]
            if (typeof accessToken !== "string" || accessToken.length === 0) {
              // the reference's FAILED_TO_GET_RPT: internal_error "Failed to get RPT."
              return yield* new OperationFailed({
                operation: "Getting the RPT",
                detail: "the AS answered without an access_token (Failed to get RPT.)",
              })
            }
            return {
              access_token: accessToken,
              // as the AS wrote it; Bearer when it wrote none (the reference's UmaTokenResponse default)
              token_type: typeof json["token_type"] === "string" ? json["token_type"] : "Bearer",
              pct: typeof json["pct"] === "string" ? json["pct"] : null,
              updated: json["upgraded"] === true,
            }
          }).pipe(Effect.withSpan("UmaAuthorizationServer.requestRpt")),
      })
    }),
  )
}

/** A JSON object, or undefined for anything else (an HTML error page, an empty body). */
const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
