import * as oidc from "openid-client"
import { Clock, Context, Effect, Layer } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"
import { ExpiringCache } from "../cache/ExpiringCache.js"
import {
  type AccessTokenHashMismatch,
  type AuthorizationCodeHashMismatch,
  IdTokenRejected,
  NoAccessToken,
  NoEndSessionEndpoint,
  NoIdToken,
  NoRegistrationEndpoint,
  OpAnswerUnusable,
  OpDiscoveryFailed,
  OperationFailed,
  type OpHostNotAllowed,
  OpRejected,
  type OpUnreachable,
} from "../errors.js"
import type { JSONWebKeySet } from "jose"
import { JwksCache } from "../id-token/JwksCache.js"
import { validateIdToken } from "../id-token/validateIdToken.js"
import { LogoutTokenRefused, validateLogoutToken, type LogoutClaims } from "../id-token/validateLogoutToken.js"
import { authProblem } from "./clientAuthMethods.js"
import {
  idTokenFailure,
  isConnectivityFailure,
  isOAuthErrorCode,
  noAccessToken,
  noIdToken,
  toOpError,
  unusableAnswer,
} from "./opErrors.js"
import { makeAuthorizationUrls } from "./authorizationUrls.js"
import { discoveryUrl, isStandardDiscovery } from "./discoveryUrl.js"
import { OpFetch } from "./OpFetch.js"

type PrivateKeyInput = Extract<Parameters<typeof oidc.PrivateKeyJwt>[0], { key: unknown }>["key"]

/** Who we are at the OP for one call. */
export interface OpClient {
  readonly opHost: string
  readonly opDiscoveryPath?: string | null | undefined
  readonly clientId: string
  readonly clientSecret?: string | null | undefined
  /** token_endpoint_auth_method; client_secret_basic when absent */
  readonly authMethod?: string | undefined
  readonly privateKey?: { readonly key: PrivateKeyInput; readonly kid: string } | undefined
}

export type ServerMetadata = oidc.ServerMetadata
export type TokenSet = {
  readonly access_token: string
  readonly token_type?: string | undefined
  readonly expires_in?: number | undefined
  readonly refresh_token?: string | undefined
  readonly id_token?: string | undefined
  readonly scope?: string | undefined
}
/** A refresh answer; idTokenClaims only when it carried an ID token that was validated. */
export type RefreshedTokens = TokenSet & { readonly idTokenClaims?: Record<string, unknown> | undefined }
export interface CodeExchange {
  readonly code: string
  readonly redirectUri: string
  readonly state: string
  readonly nonce: string
  readonly codeVerifier: string | null
}
export type RegistrationResponse = Record<string, unknown> & { readonly client_id: string }
type OpError = OpDiscoveryFailed | OpRejected | OpUnreachable | OpAnswerUnusable | OpHostNotAllowed | OperationFailed
type RegistrationError = OpRejected | OpUnreachable | OpAnswerUnusable | OpHostNotAllowed | OperationFailed
type DiscoveryError = OpDiscoveryFailed | OpUnreachable | OpHostNotAllowed

/** A non-standard discovery document naming another issuer than op_host. */
class IssuerMismatch extends Error {
  constructor(readonly issuer: string) {
    super(`discovery document names issuer ${issuer}`)
  }
}

/**
 * Whether a login uses PKCE S256: always for a public client (it has no secret to bind the code to it), else when the
 * OP offers it. The one PKCE rule: supportsPkceS256 (Effect road) and peekSupportsPkceS256 (synchronous road) both call it.
 */
const usesPkceS256 = (c: OpClient, meta: ServerMetadata): boolean =>
  c.authMethod === "none" || (meta.code_challenge_methods_supported?.includes("S256") ?? false)

/** An introspection answer passed on as the reference does: http_status_<status>. */
const passedThrough = (e: OpRejected | OpAnswerUnusable): OpRejected | OpAnswerUnusable =>
  e._tag === "OpRejected"
    ? new OpRejected({
        operation: e.operation,
        op_error: e.op_error,
        op_error_description: e.op_error_description,
        passthrough: true,
        ...(e.op_status !== undefined ? { op_status: e.op_status } : {}),
        ...(e.advice ? { advice: e.advice } : {}),
      })
    : new OpAnswerUnusable({
        operation: e.operation,
        endpoint: e.endpoint,
        body: e.body,
        advice: e.advice,
        passthrough: true,
        ...(e.status !== undefined ? { status: e.status } : {}),
      })

const DISCOVERY_TTL_MS = 60 * 60 * 1000
const DISCOVERY_MAX = 256
const CONFIGURATIONS_MAX = 10_000

/**
 * The OpenID Provider, through openid-client: discovery (cached per issuer), dynamic registration and its
 * management (RFC 7591/7592), authorization URL, code exchange with full ID token validation, refresh,
 * userinfo, introspection, client credentials and the end-session URL.
 */
export class OpenIdProvider extends Context.Service<
  OpenIdProvider,
  {
    discover(opHost: string, path?: string | null): Effect.Effect<ServerMetadata, DiscoveryError>
    register(
      opHost: string,
      path: string | null | undefined,
      metadata: Record<string, unknown>,
    ): Effect.Effect<RegistrationResponse, OpError | NoRegistrationEndpoint>
    readRegistration(uri: string, token: string): Effect.Effect<RegistrationResponse, RegistrationError>
    updateRegistration(
      uri: string,
      token: string,
      metadata: Record<string, unknown>,
    ): Effect.Effect<RegistrationResponse, RegistrationError>
    authorizationUrl(client: OpClient, params: Record<string, string>): Effect.Effect<string, OpError>
    /** Whether logins of this client use PKCE S256: always for a public client (`none`), else when the OP offers it. */
    supportsPkceS256(client: OpClient): Effect.Effect<boolean, DiscoveryError>
    /** authorizationUrl from the cached discovery, synchronously; undefined when it is not cached (counts a hit when it is). */
    peekAuthorizationUrl(client: OpClient, params: Record<string, string>): string | undefined
    /** supportsPkceS256 from the cached discovery, synchronously; undefined when it is not cached. */
    peekSupportsPkceS256(client: OpClient): boolean | undefined
    /**
     * What a token call of this client needs before anything is sent to the token endpoint: the OP's discovery and
     * credentials its auth method can use (get_tokens_by_code checks it before spending the state).
     */
    readyToAuthenticate(client: OpClient): Effect.Effect<void, DiscoveryError | OperationFailed>
    exchangeCode(
      client: OpClient,
      x: CodeExchange,
    ): Effect.Effect<
      { tokens: TokenSet; claims: Record<string, unknown> },
      OpError | IdTokenRejected | AccessTokenHashMismatch | AuthorizationCodeHashMismatch | NoIdToken | NoAccessToken
    >
    refresh(
      client: OpClient,
      refreshToken: string,
      scope?: ReadonlyArray<string>,
    ): Effect.Effect<
      RefreshedTokens,
      OpError | NoAccessToken | IdTokenRejected | AccessTokenHashMismatch | AuthorizationCodeHashMismatch
    >
    userInfo(client: OpClient, accessToken: string): Effect.Effect<Record<string, unknown>, OpError>
    introspect(client: OpClient, token: string): Effect.Effect<Record<string, unknown>, OpError>
    clientCredentials(client: OpClient, scope: ReadonlyArray<string>): Effect.Effect<TokenSet, OpError | NoAccessToken>
    endSessionUrl(
      client: OpClient,
      params: Record<string, string>,
    ): Effect.Effect<string, OpError | NoEndSessionEndpoint>
    /** The OP's key set as published at its jwks_uri (get_jwks), from the cache the ID token checks use. */
    jwks(opHost: string, path?: string | null): Effect.Effect<JSONWebKeySet, OpError>
    /**
     * An ID token the caller holds, validated as a code-flow one is (validateIdToken: signature with the OP's keys,
     * iss, aud, azp, exp, iat; nonce, at_hash, c_hash when given): check_id_token's and check_access_token's one path.
     */
    validateIdToken(
      client: OpClient,
      idToken: string,
      extra: { nonce?: string; accessToken?: string; code?: string },
    ): Effect.Effect<
      Record<string, unknown>,
      DiscoveryError | IdTokenRejected | AccessTokenHashMismatch | AuthorizationCodeHashMismatch | OpHostNotAllowed
    >
    /**
     * A back-channel logout token for this client, validated against the OP's discovery and keys (Back-Channel
     * Logout 1.0 §2.6, the replay check aside: the caller's shared store).
     */
    verifyLogoutToken(
      client: Pick<OpClient, "opHost" | "opDiscoveryPath" | "clientId">,
      token: string,
    ): Effect.Effect<LogoutClaims, LogoutTokenRefused | DiscoveryError | OpHostNotAllowed>
  }
>()("@oxd/core/OpenIdProvider") {
  static readonly layer = Layer.effect(
    OpenIdProvider,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const { fetch } = yield* OpFetch
      const clock = yield* Clock.Clock
      const jwks = yield* JwksCache.make(fetch, undefined, () => clock.currentTimeMillisUnsafe())
      const customFetch: oidc.CustomFetch = (url, options) => fetch(url, options as RequestInit)
      /** For reads that may be sent twice (introspection is a POST): retried like GETs. */
      const idempotentFetch: oidc.CustomFetch = (url, options) =>
        fetch(url, { ...(options as RequestInit), idempotent: true })
      // fetched: answered synchronously, without a promise turn or a span (every login and check reads it)
      const discoveries = yield* ExpiringCache.make<ServerMetadata>({
        max: DISCOVERY_MAX,
        ttlMs: DISCOVERY_TTL_MS,
        name: "discovery",
      })

      const fetchMetadata = async (opHost: string, path: string | null | undefined): Promise<ServerMetadata> => {
        const issuer = new URL(opHost)
        if (isStandardDiscovery(opHost, path)) {
          const c = await oidc.discovery(issuer, "oxd", undefined, undefined, {
            [oidc.customFetch]: customFetch,
            timeout: config.op_timeout_in_seconds,
          })
          return c.serverMetadata()
        }
        // a non-standard discovery location: fetch it, then hold it to the same issuer check as discovery
        const res = await fetch(discoveryUrl(opHost, path))
        if (!res.ok) throw new Error(`discovery answered HTTP ${res.status}`)
        // the parser's message would quote the body
        const meta = (await res.json().catch(() => {
          throw new Error("the discovery document is not JSON")
        })) as ServerMetadata
        if (typeof meta.issuer !== "string" || meta.issuer.replace(/\/$/, "") !== opHost.replace(/\/$/, "")) {
          throw new IssuerMismatch(String(meta.issuer))
        }
        return meta
      }

      /** The cached document when it may answer now (a hit counted), else undefined (nothing counted). */
      const peekDiscovery = (opHost: string, path?: string | null): ServerMetadata | undefined =>
        discoveries.peek(`${opHost}|${path ?? ""}`)

      // the lookup (and its span, which captures a stack trace when made) is made only on a miss: a login asks ~4 times
      const discover = (opHost: string, path?: string | null): Effect.Effect<ServerMetadata, DiscoveryError> =>
        discoveries.get(
          `${opHost}|${path ?? ""}`,
          Effect.suspend(() =>
            Effect.tryPromise({ try: () => fetchMetadata(opHost, path), catch: (e) => discoveryError(opHost, e) }).pipe(
              Effect.withSpan("OpenIdProvider.discover"),
            ),
          ),
        )

      const discoveryError = (opHost: string, e: unknown): DiscoveryError => {
        if (e instanceof IssuerMismatch)
          return new OpDiscoveryFailed({
            op_host: opHost,
            detail: "the discovery document names another issuer",
            op_text: e.issuer,
          })
        const err = toOpError("discovery")(e)
        if (err._tag === "OpHostNotAllowed") return err
        if (err._tag === "OpUnreachable" && isConnectivityFailure(err.detail)) return err
        if (err._tag === "OpAnswerUnusable") {
          return new OpDiscoveryFailed({
            op_host: opHost,
            detail: `it answered ${err.status === undefined ? "" : `HTTP ${err.status} and `}${err.body}, not a discovery document`,
          })
        }
        if (err._tag === "OpRejected") {
          // the code in the detail only when it is one: anything else the OP put there is its text
          const code = isOAuthErrorCode(err.op_error) ? err.op_error : "unrecognised_error"
          const text = [code === err.op_error ? "" : err.op_error, err.op_error_description].filter(Boolean).join(": ")
          return new OpDiscoveryFailed({
            op_host: opHost,
            detail: `The OP refused discovery with "${code}"`,
            ...(text ? { op_text: text } : {}),
          })
        }
        return new OpDiscoveryFailed({ op_host: opHost, detail: err.detail })
      }

      const clientAuth = (c: OpClient): oidc.ClientAuth => {
        switch (c.authMethod) {
          case "client_secret_post":
            return oidc.ClientSecretPost(c.clientSecret ?? undefined)
          case "client_secret_jwt":
            return oidc.ClientSecretJwt(c.clientSecret ?? undefined)
          case "none":
            return oidc.None()
          case "private_key_jwt":
            if (c.privateKey) return oidc.PrivateKeyJwt({ key: c.privateKey.key, kid: c.privateKey.kid })
            return oidc.ClientSecretBasic(c.clientSecret ?? undefined)
          default:
            return oidc.ClientSecretBasic(c.clientSecret ?? undefined)
        }
      }

      const makeConfiguration = (meta: ServerMetadata, c: OpClient, fetchWith: oidc.CustomFetch) => {
        const cfg = new oidc.Configuration(
          meta,
          c.clientId,
          {
            ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
            [oidc.clockTolerance]: config.clock_skew_in_seconds,
          },
          clientAuth(c),
        )
        cfg[oidc.customFetch] = fetchWith
        cfg.timeout = config.op_timeout_in_seconds
        return cfg
      }
      /**
       * Configurations are reused per discovery document and client (building one per call was a measurable share
       * of a get_authorization_url; bench/README.md): keyed by the document object, so a rediscovery starts afresh,
       * and by everything of the client that goes into it. A client with a private key is built per call (its key
       * object is no string key).
       */
      const configurations = new WeakMap<ServerMetadata, Map<string, oidc.Configuration>>()
      const configuration = (c: OpClient, fetchWith: oidc.CustomFetch = customFetch) =>
        Effect.map(discover(c.opHost, c.opDiscoveryPath), (meta) => configurationFor(meta, c, fetchWith))
      const configurationFor = (meta: ServerMetadata, c: OpClient, fetchWith: oidc.CustomFetch = customFetch) => {
        if (c.privateKey) return makeConfiguration(meta, c, fetchWith)
        let byClient = configurations.get(meta)
        if (!byClient) configurations.set(meta, (byClient = new Map()))
        const key = `${fetchWith === customFetch ? "" : "i"}\0${c.clientId}\0${c.authMethod ?? ""}\0${c.clientSecret ?? ""}`
        let cfg = byClient.get(key)
        if (!cfg) {
          cfg = makeConfiguration(meta, c, fetchWith)
          byClient.set(key, cfg)
          if (byClient.size > CONFIGURATIONS_MAX) byClient.delete(byClient.keys().next().value!)
        }
        return cfg
      }

      const buildLoginUrl = (cfg: oidc.Configuration, params: Record<string, string>) =>
        oidc.buildAuthorizationUrl(cfg, params).href
      const loginUrls = makeAuthorizationUrls(buildLoginUrl)
      /** A private-key client's configuration is made per call: nothing to keep a template on. */
      const loginUrl = (c: OpClient, cfg: oidc.Configuration, params: Record<string, string>) =>
        c.privateKey ? buildLoginUrl(cfg, params) : loginUrls(cfg, params)

      const call = <A>(operation: string, f: () => Promise<A>, c?: OpClient) =>
        Effect.tryPromise({ try: f, catch: toOpError(operation, c) }).pipe(
          Effect.withSpan(`OpenIdProvider.${operation}`),
        )

      /** A client whose method needs a secret it lacks fails here, before any call: not as a failure of the OP. */
      const usable = (c: OpClient) =>
        Effect.suspend(() => {
          const problem = authProblem(c)
          return problem
            ? Effect.fail(
                new OperationFailed({
                  operation: "Authenticating at the OP's token endpoint",
                  detail: `${problem}; nothing was sent to the OP. Register the site again (register_site checks what the OP registers), or with client_token_endpoint_auth_method none for a public client (PKCE)`,
                }),
              )
            : Effect.void
        })
      /** The configuration for a call that authenticates the client at the OP. */
      const authenticating = (c: OpClient, fetchWith: oidc.CustomFetch = customFetch) =>
        Effect.andThen(usable(c), configuration(c, fetchWith))

      const asTokenSet = (t: oidc.TokenEndpointResponse): Effect.Effect<TokenSet, NoAccessToken> =>
        typeof t.access_token === "string" && t.access_token.length > 0
          ? Effect.succeed({
              access_token: t.access_token,
              token_type: t.token_type,
              expires_in: typeof t.expires_in === "number" ? t.expires_in : undefined,
              refresh_token: t.refresh_token,
              id_token: t.id_token,
              scope: t.scope,
            })
          : Effect.fail(new NoAccessToken())

      const idTokenChecks = (
        meta: ServerMetadata,
        c: OpClient,
        extra: { nonce?: string; accessToken?: string; code?: string },
      ) => {
        if (!meta.jwks_uri) return undefined
        return {
          issuer: meta.issuer,
          clientId: c.clientId,
          clockToleranceSeconds: config.clock_skew_in_seconds,
          keys: jwks.resolver(meta.jwks_uri),
          ...extra,
        }
      }

      /** RFC 7592 client configuration endpoint: openid-client has no call for it, so the same fetch is used. */
      const registrationCall = (
        operation: string,
        uri: string,
        token: string | undefined,
        method: "GET" | "PUT" | "POST",
        body?: Record<string, unknown>,
      ) =>
        Effect.gen(function* () {
          const { status, json } = yield* call(operation, async () => {
            const res = await fetch(uri, {
              method,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                accept: "application/json",
                ...(body ? { "content-type": "application/json" } : {}),
              },
              ...(body ? { body: JSON.stringify(body) } : {}),
            })
            return {
              status: res.status,
              json: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined,
            }
          })
          if (status >= 400 && json && typeof json["error"] === "string") {
            return yield* new OpRejected({
              operation,
              op_error: json["error"],
              op_error_description: String(json["error_description"] ?? ""),
              op_status: status,
            })
          }
          if (status >= 400 || !json || typeof json["client_id"] !== "string") {
            return yield* unusableAnswer(
              operation,
              undefined,
              status,
              json ? "a body without client_id" : "a body that is not a JSON object",
            )
          }
          return json as RegistrationResponse
        })

      return OpenIdProvider.of({
        discover,
        register: (opHost, path, metadata) =>
          Effect.gen(function* () {
            const meta = yield* discover(opHost, path)
            if (!meta.registration_endpoint) return yield* new NoRegistrationEndpoint({ op_host: opHost })
            // straight to the registration endpoint of the cached document: openid-client's dynamicClientRegistration
            // would run a discovery of its own at the OP on every registration
            return yield* registrationCall("registration", meta.registration_endpoint, undefined, "POST", metadata)
          }),
        readRegistration: (uri, token) => registrationCall("registration read", uri, token, "GET"),
        updateRegistration: (uri, token, metadata) =>
          registrationCall("registration update", uri, token, "PUT", metadata),
        authorizationUrl: (c, params) => Effect.map(configuration(c), (cfg) => loginUrl(c, cfg, params)),
        supportsPkceS256: (c) => Effect.map(discover(c.opHost, c.opDiscoveryPath), (m) => usesPkceS256(c, m)),
        peekAuthorizationUrl: (c, params) => {
          const meta = peekDiscovery(c.opHost, c.opDiscoveryPath)
          return meta && loginUrl(c, configurationFor(meta, c), params)
        },
        peekSupportsPkceS256: (c) => {
          const meta = peekDiscovery(c.opHost, c.opDiscoveryPath)
          return meta && usesPkceS256(c, meta)
        },
        readyToAuthenticate: (c) => Effect.andThen(usable(c), Effect.asVoid(discover(c.opHost, c.opDiscoveryPath))),
        exchangeCode: (c, x) =>
          Effect.gen(function* () {
            const cfg = yield* authenticating(c)
            const meta = cfg.serverMetadata()
            const callback = new URL(x.redirectUri)
            callback.searchParams.set("code", x.code)
            callback.searchParams.set("state", x.state)
            // oxd's protocol does not carry the OP's iss parameter (RFC 9207); the site is bound to one OP
            if (meta.authorization_response_iss_parameter_supported) callback.searchParams.set("iss", meta.issuer)
            const response = yield* Effect.tryPromise({
              try: () =>
                oidc.authorizationCodeGrant(cfg, callback, {
                  expectedState: x.state,
                  expectedNonce: x.nonce,
                  idTokenExpected: true,
                  ...(x.codeVerifier ? { pkceCodeVerifier: x.codeVerifier } : {}),
                }),
              catch: (e) => noAccessToken(e) ?? noIdToken(e) ?? idTokenFailure(e) ?? toOpError("token", c)(e),
            }).pipe(Effect.withSpan("OpenIdProvider.exchangeCode"))
            const tokens = yield* asTokenSet(response)
            if (!tokens.id_token) return yield* new NoIdToken({ source: "op" })
            const checks = idTokenChecks(meta, c, { nonce: x.nonce, accessToken: tokens.access_token, code: x.code })
            if (!checks)
              return yield* new IdTokenRejected({
                reason: "bad_signature",
                detail: "the OP publishes no jwks_uri to verify the signature with",
              })
            const claims = yield* validateIdToken(tokens.id_token, checks)
            return { tokens, claims: claims as Record<string, unknown> }
          }),
        refresh: (c, refreshToken, scope) =>
          Effect.gen(function* () {
            const cfg = yield* authenticating(c)
            const response = yield* Effect.tryPromise({
              try: () =>
                oidc.refreshTokenGrant(
                  cfg,
                  refreshToken,
                  scope && scope.length > 0 ? { scope: scope.join(" ") } : undefined,
                ),
              catch: (e) => noAccessToken(e) ?? idTokenFailure(e) ?? toOpError("refresh", c)(e),
            })
            const tokens = yield* asTokenSet(response)
            const checks = tokens.id_token
              ? idTokenChecks(cfg.serverMetadata(), c, { accessToken: tokens.access_token })
              : undefined
            if (!tokens.id_token || !checks) return tokens
            const claims = yield* validateIdToken(tokens.id_token, checks)
            return { ...tokens, idTokenClaims: claims as Record<string, unknown> }
          }),
        userInfo: (c, accessToken) =>
          Effect.flatMap(configuration(c), (cfg) =>
            call(
              "userinfo",
              () => oidc.fetchUserInfo(cfg, accessToken, oidc.skipSubjectCheck) as Promise<Record<string, unknown>>,
              c,
            ),
          ),
        introspect: (c, token) =>
          Effect.flatMap(authenticating(c, idempotentFetch), (cfg) =>
            call(
              "introspection",
              () => oidc.tokenIntrospection(cfg, token) as Promise<Record<string, unknown>>,
              c,
            ).pipe(
              // the reference's introspection lets the OP's HTTP error through: http_status_<status> (IntrospectionService.java:46-55)
              Effect.mapError((e) => (e._tag === "OpRejected" || e._tag === "OpAnswerUnusable" ? passedThrough(e) : e)),
            ),
          ),
        clientCredentials: (c, scope) =>
          Effect.gen(function* () {
            const cfg = yield* authenticating(c)
            const response = yield* Effect.tryPromise({
              try: () => oidc.clientCredentialsGrant(cfg, scope.length > 0 ? { scope: scope.join(" ") } : undefined),
              catch: (e) => noAccessToken(e) ?? toOpError("client_credentials", c)(e),
            }).pipe(Effect.withSpan("OpenIdProvider.client_credentials"))
            return yield* asTokenSet(response)
          }),
        endSessionUrl: (c, params) =>
          Effect.gen(function* () {
            const cfg = yield* configuration(c)
            if (!cfg.serverMetadata().end_session_endpoint)
              return yield* new NoEndSessionEndpoint({ op_host: c.opHost })
            return oidc.buildEndSessionUrl(cfg, params).href
          }),
        jwks: (opHost, path) =>
          Effect.gen(function* () {
            const meta = yield* discover(opHost, path)
            if (!meta.jwks_uri)
              return yield* new OperationFailed({
                operation: "get_jwks",
                detail: "the OP's discovery document names no jwks_uri",
              })
            const jwksUri = meta.jwks_uri
            return yield* call("jwks", () => jwks.keySet(jwksUri))
          }),
        validateIdToken: (c, idToken, extra) =>
          Effect.gen(function* () {
            const meta = yield* discover(c.opHost, c.opDiscoveryPath)
            const checks = idTokenChecks(meta, c, extra)
            if (!checks)
              return yield* new IdTokenRejected({
                reason: "bad_signature",
                detail: "the OP publishes no jwks_uri to verify the signature with",
              })
            return (yield* validateIdToken(idToken, checks)) as Record<string, unknown>
          }),
        verifyLogoutToken: (c, token) =>
          Effect.gen(function* () {
            const meta = yield* discover(c.opHost, c.opDiscoveryPath)
            if (!meta.jwks_uri)
              return yield* new LogoutTokenRefused({ description: "the OP publishes no jwks_uri to verify it with" })
            return yield* validateLogoutToken(token, {
              issuer: meta.issuer,
              clientId: c.clientId,
              clockToleranceSeconds: config.clock_skew_in_seconds,
              maxAgeSeconds: config.logout_token_max_age_in_seconds,
              keys: jwks.resolver(meta.jwks_uri, true),
            })
          }),
      })
    }),
  )
}
