import { describeError } from "./errors.js"
import { connectOp, type ConnectOpOptions } from "./drivers/op.js"
import { notInProfile, notOver, runScenario, type Outcome } from "./runner.js"
import type { Env, OpDriver, Scenario, Target } from "./scenario.js"
import { scenarios as allScenarios } from "./scenarios/index.js"
import type { Profile, Source } from "./source.js"
import { DEFAULT_TARGETS, externalTarget, TRANSPORTS, TRANSPORTS_4, type TransportName } from "./targets.js"

/** One scenario's outcome on one transport, with what it checks and where that comes from (for reports). */
export type ScenarioResult = Outcome & {
  readonly transport: TransportName
  readonly title: string
  readonly checks: string
  readonly tags: ReadonlyArray<string>
  /** The scenario's source (its assertions' unless they name another). */
  readonly source: Source
}

export interface TransportResult {
  readonly transport: TransportName
  /** The target's address (or "in-process"). */
  readonly target: string
  /**
   * Why the transport was not tested at all (it does not answer), or undefined. A transport the run was asked to
   * check (`mustAnswer`) then has every scenario failed; another one has them skipped.
   */
  readonly unreachable: string | undefined
  /** Commands the target does not offer, with what it answered. */
  readonly unsupported: Readonly<Record<string, string>>
  readonly results: ReadonlyArray<ScenarioResult>
  readonly ms: number
}

export interface SuiteResult {
  readonly profile: Profile
  readonly op: { readonly issuer: string; readonly control: boolean; readonly uma: boolean }
  readonly transports: ReadonlyArray<TransportResult>
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  /** Scenarios that are hardening as a whole, in a `reference` run. */
  readonly notInProfile: number
  readonly ms: number
  readonly startedAt: string
}

export type ProgressEvent =
  | { readonly type: "transport"; readonly transport: TransportName; readonly target: string }
  | { readonly type: "note"; readonly transport: TransportName; readonly message: string }
  | { readonly type: "scenario"; readonly result: ScenarioResult }
  | { readonly type: "transport-done"; readonly result: TransportResult }

export interface SuiteOptions {
  /**
   * The server under test per transport: a Target (e.g. in-process, with restart), or an address
   * (`127.0.0.1:8099`, `https://127.0.0.1:8443`, `wss://127.0.0.1:8445`). A transport without one gets oxd-server's
   * default address.
   */
  readonly targets?: Partial<Record<TransportName, Target | string>>
  /** Transports to run, in order; default: those with a target, or all three. */
  readonly transports?: ReadonlyArray<TransportName>
  /** The OP: a driver, or an issuer URL (probed with connectOp: test control API, UMA, form login). */
  readonly op: OpDriver | string
  /** How connectOp logs in and what it trusts, when `op` is an issuer. */
  readonly opOptions?: ConnectOpOptions
  /** Scenario ids or tags to run (default all) and to leave out. */
  readonly only?: ReadonlyArray<string>
  readonly skip?: ReadonlyArray<string>
  /** Time limit of one scenario, seconds (default 60). */
  readonly timeout?: number
  /** Extra certificates (PEM) trusted for address targets' TLS (and an issuer `op`'s). */
  readonly ca?: ReadonlyArray<string>
  /** An address TCP target requires protection_access_token. */
  readonly protect?: boolean
  /** Probe each target first (reachable? which commands?); default true. */
  readonly probe?: boolean
  /**
   * `reference` (default): only what oxd 3.1.4 does is checked, as for a server of another make; `strict`: oxd-ts's
   * hardening checks too.
   */
  readonly profile?: Profile
  /**
   * Transports the run was asked to check: one that does not answer is a failure of each of its scenarios, not a skip.
   * Default: those with a target in `targets`. Others (oxd-server's default addresses) are skipped when they do not answer.
   */
  readonly mustAnswer?: ReadonlyArray<TransportName>
  readonly scenarios?: ReadonlyArray<Scenario>
  readonly onProgress?: (event: ProgressEvent) => void
  readonly redirectUri?: string
  readonly postLogoutRedirectUri?: string
  readonly claimsRedirectUri?: string
  /** token_endpoint_auth_method of every site and setup client the scenarios register (Env.authMethod). */
  readonly authMethod?: string
  /** The user the OP knows, for commands that log in by password (Env.user). */
  readonly user?: { readonly username: string; readonly password: string }
}

export const DEFAULT_REDIRECT_URI = "https://client.example.org/cb"

/** An oxd_id no server has: probing a command with it has no effect anywhere. */
export const GHOST_OXD_ID = "6f9619ff-8b86-4011-b42d-00cf4fc964ff"
/** What a probe sends besides the unknown oxd_id: a command that names no site is probed with an unknown id of its own. */
const PROBE_PARAMS: Readonly<Record<string, Record<string, unknown>>> = {
  get_request_object: { request_object_id: GHOST_OXD_ID },
}
/** Commands not probed: they would register something at the OP when the server has defaults. */
const NOT_PROBED = new Set(["setup_client", "get_client_token", "register_site"])

/**
 * The scenarios of the API generation a profile checks: the 4.x API's (source reference-4) for reference-4, the 3.1
 * API's for the others. A run does not list the other generation's at all: they could not run on its transports.
 */
export const forApiOf = (list: ReadonlyArray<Scenario>, profile: Profile): Scenario[] =>
  list.filter((s) => (s.source.kind === "reference-4") === (profile === "reference-4"))

/** Scenario ids and tags; an `only`/`skip` name that is neither is a mistake worth reporting. */
export const unknownSelectors = (
  names: ReadonlyArray<string>,
  list: ReadonlyArray<Scenario> = allScenarios,
): string[] => {
  const known = new Set(list.flatMap((s) => [s.id, ...s.tags]))
  return names.filter((n) => !known.has(n))
}

export const selectScenarios = (
  list: ReadonlyArray<Scenario>,
  only: ReadonlyArray<string> = [],
  skip: ReadonlyArray<string> = [],
): Scenario[] => {
  const matches = (s: Scenario, names: ReadonlyArray<string>) =>
    names.includes(s.id) || s.tags.some((t) => names.includes(t))
  return list.filter((s) => (only.length === 0 || matches(s, only)) && !matches(s, skip))
}

/**
 * Which commands a target does not offer: each is sent once with an unknown oxd_id; `unsupported_operation` (or an
 * HTTP 404: without an oxd reply, or a 3.1.4's {"code":404,…} read as http_status_404) means not offered, any other answer (invalid_oxd_id, a protection error…) offered.
 */
export const probeCommands = async (
  target: Target,
  commands: Iterable<string>,
): Promise<{ unsupported: Record<string, string>; answers: Record<string, string> }> => {
  const unsupported: Record<string, string> = {}
  /** What each command answered: "ok" or the error code. */
  const answers: Record<string, string> = {}
  const transport = target.connect()
  try {
    for (const command of commands) {
      if (NOT_PROBED.has(command)) continue
      try {
        const reply = await Promise.race([
          transport.call(command, { oxd_id: GHOST_OXD_ID, ...PROBE_PARAMS[command] }),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("no reply within 10 s")), 10_000).unref(),
          ),
        ])
        answers[command] = reply.status === "ok" ? "ok" : reply.data.error
        if (reply.status === "error" && reply.data.error === "unsupported_operation")
          unsupported[command] = "unsupported_operation"
        // a real oxd-https-extension 3.1.4: Jersey's 404 for a path it has, as @oxd/client-rest reads it (audit H12)
        if (reply.status === "error" && reply.data.error === "http_status_404") unsupported[command] = "HTTP 404"
      } catch (e) {
        const message = describeError(e)
        if (/\bHTTP 404\b/.test(message)) unsupported[command] = "HTTP 404"
        // anything else (a dropped connection…) is for the scenarios to report
      }
    }
  } finally {
    await transport.close().catch(() => undefined)
  }
  return { unsupported, answers }
}

/** The default transports of a profile: the 4.x REST API for reference-4, else the 3.1 API's three. */
const transportsOf = (profile: Profile | undefined) => (profile === "reference-4" ? TRANSPORTS_4 : TRANSPORTS)

/**
 * The run's transports: those asked for; else those with a target (reference-4 runs over the 3.1 API's three too: the
 * 4.x commands are in its envelope); else the profile's API generation's.
 */
const orderedTransports = (opts: SuiteOptions): TransportName[] => {
  if (opts.transports?.length) return [...new Set(opts.transports)]
  const pool = opts.profile === "reference-4" ? [...TRANSPORTS, ...TRANSPORTS_4] : TRANSPORTS
  const given = pool.filter((t) => opts.targets?.[t] !== undefined)
  return given.length ? given : [...transportsOf(opts.profile)]
}

/**
 * The suite as a library: every selected scenario over every transport, one after another (scenarios drive one OP,
 * whose misbehaviour and UMA policies are global), each target probed first. Never throws for a scenario; throws
 * for an unusable setup (unknown `only`/`skip` names, an `op` issuer that does not answer).
 */
export const runSuite = async (opts: SuiteOptions): Promise<SuiteResult> => {
  const startedAt = new Date()
  const list = opts.scenarios ?? allScenarios
  const unknown = unknownSelectors([...(opts.only ?? []), ...(opts.skip ?? [])], list)
  if (unknown.length) throw new RangeError(`no scenario id or tag ${unknown.map((u) => `"${u}"`).join(", ")}`)
  const selected = selectScenarios(forApiOf(list, opts.profile ?? "reference"), opts.only, opts.skip)
  const connected =
    typeof opts.op === "string"
      ? await connectOp(opts.op, {
          ca: opts.ca ?? [],
          redirectUri: opts.redirectUri ?? DEFAULT_REDIRECT_URI,
          ...opts.opOptions,
        })
      : undefined
  const op = connected?.driver ?? (opts.op as OpDriver)
  const timeoutMs = (opts.timeout ?? 60) * 1000
  const profile = opts.profile ?? "reference"
  const mustAnswer = new Set(
    opts.mustAnswer ?? [...TRANSPORTS, ...TRANSPORTS_4].filter((t) => opts.targets?.[t] !== undefined),
  )
  const emit = (e: ProgressEvent) => {
    try {
      opts.onProgress?.(e)
    } catch {
      /* a reporter's bug must not stop the run */
    }
  }

  const transports: TransportResult[] = []
  try {
    for (const transport of orderedTransports(opts)) {
      const started = Date.now()
      const given = opts.targets?.[transport] ?? DEFAULT_TARGETS[transport]
      const target =
        typeof given === "string"
          ? externalTarget(transport, given, {
              ...(opts.ca ? { ca: opts.ca } : {}),
              ...(opts.protect !== undefined ? { protect: opts.protect } : {}),
            })
          : given
      const description = target.description ?? "in-process"
      emit({ type: "transport", transport, target: description })
      const probe = opts.probe ?? true
      const unreachable = probe ? await target.probe?.() : undefined
      let unsupported: Record<string, string> = {}
      if (probe && !unreachable) {
        const probed = await probeCommands(target, new Set(selected.flatMap((s) => s.commands ?? [])))
        unsupported = probed.unsupported
        if (!target.protection && Object.values(probed.answers).includes("blank_protection_access_token")) {
          emit({
            type: "note",
            transport,
            message:
              "the target asks for a protection_access_token on site commands: run with --protect (TCP), or scenarios will fail with blank_protection_access_token",
          })
        }
        const names = Object.keys(unsupported)
        if (names.length)
          emit({
            type: "note",
            transport,
            message: `the target does not offer ${names.map((n) => `${n} (${unsupported[n]})`).join(", ")}`,
          })
      }
      const required = mustAnswer.has(transport)
      if (unreachable) {
        emit({
          type: "note",
          transport,
          message: `does not answer: ${unreachable}; ${required ? "every scenario fails (the run asked for this transport)" : "its scenarios are skipped"}`,
        })
      }
      const env: Env = {
        target,
        op,
        redirectUri: opts.redirectUri ?? DEFAULT_REDIRECT_URI,
        postLogoutRedirectUri: opts.postLogoutRedirectUri ?? "https://client.example.org/logged-out",
        claimsRedirectUri: opts.claimsRedirectUri ?? "https://client.example.org/claims-cb",
        authMethod: opts.authMethod,
        ...(opts.user ? { user: opts.user } : {}),
      }
      const results: ScenarioResult[] = []
      for (const s of selected) {
        const missing = (s.commands ?? []).filter((c) => unsupported[c])
        const notAnswering = `the ${transport} target ${description} does not answer: ${unreachable}`
        const excluded = notInProfile(s, profile)
        const outcome: Outcome = excluded
          ? { id: s.id, status: "not-in-profile", reason: excluded }
          : s.transports && !s.transports.includes(transport)
            ? { id: s.id, status: "skipped", reason: notOver(s, transport) }
            : unreachable
              ? required
                ? { id: s.id, status: "failed", ms: 0, message: notAnswering, assertions: [] }
                : { id: s.id, status: "skipped", reason: notAnswering }
              : missing.length
                ? {
                    id: s.id,
                    status: "skipped",
                    reason: `the target does not offer ${missing.join(", ")} (${unsupported[missing[0]!]})${s.optional ? `; optional: ${s.optional}` : ""}`,
                  }
                : await runScenario(s, env, { timeoutMs, profile })
        const result: ScenarioResult = {
          ...outcome,
          transport,
          title: s.title,
          checks: s.checks,
          tags: s.tags,
          source: s.source,
        }
        results.push(result)
        emit({ type: "scenario", result })
      }
      const done: TransportResult = {
        transport,
        target: description,
        unreachable,
        unsupported,
        results,
        ms: Date.now() - started,
      }
      transports.push(done)
      emit({ type: "transport-done", result: done })
    }
  } finally {
    connected?.close()
  }
  const all = transports.flatMap((t) => t.results)
  return {
    profile,
    op: { issuer: op.issuer, control: op.misbehave !== undefined, uma: op.offersUma !== false },
    transports,
    passed: all.filter((r) => r.status === "passed").length,
    failed: all.filter((r) => r.status === "failed").length,
    skipped: all.filter((r) => r.status === "skipped").length,
    notInProfile: all.filter((r) => r.status === "not-in-profile").length,
    ms: Date.now() - startedAt.getTime(),
    startedAt: startedAt.toISOString(),
  }
}
