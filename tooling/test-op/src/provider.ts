import Provider from "oidc-provider"
import type { Client, Configuration, ErrorOut, KoaContextWithOIDC } from "oidc-provider"
import { findAccount, TEST_USERS } from "./accounts.js"
import type { MemoryStore } from "./adapter.js"
import type { Counters } from "./counters.js"
import type { DiscoveryRewrites } from "./discovery.js"
import { esc, page } from "./html.js"
import { SIGNING_ALGS, type KeyRing } from "./keys.js"
import { tamperIdToken, tamperUserinfo, type Misbehaviours } from "./misbehave.js"
import { EXTRA_CLIENT_METADATA } from "./extraClientMetadata.js"
import type { UmaContext } from "./uma/context.js"
import { registerUmaGrant } from "./uma/grant.js"
import type { Rogue } from "./rogue.js"
import type { Quirks } from "./quirks.js"

/** Token lifetimes in seconds. */
export interface TtlOptions {
  AccessToken: number
  IdToken: number
  AuthorizationCode: number
  RefreshToken: number
  ClientCredentials: number
  Interaction: number
  Session: number
  Grant: number
}

export const DEFAULT_TTL: Readonly<TtlOptions> = Object.freeze({
  AccessToken: 3600,
  IdToken: 3600,
  AuthorizationCode: 600,
  RefreshToken: 14 * 86_400,
  ClientCredentials: 600,
  Interaction: 3600,
  Session: 14 * 86_400,
  Grant: 14 * 86_400,
})

/**
 * Scopes the OP knows. oidc-provider silently drops unknown scopes from grants and tokens (non-OIDC
 * scopes are meant for resource indicators), so tests that need other scopes pass `extraScopes`.
 * `oxd`: the scope a Gluu OP defines for oxd, which oxd 3.1 setup clients are registered with and request.
 */
export const SCOPES = ["openid", "offline_access", "profile", "email", "address", "phone", "uma_protection", "oxd"]

export const CLIENT_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "none",
] as const
export const RESPONSE_TYPES = ["code id_token", "code", "id_token", "none"] as const
/** What oidc-provider derives from RESPONSE_TYPES and the enabled features (the UMA grant is added on top). */
export const GRANT_TYPES = ["implicit", "authorization_code", "refresh_token", "client_credentials"] as const

export const supportedScopes = (extraScopes: readonly string[]): string[] => [...new Set([...SCOPES, ...extraScopes])]

const CLAIMS = {
  acr: null,
  auth_time: null,
  iss: null,
  sid: null,
  openid: ["sub"],
  profile: [
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
  ],
  email: ["email", "email_verified"],
  address: ["address"],
  phone: ["phone_number", "phone_number_verified"],
}

export interface ProviderDeps {
  issuer: string
  keys: KeyRing
  store: MemoryStore
  cookieKeys: string[]
  ttl: TtlOptions
  extraScopes: readonly string[]
  /** StartTestOpOptions.requestObjects */
  requestObjects: boolean
  misbehaviours: Misbehaviours
  counters: Counters
  /** Client ids of new registrations (a rogue OP may reuse another OP's). */
  rogue: Pick<Rogue, "nextClientId">
  /** How registration differs from oidc-provider's, as other OPs do it (quirks.ts). */
  quirks: Pick<Quirks, "request" | "answer">
  discovery: DiscoveryRewrites
  onError: (message: string, err: unknown) => void
  /** UMA state shared by every instance; the UMA grant is registered on each. */
  uma: UmaContext
}

/**
 * Builds an oidc-provider instance. Called again on key rotation (the `jwks` option is fixed at
 * construction); everything stateful lives in `deps`, so the new instance carries on seamlessly.
 */
export function createProvider(deps: ProviderDeps): Provider {
  const { ttl } = deps
  const configuration: Configuration = {
    adapter: deps.store.adapterFactory(),
    jwks: deps.keys.privateJwks(),
    findAccount,
    claims: CLAIMS,
    scopes: supportedScopes(deps.extraScopes),
    cookies: { keys: deps.cookieKeys },
    clientAuthMethods: [...CLIENT_AUTH_METHODS],
    responseTypes: [...RESPONSE_TYPES],
    extraClientMetadata: EXTRA_CLIENT_METADATA,
    enabledJWA: { idTokenSigningAlgValues: [...SIGNING_ALGS] },
    features: {
      devInteractions: { enabled: false },
      registration: {
        enabled: true,
        initialAccessToken: false,
        // the first hook oidc-provider calls with the registration request, before it reads the metadata
        idFactory: (ctx) => {
          deps.quirks.request(ctx.oidc.body as Record<string, unknown> | undefined)
          return deps.rogue.nextClientId()
        },
      },
      // No rotation: the registration access token from the registration response stays valid.
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
      introspection: { enabled: true, allowedPolicy: introspectionAllowed },
      revocation: { enabled: true, allowedPolicy: revocationAllowed },
      clientCredentials: { enabled: true },
      claimsParameter: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      // at the end of a session the OP POSTs a logout token to each client's backchannel_logout_uri
      backchannelLogout: { enabled: true },
      userinfo: { enabled: true },
      // request objects by value (`request`), and by reference through requestUri.ts (oxd 4.x's get_request_object_uri)
      requestObjects: { enabled: deps.requestObjects },
      // Without resource indicators every access token is opaque and usable at userinfo.
      resourceIndicators: { enabled: false },
    },
    // PKCE is mandatory only for public clients (as OAuth 2.0 Security BCP); confidential clients may skip it.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    // Refresh tokens whenever the client may use the refresh_token grant, with or without offline_access.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    ttl: { ...ttl },
    clientBasedCORS,
    renderError,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // oidc-provider refuses to call special-use addresses (SSRF protection); this OP and the relying parties it
    // posts back-channel logout tokens to are all on loopback, so its outgoing calls go without that dispatcher
    fetch: (url, options = {}) => {
      const { dispatcher: _ssrfGuard, ...rest } = options as RequestInit & { dispatcher?: unknown }
      return fetch(url, rest)
    },
  }

  const provider = new Provider(deps.issuer, configuration)
  registerUmaGrant(provider, deps.uma)

  provider.use(async (ctx, next) => {
    await next()
    const oidc = oidcOf(ctx)
    const route = oidc?.route
    if (!oidc || !route) return
    deps.counters.inc(route)
    if (route === "discovery" && ctx.status === 200 && ctx.body && typeof ctx.body === "object") {
      // requestUri.ts fetches an https request_uri (oidc-provider itself takes PAR's urn only)
      const body = deps.requestObjects
        ? { ...(ctx.body as Record<string, unknown>), request_uri_parameter_supported: true }
        : (ctx.body as Record<string, unknown>)
      ctx.body = deps.discovery.apply("openid", body)
    }
    if (ctx.status < 300 && ctx.body && typeof ctx.body === "object" && !Array.isArray(ctx.body)) {
      ctx.body = deps.quirks.answer(route, ctx.body as Record<string, unknown>)
    }
    if (route === "userinfo") {
      // a JSON answer only (a client registered for signed userinfo gets a JWT, left alone)
      const claims = ctx.body as unknown
      if (ctx.status !== 200 || typeof claims !== "object" || claims === null || Array.isArray(claims)) return
      const kinds = deps.misbehaviours.take(oidc.client?.clientId, "userinfo")
      if (kinds.length) ctx.body = tamperUserinfo(claims as Record<string, unknown>, kinds, TEST_USERS)
      return
    }
    if (route !== "token") return
    const grantType = oidc.params?.grant_type
    if (typeof grantType === "string") deps.counters.inc(`token.${grantType}`)

    const body = ctx.body as Record<string, unknown> | undefined
    if (ctx.status !== 200 || typeof body?.id_token !== "string") return
    const kinds = deps.misbehaviours.take(oidc.client?.clientId)
    if (kinds.includes("no_id_token")) {
      const { id_token: _dropped, ...rest } = body
      ctx.body = rest
    } else if (kinds.includes("not_a_jwt")) ctx.body = { ...body, id_token: "this-is-not-a-jwt" }
    else if (kinds.includes("no_expires_in")) {
      const { expires_in: _dropped, ...rest } = body
      ctx.body = rest
    } else if (kinds.length)
      ctx.body = {
        ...body,
        id_token: await tamperIdToken(body.id_token, kinds, deps.keys, {
          aheadSeconds: deps.misbehaviours.aheadSeconds(),
          accessToken: typeof body.access_token === "string" ? body.access_token : undefined,
        }),
      }
  })

  provider.on("server_error", (_ctx, err) => deps.onError("oidc-provider server_error", err))
  return provider
}

/** The OIDC context of a matched provider route; ctx.oidc is only defined on those. */
function oidcOf(ctx: object): KoaContextWithOIDC["oidc"] | undefined {
  if (!Object.getOwnPropertyDescriptor(ctx, "oidc")) return undefined
  return (ctx as KoaContextWithOIDC).oidc
}

/** Confidential clients may introspect any token (resource-server style); public clients only their own. */
async function introspectionAllowed(ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string | undefined }) {
  return !(client.clientAuthMethod === "none" && token.clientId !== ctx.oidc.client?.clientId)
}

async function revocationAllowed(_ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string | undefined }) {
  return token.clientId === client.clientId
}

function clientBasedCORS(ctx: KoaContextWithOIDC, origin: string, client: Client): boolean {
  if (origin === "null") return false
  if (ctx.oidc.route === "userinfo" || client.clientAuthMethod === "none") {
    return (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin)
  }
  return false
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = "html"
  ctx.body = page(
    "Error",
    `<h1>Error</h1>${Object.entries(out)
      .map(([k, v]) => `<p><strong>${esc(k)}</strong>: <span id="${esc(k)}">${esc(v)}</span></p>`)
      .join("")}`,
  )
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = page(
    "Sign out",
    `<h1>Sign out of ${esc(ctx.host)}?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  )
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const client = ctx.oidc.client
  ctx.body = page(
    "Signed out",
    `<h1>Signed out</h1><p>You are signed out${client ? ` of ${esc(client.clientName ?? client.clientId)}` : ""}.</p>`,
  )
}
