import type { Envelope, Transport } from "./Transport.js"

/** Misbehaviours a test OP can be told to apply to the next ID token it issues. */
export type IdTokenFault = "bad_signature" | "wrong_nonce" | "wrong_aud" | "expired" | "wrong_issuer" | "bad_at_hash" | "unknown_kid"

export type UmaPolicy = { readonly kind: "grant" } | { readonly kind: "deny" } | { readonly kind: "require_claim"; readonly name: string; readonly value: string }

/** What a test UMA authorization server can be told to do; absent for an AS that cannot be driven. */
export interface UmaDriver {
  /** The decision the AS takes for a scope from now on. */
  setPolicy(scope: string, policy: UmaPolicy): Promise<void>
  /** The user fills in the claims form at a claims-gathering URL; the redirect's new ticket and state. */
  gatherClaims(url: string, claims: Record<string, string>): Promise<{ readonly ticket: string; readonly state: string | null }>
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
  /** Absent when the OP cannot be told to misbehave: scenarios needing it are skipped. */
  misbehave?(fault: IdTokenFault): Promise<void>
  rotateKeys?(): Promise<void>
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
}

export interface Env {
  readonly target: Target
  readonly op: OpDriver
  readonly redirectUri: string
  readonly postLogoutRedirectUri: string
  readonly claimsRedirectUri: string
}

/** A failure that names the command, what the spec says and what the server did. */
export class ScenarioFailure extends Error {
  override readonly name = "ScenarioFailure"
}

export interface Scenario {
  readonly id: string
  readonly title: string
  /** The spec behaviour checked: command, field, error code. */
  readonly checks: string
  readonly tags: ReadonlyArray<string>
  /** The commands it sends: a target that does not offer one of them gets the scenario skipped. */
  readonly commands?: ReadonlyArray<string>
  /** Why this scenario cannot run against this environment, or undefined. */
  skip?(env: Env): string | undefined
  run(t: Ctx): Promise<void>
}

export const scenario = (s: Scenario): Scenario => s

const describe = (e: Envelope) =>
  e.status === "ok" ? "status ok" : `error ${e.data.error} (${e.data.error_description})`

/** What a scenario works with: calls that assert, and the flows every scenario needs. */
export class Ctx {
  #transport: Transport | undefined
  /** The protection_access_token sent with every call once a setup client exists. */
  token: string | undefined
  readonly cleanups: Array<() => Promise<void>> = []

  constructor(readonly env: Env) {}

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
    const withToken = this.token && params["protection_access_token"] === undefined ? { ...params, protection_access_token: this.token } : params
    return this.transport.call(command, withToken)
  }

  async ok(command: string, params: Record<string, unknown>, why = ""): Promise<Record<string, unknown>> {
    const reply = await this.call(command, params)
    if (reply.status !== "ok") throw new ScenarioFailure(`${command}: expected status ok${why ? ` ${why}` : ""}, got ${describe(reply)}`)
    return reply.data
  }

  async fails(command: string, params: Record<string, unknown>, code: string, why: string): Promise<{ error: string; error_description: string }> {
    const reply = await this.call(command, params)
    if (reply.status !== "error" || reply.data.error !== code) {
      throw new ScenarioFailure(`${command}: expected error ${code} for ${why}, got ${describe(reply)}`)
    }
    if (typeof reply.data.error_description !== "string" || reply.data.error_description.length === 0) {
      throw new ScenarioFailure(`${command}: error ${code} must carry an error_description saying what to fix`)
    }
    return reply.data
  }

  expect(condition: unknown, message: string): asserts condition {
    if (!condition) throw new ScenarioFailure(message)
  }

  /** A protection token of a new setup client (the server's REST API, or TCP with protection on, needs one). */
  async setupClient(extra: Record<string, unknown> = {}): Promise<{ setupOxdId: string; clientId: string; token: string }> {
    const setup = await this.ok("setup_client", { op_host: this.env.op.issuer, authorization_redirect_uri: this.env.redirectUri, ...extra })
    const token = await this.ok("get_client_token", {
      op_host: this.env.op.issuer,
      client_id: setup["client_id"],
      client_secret: setup["client_secret"],
      scope: ["uma_protection"],
    })
    this.expect(typeof token["access_token"] === "string", "get_client_token: expected data.access_token to be a string")
    return { setupOxdId: String(setup["setup_client_oxd_id"]), clientId: String(setup["client_id"]), token: String(token["access_token"]) }
  }

  /** register_site with sensible params (and a setup client first when the target is protected). */
  async registerSite(params: Record<string, unknown> = {}): Promise<string> {
    if (this.env.target.protection && !this.token) this.token = (await this.setupClient()).token
    const data = await this.ok("register_site", {
      op_host: this.env.op.issuer,
      authorization_redirect_uri: this.env.redirectUri,
      post_logout_redirect_uri: this.env.postLogoutRedirectUri,
      scope: ["openid", "profile", "email", "offline_access"],
      grant_types: ["authorization_code", "refresh_token"],
      ...params,
    })
    this.expect(typeof data["oxd_id"] === "string" && data["oxd_id"].length > 0, "register_site: expected data.oxd_id")
    return String(data["oxd_id"])
  }

  /** get_authorization_url, then the user logs in at the OP: the code and state of the redirect. */
  async authorize(oxdId: string, params: Record<string, unknown> = {}): Promise<{ code: string; state: string; url: URL }> {
    const data = await this.ok("get_authorization_url", { oxd_id: oxdId, ...params })
    const url = new URL(String(data["authorization_url"]))
    const { code, state } = await this.env.op.login(url.href)
    this.expect(state !== null, "the OP's redirect carried no state although get_authorization_url set one")
    return { code, state, url }
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
  async protectAndTicket(oxdId: string, resources: unknown, path: string, method: string): Promise<string> {
    await this.ok("uma_rs_protect", { oxd_id: oxdId, resources })
    const denied = await this.ok("uma_rs_check_access", { oxd_id: oxdId, path, http_method: method, rpt: "" })
    this.expect(denied["access"] === "denied" && typeof denied["ticket"] === "string", `uma_rs_check_access: expected access denied with a ticket for a request without RPT, got ${JSON.stringify(denied)}`)
    return String(denied["ticket"])
  }

  /** A whole login: tokens by code. */
  async signIn(oxdId: string): Promise<Record<string, unknown>> {
    const { code, state } = await this.authorize(oxdId)
    return this.ok("get_tokens_by_code", { oxd_id: oxdId, code, state })
  }

  async dispose(): Promise<void> {
    for (const c of this.cleanups.splice(0)) await c().catch(() => undefined)
    await this.#transport?.close()
  }
}
