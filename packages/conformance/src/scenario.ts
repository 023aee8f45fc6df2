import {
  inProfile,
  isSourceSpec,
  reference,
  resolveSource,
  type Profile,
  type Source,
  type SourceSpec,
} from "./source.js"
import type { Envelope, Transport } from "./Transport.js"

/** Misbehaviours a test OP can be told to apply to the next ID token it issues. */
export type IdTokenFault =
  "bad_signature" | "wrong_nonce" | "wrong_aud" | "expired" | "wrong_issuer" | "bad_at_hash" | "unknown_kid"

/** No fault, a way of OPs: `with_at_hash`, the next ID token of the token endpoint binds its access token (at_hash). */
export type OpBehaviour = "with_at_hash"

export type UmaPolicy =
  | { readonly kind: "grant" }
  | { readonly kind: "deny" }
  | { readonly kind: "require_claim"; readonly name: string; readonly value: string }

/** What a test UMA authorization server can be told to do; absent for an AS that cannot be driven. */
export interface UmaDriver {
  /** The decision the AS takes for a scope from now on. */
  setPolicy(scope: string, policy: UmaPolicy): Promise<void>
  /** The user fills in the claims form at a claims-gathering URL; the redirect's new ticket and state. */
  gatherClaims(
    url: string,
    claims: Record<string, string>,
  ): Promise<{ readonly ticket: string; readonly state: string | null }>
  /** Lifetime of RPTs issued from now on. */
  setRptTtl(seconds: number): Promise<void>
  /** RPT introspections the AS has answered so far. */
  introspections(): Promise<number>
}

/** The OpenID Provider side of a run: how to log a user in, and what it can be told to do. */
export interface OpDriver {
  readonly uma?: UmaDriver
  readonly issuer: string
  /** false when the OP publishes no UMA 2 configuration: UMA scenarios are skipped. Undefined: assumed to. */
  readonly offersUma?: boolean
  login(authorizationUrl: string): Promise<{ readonly code: string; readonly state: string | null }>
  /**
   * false when the OP's registration answer has no registration_client_uri (RFC 7591 §3.2.1): it offers no RFC 7592
   * client configuration endpoint, so a registration cannot be changed (update_site). Undefined: assumed to.
   */
  readonly clientManagement?: boolean
  /** Absent when the OP cannot be told to misbehave: scenarios needing it are skipped. */
  misbehave?(fault: IdTokenFault | OpBehaviour): Promise<void>
  rotateKeys?(): Promise<void>
  /**
   * A JWT of these claims signed with the OP's key (`key: "impostor"`: another key under the OP's kid), for logout
   * tokens the OP would not send on its own. Absent: the logout scenarios are skipped.
   */
  signJwt?(claims: Record<string, unknown>, opts?: { readonly key?: "op" | "impostor" }): Promise<string>
}

/** The oxd server under test. */
export interface Target {
  /** A new transport (connection) to the server. */
  connect(): Transport
  /** Where the server is (host:port or URL), for reports. */
  readonly description?: string
  /** Why the server cannot be reached on this transport (refused, TLS, not an oxd API), or undefined when it answers. */
  probe?(): Promise<string | undefined>
  /** The server demands protection_access_token on site commands. */
  readonly protection: boolean
  /** Stop and start the server on the same store (restart survival); absent when the suite cannot. */
  restart?(): Promise<void>
  /** A server on the same store whose states expire after `seconds`; absent when there is none. */
  readonly shortStateExpiry?: { connect(): Transport; readonly seconds: number }
  /**
   * Instances behind this target that share one store but keep their own caches (a load balancer in front of a
   * cluster); 1 when absent. Per-instance caches are then expected once per instance.
   */
  readonly instances?: number
  /**
   * Hands the server a back-channel logout token as the OP would (POST to its receiver, docs/logout.md): the HTTP
   * status and the body. Absent when the suite cannot reach the receiver: the logout scenarios are skipped.
   */
  backchannelLogout?(logoutToken: string): Promise<{ readonly status: number; readonly body: unknown }>
}

export interface Env {
  readonly target: Target
  readonly op: OpDriver
  readonly redirectUri: string
  readonly postLogoutRedirectUri: string
  readonly claimsRedirectUri: string
  /**
   * How sites and setup clients authenticate at the OP's token endpoint (RFC 7591 §2 token_endpoint_auth_method):
   * sent as client_token_endpoint_auth_method with every registration and authentication_method with get_client_token.
   * Undefined: neither is sent (the server's default, client_secret_basic).
   */
  readonly authMethod?: string | undefined
  /**
   * The user the OP knows, for commands that log in with a password (oxd 4.x's test helpers). Undefined: the test
   * OP's alice.
   */
  readonly user?: { readonly username: string; readonly password: string }
}

/** A failure that names the command, what the spec says and what the server did; and where that check comes from. */
export class ScenarioFailure extends Error {
  override readonly name = "ScenarioFailure"
  constructor(
    message: string,
    readonly source?: Source,
  ) {
    super(message)
  }
}

/** One assertion of a run: what it checked, its source, and how it went. */
export interface AssertionRecord {
  readonly what: string
  readonly source: Source
  /** `left-out`: not evaluated, its source is not in the run's profile (a hardening check under `reference`). */
  readonly status: "passed" | "failed" | "left-out"
  /** A step of a Ctx helper (register a site, sign in…) rather than one of the scenario's own checks. */
  readonly helper?: true
}

export interface Scenario {
  readonly id: string
  readonly title: string
  /** The spec behaviour checked: command, field, error code. */
  readonly checks: string
  readonly tags: ReadonlyArray<string>
  /**
   * Where its checks come from, unless an assertion says otherwise (its last argument): `reference(citation)` or
   * `hardening(reason)`. A `hardening` scenario is hardening as a whole: it is not in the `reference` profile.
   */
  readonly source: Source
  /** The commands it sends: a target that does not offer one of them gets the scenario skipped. */
  readonly commands?: ReadonlyArray<string>
  /**
   * The transports it runs over (default: every one). A scenario about one API surface itself (the 4.x REST API's
   * bare replies, HTTP statuses, headers) names it; over the others it is skipped, saying so.
   */
  readonly transports?: ReadonlyArray<string>
  /** Why the scenario is optional (said with the skip when the target does not offer one of its commands). */
  readonly optional?: string
  /** Why this scenario cannot run against this environment, or undefined. */
  skip?(env: Env): string | undefined
  run(t: Ctx): Promise<void>
}

export const scenario = (s: Scenario): Scenario => s

/** Thrown by `Ctx.skip`: the scenario found, while running, that the target cannot show what it checks. */
export class ScenarioSkipped extends Error {
  override readonly name = "ScenarioSkipped"
}

const describe = (e: Envelope) =>
  e.status === "ok" ? "status ok" : `error ${e.data.error} (${e.data.error_description})`

export interface CtxOptions {
  /** The scenario's source: that of every assertion that names none. */
  readonly source: Source
  /** Which assertions are evaluated: `reference` leaves hardening ones out; default strict. */
  readonly profile?: Profile
}

// the sources of the helpers' steps: each is what oxd 3.1.4 does
const SETUP_CLIENT = reference("S/op/SetupClientOperation.java:39-103, C/response/SetupClientResponse.java:12-33")
const GET_CLIENT_TOKEN = reference(
  "S/op/GetClientTokenOperation.java:44-108, C/response/GetClientTokenResponse.java:12-19",
)
const REGISTER_SITE = reference("S/op/RegisterSiteOperation.java:61-75, C/response/RegisterSiteResponse.java:12-15")
const GET_AUTHORIZATION_URL = reference(
  "S/op/GetAuthorizationUrlOperation.java:39-85 (the URL carries state and nonce, :51-72)",
)
const UMA_RS_PROTECT = reference("S/op/RsProtectOperation.java:49-170")
const UMA_RS_CHECK_ACCESS = reference("S/op/RsCheckAccessOperation.java:46-136 (denied with a ticket without RPT)")
const GET_TOKENS_BY_CODE = reference("S/op/GetTokensByCodeOperation.java:42-114")

/** What a left-out `fails` answers: the expected code, no description (a check reading it must be left out too). */
const LEFT_OUT_ERROR = (code: string) => ({ error: code, error_description: "" })

/**
 * What a scenario works with: calls that assert, and the flows every scenario needs. Each assertion (`ok`, `fails`,
 * `expect`) has the scenario's source unless its optional last argument names another (`hardening("…")`,
 * `reference("…")`, `byTransport({ https: … })`); one whose source is not in the run's profile is not evaluated —
 * not even sent — and is recorded as left out.
 */
export class Ctx {
  #transport: Transport | undefined
  #helperDepth = 0
  /** The protection_access_token sent with every call once a setup client exists. */
  token: string | undefined
  readonly cleanups: Array<() => Promise<void>> = []
  readonly source: Source
  readonly profile: Profile
  /** Every assertion so far, in order. */
  readonly records: AssertionRecord[] = []

  constructor(
    readonly env: Env,
    opts: CtxOptions,
  ) {
    this.source = opts.source
    this.profile = opts.profile ?? "strict"
  }

  get transport(): Transport {
    return (this.#transport ??= this.env.target.connect())
  }

  /** Uses a fresh connection from here on (e.g. after a restart). */
  reconnect(connect: () => Transport = () => this.env.target.connect()): void {
    const old = this.#transport
    if (old) this.cleanups.push(() => old.close())
    this.#transport = connect()
  }

  call(command: string, params: Record<string, unknown>): Promise<Envelope> {
    const withToken =
      this.token && params["protection_access_token"] === undefined
        ? { ...params, protection_access_token: this.token }
        : params
    return this.transport.call(command, withToken)
  }

  #record(what: string, source: Source, status: AssertionRecord["status"]): void {
    this.records.push({ what, source, status, ...(this.#helperDepth > 0 ? { helper: true as const } : {}) })
  }

  /**
   * The assertion's source, or undefined (recorded as left out) when the profile does not evaluate it. A helper's
   * 3.1 steps count in the reference-4 profile too: over tcp, ws and https the 4.x commands come in the 3.1 API,
   * whose way in (setup_client, register_site) is the 3.1 reference's.
   */
  #admit(what: string, spec: SourceSpec | undefined): Source | undefined {
    const source = spec === undefined ? this.source : resolveSource(spec, this.transport.name, this.source)
    if (inProfile(source, this.profile)) return source
    if (this.#helperDepth > 0 && this.profile === "reference-4" && source.kind === "reference") return source
    this.#record(what, source, "left-out")
    return undefined
  }

  #fail(what: string, source: Source, message: string): never {
    this.#record(what, source, "failed")
    throw new ScenarioFailure(message, source)
  }

  /** A helper's own steps are recorded as such (they set a scenario up; they are not what it checks). */
  async #helper<T>(run: () => Promise<T>): Promise<T> {
    this.#helperDepth++
    try {
      return await run()
    } finally {
      this.#helperDepth--
    }
  }

  /** `command` answers status ok. Last argument: the source, when not the scenario's. Left out: answers `{}`. */
  async ok(
    command: string,
    params: Record<string, unknown>,
    why: string | SourceSpec = "",
    sourceSpec?: SourceSpec,
  ): Promise<Record<string, unknown>> {
    const [reason, spec] = isSourceSpec(why) ? ["", why] : [why, sourceSpec]
    const what = `${command}: status ok${reason ? ` ${reason}` : ""}`
    const source = this.#admit(what, spec)
    if (!source) return {}
    const reply = await this.call(command, params)
    if (reply.status !== "ok")
      this.#fail(what, source, `${command}: expected status ok${reason ? ` ${reason}` : ""}, got ${describe(reply)}`)
    this.#record(what, source, "passed")
    return reply.data
  }

  /** `command` answers error `code` with a description. Last argument: the source, when not the scenario's. */
  async fails(
    command: string,
    params: Record<string, unknown>,
    code: string,
    why: string,
    sourceSpec?: SourceSpec,
  ): Promise<{ error: string; error_description: string }> {
    const what = `${command}: error ${code} for ${why}`
    const source = this.#admit(what, sourceSpec)
    if (!source) return LEFT_OUT_ERROR(code)
    const reply = await this.call(command, params)
    if (reply.status !== "error" || reply.data.error !== code) {
      this.#fail(what, source, `${command}: expected error ${code} for ${why}, got ${describe(reply)}`)
    }
    if (typeof reply.data.error_description !== "string" || reply.data.error_description.length === 0) {
      this.#fail(what, source, `${command}: error ${code} must carry an error_description saying what to fix`)
    }
    this.#record(what, source, "passed")
    return reply.data
  }

  /** Ends the scenario as skipped: the target cannot show what it checks (a command switched off…), and why. */
  skip(reason: string): never {
    throw new ScenarioSkipped(reason)
  }

  /** `condition` holds. Last argument: the source, when not the scenario's. Left out: not evaluated at all. */
  expect(condition: unknown, message: string, sourceSpec?: SourceSpec): asserts condition {
    const source = this.#admit(message, sourceSpec)
    if (!source) return
    if (!condition) this.#fail(message, source, message)
    this.#record(message, source, "passed")
  }

  /** The run's client authentication method, as register_site/setup_client and get_client_token params. */
  authParams(): { registration: Record<string, string>; token: Record<string, string> } {
    const m = this.env.authMethod
    return m
      ? { registration: { client_token_endpoint_auth_method: m }, token: { authentication_method: m } }
      : { registration: {}, token: {} }
  }

  /** A protection token of a new setup client (the server's REST API, or TCP with protection on, needs one). */
  setupClient(extra: Record<string, unknown> = {}): Promise<{ setupOxdId: string; clientId: string; token: string }> {
    return this.#helper(async () => {
      const setup = await this.ok(
        "setup_client",
        {
          op_host: this.env.op.issuer,
          authorization_redirect_uri: this.env.redirectUri,
          ...this.authParams().registration,
          ...extra,
        },
        SETUP_CLIENT,
      )
      const token = await this.ok(
        "get_client_token",
        {
          ...this.authParams().token,
          op_host: this.env.op.issuer,
          client_id: setup["client_id"],
          client_secret: setup["client_secret"],
          // a protected 3.1.4 wants `oxd` (S/service/ValidationService.java:138); OPs without that scope grant
          // `uma_protection`, which oxd-ts also accepts: asking both suits either server
          scope: ["oxd", "uma_protection"],
        },
        GET_CLIENT_TOKEN,
      )
      this.expect(
        typeof token["access_token"] === "string",
        "get_client_token: expected data.access_token to be a string",
        GET_CLIENT_TOKEN,
      )
      return {
        setupOxdId: String(setup["setup_client_oxd_id"]),
        clientId: String(setup["client_id"]),
        token: String(token["access_token"]),
      }
    })
  }

  /** register_site with sensible params (and a setup client first when the target is protected). */
  registerSite(params: Record<string, unknown> = {}): Promise<string> {
    return this.#helper(async () => {
      if (this.env.target.protection && !this.token) this.token = (await this.setupClient()).token
      const data = await this.ok(
        "register_site",
        {
          op_host: this.env.op.issuer,
          authorization_redirect_uri: this.env.redirectUri,
          post_logout_redirect_uri: this.env.postLogoutRedirectUri,
          scope: ["openid", "profile", "email", "offline_access"],
          grant_types: ["authorization_code", "refresh_token"],
          ...this.authParams().registration,
          ...params,
        },
        REGISTER_SITE,
      )
      this.expect(
        typeof data["oxd_id"] === "string" && data["oxd_id"].length > 0,
        "register_site: expected data.oxd_id",
        REGISTER_SITE,
      )
      return String(data["oxd_id"])
    })
  }

  /** get_authorization_url, then the user logs in at the OP: the code and state of the redirect. */
  authorize(oxdId: string, params: Record<string, unknown> = {}): Promise<{ code: string; state: string; url: URL }> {
    return this.#helper(async () => {
      const data = await this.ok("get_authorization_url", { oxd_id: oxdId, ...params }, GET_AUTHORIZATION_URL)
      const url = new URL(String(data["authorization_url"]))
      const { code, state } = await this.env.op.login(url.href)
      this.expect(
        state !== null,
        "the OP's redirect carried no state although get_authorization_url set one",
        GET_AUTHORIZATION_URL,
      )
      return { code, state, url }
    })
  }

  /** A site that can protect resources and ask for RPTs (client_credentials for its PAT, a claims redirect). */
  async registerUmaSite(): Promise<string> {
    return this.registerSite({
      scope: ["openid", "uma_protection"],
      // client_credentials gets the site its PAT; the uma-ticket grant lets it ask for RPTs
      grant_types: ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"],
      claims_redirect_uri: [this.env.claimsRedirectUri],
    })
  }

  /** uma_rs_protect, then the denial of a check without RPT: its ticket. */
  protectAndTicket(oxdId: string, resources: unknown, path: string, method: string): Promise<string> {
    return this.#helper(async () => {
      await this.ok("uma_rs_protect", { oxd_id: oxdId, resources }, UMA_RS_PROTECT)
      const denied = await this.ok(
        "uma_rs_check_access",
        { oxd_id: oxdId, path, http_method: method, rpt: "" },
        UMA_RS_CHECK_ACCESS,
      )
      this.expect(
        denied["access"] === "denied" && typeof denied["ticket"] === "string",
        `uma_rs_check_access: expected access denied with a ticket for a request without RPT, got ${JSON.stringify(denied)}`,
        UMA_RS_CHECK_ACCESS,
      )
      return String(denied["ticket"])
    })
  }

  /** A whole login: tokens by code. */
  signIn(oxdId: string): Promise<Record<string, unknown>> {
    return this.#helper(async () => {
      const { code, state } = await this.authorize(oxdId)
      return this.ok("get_tokens_by_code", { oxd_id: oxdId, code, state }, GET_TOKENS_BY_CODE)
    })
  }

  async dispose(): Promise<void> {
    for (const c of this.cleanups.splice(0)) await c().catch(() => undefined)
    await this.#transport?.close()
  }
}
