import { randomBytes } from "node:crypto"
import { join } from "node:path"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createServer, type Server } from "node:https"
import type { AddressInfo } from "node:net"
import type Provider from "oidc-provider"
import { TEST_USERS, type TestUser } from "./accounts.js"
import { ADMIN_PREFIX, handleAdmin } from "./admin.js"
import { MemoryStore } from "./adapter.js"
import { ensureCertificates } from "./certs.js"
import { Counters } from "./counters.js"
import { DiscoveryRewrites, type DiscoveryRewrite } from "./discovery.js"
import { applyFault, Faults, type Fault } from "./fault.js"
import { sendHtml } from "./http.js"
import { handleInteraction, isInteractionPath } from "./interactions.js"
import { KeyRing, type SigningAlg } from "./keys.js"
import { assertLoopbackHost } from "./loopback.js"
import { Misbehaviours, type Misbehaviour } from "./misbehave.js"
import { Rogue } from "./rogue.js"
import { signJwt, type SignJwtOptions } from "./signJwt.js"
import { Quirks, type Quirk } from "./quirks.js"
import { DEFAULT_TTL, createProvider, supportedScopes, type TtlOptions } from "./provider.js"
import type { UmaContext } from "./uma/context.js"
import { createUmaControl, type UmaControl } from "./uma/control.js"
import { Policies } from "./uma/policies.js"
import { handleUma, isUmaPath } from "./uma/router.js"
import { DEFAULT_UMA_TTL, UmaStore, type UmaTtlOptions } from "./uma/store.js"
import { handleWebFinger, WEBFINGER_PATH } from "./webfinger.js"
import { handleBasicAuthorize, isBasicAuthorize } from "./basicAuthorize.js"
import { isRequestUriAuthorize, resolveRequestUri } from "./requestUri.js"

export interface StartTestOpOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string
  /** Where the CA and server certificate live; default `<cwd>/.oxd/test-op`. */
  stateDir?: string
  /** Scopes to support on top of SCOPES (unknown scopes are dropped from tokens by oidc-provider). */
  extraScopes?: readonly string[]
  /** Token lifetimes in seconds, merged over DEFAULT_TTL and DEFAULT_UMA_TTL (e.g. `{ ClientCredentials: 2, RPT: 1 }`). */
  ttl?: Partial<TtlOptions & UmaTtlOptions>
  /** Receives one line per request (method, path, status, ms). Silent by default. */
  log?: (line: string) => void
  /**
   * A path the issuer ends with, e.g. "/api/oidc": the OP is served under it (https://127.0.0.1:<port>/api/oidc), as
   * an OP mounted in a larger application is. The control API, the login pages and UMA also answer at the root.
   */
  mountPath?: string
  /** Receives internal errors; default console.error. */
  onError?: (message: string, err: unknown) => void
  /**
   * Request objects (OpenID Connect Core §6): `request` by value, and an https `request_uri` on loopback fetched
   * by reference (requestUri.ts). Off by default: with them on, oidc-provider asks a client registered with a
   * request_object_signing_alg for its keys (jwks or jwks_uri), which other tests do not register.
   */
  requestObjects?: boolean
}

export interface RotateKeysResult {
  /** The new RS256 kid (the default ID token alg). */
  kid: string
  /** New kid per algorithm. */
  kids: Record<SigningAlg, string>
}

export interface TestOp {
  readonly issuer: string
  readonly port: number
  /** PEM file of the CA that signed the server certificate; trust this, e.g. NODE_EXTRA_CA_CERTS. */
  readonly caFile: string
  readonly caPem: string
  /**
   * The OP's own certificate and key files (127.0.0.1, ::1, localhost; signed by `caFile`): for a loopback server the
   * OP must trust, e.g. one serving it request objects by `request_uri` (requestUri.ts).
   */
  readonly tlsFiles: { readonly cert: string; readonly key: string }
  readonly users: ReadonlyArray<TestUser>
  /** The current oidc-provider instance (replaced by rotateKeys). */
  readonly provider: Provider
  misbehave(m: Misbehaviour): void
  /** Makes the OP down, slow, answer garbage or HTTP 500 (see fault.ts); `null` lifts it. The control API is never faulted. */
  fault(f: Fault | null): void
  /** The fault in force and how many requests it hit. */
  currentFault(): (Fault & { hits: number }) | null
  /** Rewrites fields of the discovery documents (see discovery.ts), e.g. an endpoint on another host; `null` lifts it. */
  rewriteDiscovery(rewrite: DiscoveryRewrite | null): void
  /** The discovery rewrite in force. */
  currentDiscoveryRewrite(): DiscoveryRewrite
  pendingMisbehaviours(): Misbehaviour[]
  /**
   * Makes the OP's clock, as its answers' `Date` header shows it, `seconds` off (positive: ahead); 0 (or reset()) puts
   * it right. Tokens keep the real time: this is the skew a client measures against the header, not a forged token.
   */
  skewClock(seconds: number): void
  /** The skew in force, in seconds. */
  currentClockSkew(): number
  /** Makes this OP an attacker's: forged introspection answers, chosen client_ids (rogue.ts). Cleared by reset(). */
  readonly rogue: Pick<Rogue, "forgeIntrospection" | "registerNextAs">
  /** Registers clients as some other OPs do (quirks.ts); `[]` (or reset()) lifts them. */
  quirks(quirks: readonly Quirk[]): void
  currentQuirks(): Quirk[]
  /** New signing keys (RS256 and ES256) that sign from now on; old ones stay in the JWKS unless keepOld is false. */
  rotateKeys(opts?: { keepOld?: boolean }): Promise<RotateKeysResult>
  /** Requests per oidc-provider route since start/reset, e.g. { discovery: 1, jwks: 2, "token.refresh_token": 1 }. */
  counters(): Record<string, number>
  /** The UMA 2.0 authorization server on the same origin: policies, RPT lifetime, registered resources. */
  readonly uma: UmaControl
  /** A JWT of the claims given, signed with the OP's key (or an unpublished one): signJwt.ts. */
  signJwt(payload: Record<string, unknown>, opts?: SignJwtOptions): Promise<string>
  /** Clears misbehaviours, faults, the clock skew, discovery rewrites, counters and UMA policies/RPT lifetime (keys, clients, sessions and UMA resources stay). */
  reset(): void
  close(): Promise<void>
}

export async function startTestOp(opts: StartTestOpOptions = {}): Promise<TestOp> {
  const host = opts.host ?? "127.0.0.1"
  assertLoopbackHost(host)
  const mountPath = (opts.mountPath ?? "").replace(/\/+$/, "")
  if (mountPath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(mountPath))
    throw new TypeError("mountPath must be a path such as /api/oidc")
  const { RPT, PermissionTicket, PCT, ...oidcTtl } = opts.ttl ?? {}
  const umaTtlOptions = umaTtl({ RPT, PermissionTicket, PCT })
  const [certs, keys] = await Promise.all([ensureCertificates(opts.stateDir), KeyRing.create()])
  const onError = opts.onError ?? ((message, err) => console.error(`[test-op] ${message}:`, err))

  const misbehaviours = new Misbehaviours()
  const faults = new Faults()
  const counters = new Counters()
  const rogue = new Rogue()
  const quirks = new Quirks()
  const discovery = new DiscoveryRewrites()
  let clockSkewMs = 0
  // eslint-disable-next-line prefer-const -- assigned once the provider exists; the request handler reads it
  let op: TestOp | undefined
  let handler: ((req: IncomingMessage, res: ServerResponse) => unknown) | undefined
  let provider: Provider | undefined

  const server: Server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
    const started = Date.now()
    if (opts.log) {
      const log = opts.log
      res.on("finish", () => log(`${req.method} ${req.url?.split("?")[0]} ${res.statusCode} ${Date.now() - started}ms`))
    }
    if (
      mountPath &&
      (req.url === mountPath || req.url?.startsWith(`${mountPath}/`) || req.url?.startsWith(`${mountPath}?`))
    ) {
      // as a mounted app sees it; oidc-provider builds its endpoint URLs from originalUrl's prefix
      ;(req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url
      req.url = req.url.slice(mountPath.length) || "/"
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/"
    // Node writes Date itself unless the header is set: a skewed clock sets it on every answer
    if (clockSkewMs !== 0) res.setHeader("Date", new Date(Date.now() + clockSkewMs).toUTCString())
    if (!op || !provider || !handler) return sendHtml(res, 503, "starting")
    if (path.startsWith(ADMIN_PREFIX)) return void handleAdmin(op, req, res)
    const fault = faults.take(path)
    if (fault) {
      counters.inc(`fault.${fault.mode}`)
      return applyFault(fault, req, res, () => route(req, res, path))
    }
    return route(req, res, path)
  })
  const route = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (!provider || !handler) return sendHtml(res, 503, "starting")
    if (isUmaPath(path)) return void handleUma(uma, req, res).catch((err) => fail(res, err))
    if (opts.requestObjects && isRequestUriAuthorize(req, path))
      return void resolveRequestUri(req, res, certs.caPem, counters, () => route(req, res, path)).catch((err) =>
        fail(res, err),
      )
    if (isBasicAuthorize(req, path))
      return void handleBasicAuthorize(issuer, certs.caPem, counters, req, res).catch((err) => fail(res, err))
    if (path === WEBFINGER_PATH) {
      counters.inc("webfinger")
      return handleWebFinger(issuer, req, res)
    }
    if (rogue.handles(req, path)) return void rogue.answer(req, res).catch((err) => fail(res, err))
    if (isInteractionPath(path)) {
      counters.inc("interaction")
      return void handleInteraction(provider, req, res).catch((err) => fail(res, err))
    }
    return handler(req, res)
  }
  const fail = (res: ServerResponse, err: unknown) => {
    onError("request failed", err)
    if (!res.headersSent) sendHtml(res, 500, "internal error")
    else res.destroy()
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const issuer = `https://${host.includes(":") ? `[${host}]` : host}:${port}${mountPath}`

  const scopes = supportedScopes(opts.extraScopes ?? [])
  const uma: UmaContext = {
    issuer,
    store: new UmaStore(umaTtlOptions),
    policies: new Policies(),
    counters,
    keys,
    scopes,
    discovery,
    provider: () => provider as Provider,
  }
  const deps = {
    issuer,
    keys,
    store: new MemoryStore(),
    cookieKeys: [randomBytes(32).toString("base64url")],
    ttl: { ...DEFAULT_TTL, ...oidcTtl },
    extraScopes: opts.extraScopes ?? [],
    requestObjects: opts.requestObjects ?? false,
    misbehaviours,
    counters,
    rogue,
    quirks,
    discovery,
    onError,
    uma,
  }
  const install = () => {
    provider = createProvider(deps)
    handler = provider.callback()
  }
  try {
    install()
  } catch (err) {
    server.close()
    throw err
  }

  const umaControl = createUmaControl(uma)
  op = {
    issuer,
    port,
    caFile: certs.caFile,
    caPem: certs.caPem,
    tlsFiles: { cert: join(certs.dir, "server.pem"), key: join(certs.dir, "server-key.pem") },
    users: TEST_USERS,
    get provider() {
      return provider as Provider
    },
    misbehave: (m) => misbehaviours.add(m),
    fault: (f) => faults.set(f),
    currentFault: () => faults.current(),
    rewriteDiscovery: (r) => discovery.set(r),
    currentDiscoveryRewrite: () => discovery.current(),
    pendingMisbehaviours: () => misbehaviours.list(),
    skewClock: (seconds) => {
      if (typeof seconds !== "number" || !Number.isFinite(seconds)) throw new TypeError("seconds must be a number")
      clockSkewMs = Math.round(seconds * 1000)
    },
    currentClockSkew: () => clockSkewMs / 1000,
    rogue,
    quirks: (q) => quirks.set(q),
    currentQuirks: () => quirks.current(),
    async rotateKeys({ keepOld = true } = {}) {
      const kids = await keys.rotate(keepOld)
      // oidc-provider fixes its JWKS at construction, so swap in a fresh instance over the same store.
      install()
      return { kid: kids.RS256, kids }
    },
    counters: () => counters.snapshot(),
    signJwt: (payload, o) => signJwt(keys, payload, o),
    uma: umaControl,
    reset() {
      misbehaviours.clear()
      rogue.clear()
      quirks.clear()
      faults.set(null)
      discovery.set(null)
      clockSkewMs = 0
      counters.reset()
      umaControl.reset()
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections() // keep-alive sockets would hold close() open
      }),
  }
  return op
}

function umaTtl(overrides: Partial<UmaTtlOptions>): UmaTtlOptions {
  const ttl = { ...DEFAULT_UMA_TTL }
  for (const [key, value] of Object.entries(overrides) as Array<[keyof UmaTtlOptions, number | undefined]>) {
    if (value === undefined) continue
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
      throw new TypeError(`ttl.${key} must be a positive number`)
    ttl[key] = value
  }
  return ttl
}
