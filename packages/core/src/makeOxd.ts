import { Clock, Effect, ManagedRuntime } from "effect"
import {
  listSites,
  protectionCheck,
  removeSite,
  showSite,
  usedOpHosts,
  type ProtectionCheck,
} from "./admin/siteAdmin.js"
import type { SiteDetail, SiteView } from "./admin/siteView.js"
import { answerFromWarmState, warmStateServices, type EdgeContext } from "./answerFromWarmState.js"
import { callContext, type CallContext } from "./CallContext.js"
import type { Config } from "./config/OxdConfig.js"
import { coreLayer, type CoreOptions } from "./CoreLive.js"
import { dispatch } from "./dispatch.js"
import { toWireError } from "./errorCodes.js"
import { defectError, errorEnvelope, okEnvelope, type Reply } from "./envelope.js"
import { RateLimited, type OxdError } from "./errors.js"
import { OxdMetrics } from "./observability/metrics.js"
import { flushLogs, writeJsonInfoLine } from "./observability/jsonLogger.js"
import { commandLabel, commandLogFields, commandLogJson, observeCommand } from "./observability/observeCommand.js"
import { RateLimiter } from "./safety/RateLimiter.js"
import { describeDefect } from "./safety/redact.js"
import { Events, type OxdEvent, type SubscribeOptions } from "./services/Events.js"
import { receiveBackchannelLogout, receiveFrontchannelLogout, type LogoutAnswer } from "./logout/receiveLogout.js"
import { Ids } from "./services/Ids.js"
import { ProtectionGuard } from "./services/ProtectionGuard.js"
import { Database } from "./store/Database.js"

/** Who a protection token speaks for: the setup client, named by its OP and its client_id there. */
export interface WhoAmI {
  readonly op_host: string
  readonly setup_client_id: string
}

export interface Oxd {
  /** Runs one command; never rejects: every outcome is an oxd reply. */
  dispatch(command: string, params: unknown, ctx: EdgeContext): Promise<Reply>
  /**
   * dispatch, with a reply that needs no waiting (answered on the synchronous road: a cached granted uma_rs_check_access, a
   * rate-limit refusal) returned as it is rather than in a promise, so an edge can write it at once. Never throws.
   */
  call(command: string, params: unknown, ctx: EdgeContext): Reply | Promise<Reply>
  log(level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>): void
  /**
   * Follows what happens to sites (after ready()): `onEvent` gets every event `filter` accepts, synchronously
   * and without token values; it must be cheap (buffer on your side, bounded). Returns the unsubscribe function.
   */
  subscribe(filter: (e: OxdEvent) => boolean, onEvent: (e: OxdEvent) => void, options?: SubscribeOptions): () => void
  /**
   * The setup client a protection token belongs to (`data`: its `op_host` and `setup_client_id`; the pair names it),
   * checked as protected commands check it; an error reply (blank_/inactive_/invalid_protection_access_token…)
   * otherwise. Never rejects.
   */
  whoami(token: string | undefined, options?: { readonly opHost?: string | undefined }): Promise<Reply<WhoAmI>>
  readonly config: Config
  /**
   * The logout receivers of the REST app (docs/logout.md): a back-channel logout_token (POST body) and a front-channel
   * request's iss and sid (GET query). Never reject: 200, 400 for anything wrong with the request, 503 when our side
   * failed (the store, the OP's discovery), 500 for a defect.
   */
  readonly logout: {
    backchannel(logoutToken: string | undefined, remoteAddress?: string): Promise<LogoutAnswer>
    frontchannel(iss: string | undefined, sid: string | undefined, remoteAddress?: string): Promise<LogoutAnswer>
  }
  /** Whether the database answers (a SELECT 1 within 2 s); never rejects. For health checks. */
  health(): Promise<boolean>
  /**
   * Readiness: the database answers and its migrations are those this version ships, and the server is not
   * stopping (drain()). `checks` says which failed. Never rejects.
   */
  readiness(): Promise<Readiness>
  /** From now on readiness() is false: a load balancer stops sending before the edges close. */
  drain(): void
  /** The Prometheus text of every metric. Never rejects. */
  metricsText(): Promise<string>
  /** Reports an edge's open connections (read at each scrape) in oxd_open_connections; returns the stop function. */
  trackConnections(transport: CallContext["transport"], count: () => number): () => void
  /**
   * For operators (`oxd-server sites`, `doctor`, the admin port): sites without their secrets, removal without a
   * protection token, the OPs in use and whether their setup clients get a protection token. Rejects when the store
   * fails (StoreFailed).
   */
  readonly admin: OxdAdmin
  /** Builds the services (opens the database, applies migrations); called before serving. */
  ready(): Promise<void>
  dispose(): Promise<void>
}

export interface OxdAdmin {
  listSites(): Promise<ReadonlyArray<SiteView>>
  /** undefined: no site has that oxd_id */
  showSite(oxdId: string): Promise<SiteDetail | undefined>
  /** false: no site had that oxd_id */
  removeSite(oxdId: string): Promise<boolean>
  /** default_op_host and every OP a stored site or setup client is registered at */
  opHosts(): Promise<ReadonlyArray<string>>
  protectionCheck(opHost: string): Promise<ProtectionCheck>
}

export interface Readiness {
  readonly ready: boolean
  readonly checks: { readonly database: boolean; readonly migrations: boolean; readonly accepting: boolean }
}

/** Core for Promise-land edges (net, http, ws): one runtime, shared by every connection. */
export const makeOxd = (config: Config, options: Omit<CoreOptions, "metrics"> = {}): Oxd => {
  // one clock for everything core times, in the runtime and outside it (Effect's unless the caller gives one)
  const clock = options.clock ?? Effect.runSync(Clock.clockWith(Effect.succeed))
  const now = () => clock.currentTimeMillisUnsafe()
  const metrics = new OxdMetrics({ now })
  const runtime = ManagedRuntime.make(coreLayer(config, { ...options, clock, metrics }))
  const observe = observeCommand(metrics, config.otlp_endpoint !== undefined)
  let draining = false
  // per remote address, on the network transports (the internal one is the process itself)
  const limiter =
    config.rate_limit_per_minute > 0
      ? new RateLimiter({ perMinute: config.rate_limit_per_minute, burst: config.rate_limit_burst, now })
      : undefined
  const rateLimited = (ctx: Pick<CallContext, "transport" | "remoteAddress">): Reply | undefined => {
    if (!limiter || ctx.transport === "internal" || !ctx.remoteAddress) return undefined
    const waitMs = limiter.take(ctx.remoteAddress)
    if (waitMs === 0) return undefined
    const wire = toWireError(
      new RateLimited({
        per_minute: config.rate_limit_per_minute,
        retry_after_seconds: Math.max(1, Math.ceil(waitMs / 1000)),
      }),
    )
    return { envelope: errorEnvelope(wire), http: wire.http }
  }
  /**
   * Answers calls on the synchronous road, outside the runtime (answerFromWarmState.ts), once the services are built (by ready() or
   * the first dispatch). Off with tracing (a command's span needs the runtime) and with fast_path false. Observed as observeCommand observes
   * the others: the same counter, histogram and info line.
   */
  let answerWarm: ((command: string, params: unknown, ctx: EdgeContext) => Reply | undefined) | undefined
  const infoLines = config.log_level === "debug" || config.log_level === "info"
  const observedNow = (command: string, ctx: CallContext, ms: number) => {
    metrics.command(command, ctx.transport, "ok", ms / 1000)
    if (!infoLines) return
    if (config.log_format === "json") writeJsonInfoLine("command", commandLogJson(command, ctx, "ok", ms))
    else runtime.runFork(Effect.logInfo("command").pipe(Effect.annotateLogs(commandLogFields(command, ctx, "ok", ms))))
  }
  let syncRoadStarted = false
  const startSyncRoad = () => {
    if (syncRoadStarted || !config.fast_path || config.otlp_endpoint !== undefined) return Promise.resolve()
    syncRoadStarted = true
    return runtime.runPromise(warmStateServices).then(
      (services) => {
        answerWarm = answerFromWarmState(services, observedNow)
      },
      () => {
        syncRoadStarted = false
      },
    )
  }
  const ready = () => runtime.runPromise(Effect.void).then(startSyncRoad)
  const call = (command: string, params: unknown, ctx: EdgeContext): Reply | Promise<Reply> => {
    const refused = rateLimited(ctx)
    if (refused) {
      metrics.command(commandLabel(command), ctx.transport, "rate_limited", 0)
      return refused
    }
    const now = answerWarm?.(command, params, ctx)
    if (now) return now
    const reply = runtime.runPromise(
      Ids.use((ids) => {
        const call = callContext(ctx, ctx.requestId ?? ids.requestId())
        return observe(command, call, dispatch(command, params, call))
      }),
    )
    return syncRoadStarted ? reply : reply.finally(startSyncRoad)
  }
  /** A receiver's answer: rate-limited like a command (per address), a defect logged and answered 500. */
  const logoutAnswer = <R extends ManagedRuntime.ManagedRuntime.Services<typeof runtime>>(
    remoteAddress: string | undefined,
    receive: Effect.Effect<LogoutAnswer, never, R>,
  ): Promise<LogoutAnswer> => {
    const refused = rateLimited({ transport: "https", remoteAddress })
    if (refused)
      return Promise.resolve({
        status: 429,
        error: "rate_limited",
        error_description: "too many requests from this address",
      })
    const failed = { status: 500 as const, error: "server_error", error_description: "internal error" }
    return runtime
      .runPromise(
        receive.pipe(
          Effect.catchCause((cause) =>
            Effect.as(Effect.logError("logout receiver failed", describeDefect(cause)), failed),
          ),
        ),
      )
      .catch(() => failed) // the services could not be built (the store unreachable at start)
  }
  return {
    config,
    ready,
    call,
    logout: {
      backchannel: (token, remoteAddress) => logoutAnswer(remoteAddress, receiveBackchannelLogout(token)),
      frontchannel: (iss, sid, remoteAddress) => logoutAnswer(remoteAddress, receiveFrontchannelLogout(iss, sid)),
    },
    dispatch: (command, params, ctx) => {
      try {
        return Promise.resolve(call(command, params, ctx))
      } catch (e) {
        return Promise.reject(e)
      }
    },
    log: (level, message, fields = {}) => {
      const eff =
        level === "error"
          ? Effect.logError(message)
          : level === "warn"
            ? Effect.logWarning(message)
            : Effect.logInfo(message)
      runtime.runFork(eff.pipe(Effect.annotateLogs(fields)))
    },
    subscribe: (filter, onEvent, options) =>
      runtime.runSync(Events.use((e) => Effect.succeed(e.subscribe(filter, onEvent, options)))),
    whoami: (token, options = {}) =>
      runtime.runPromise(
        ProtectionGuard.use((g) => g.identify(token, options.opHost)).pipe(
          Effect.map((who): Reply<WhoAmI> => ({
            envelope: okEnvelope({ op_host: who.opHost, setup_client_id: who.clientId }),
            http: 200,
          })),
          Effect.catch((e: OxdError) => {
            const wire = toWireError(e)
            return Effect.succeed({ envelope: errorEnvelope(wire, wire.details), http: wire.http })
          }),
          Effect.catchCause((cause) =>
            Ids.use((ids) => {
              const requestId = ids.requestId()
              return Effect.as(
                Effect.logError("whoami crashed").pipe(
                  Effect.annotateLogs({ ...describeDefect(cause), request_id: requestId }),
                ),
                { envelope: errorEnvelope(defectError(requestId)), http: 500 },
              )
            }),
          ),
        ),
      ),
    health: () =>
      runtime.runPromise(Database.use((d) => d.status).pipe(Effect.map((s) => s.reachable))).catch(() => false),
    readiness: () =>
      runtime
        .runPromise(Database.use((d) => d.status))
        .catch(() => ({ reachable: false, migrationsCurrent: false }))
        .then((s) => {
          const checks = { database: s.reachable, migrations: s.migrationsCurrent, accepting: !draining }
          return { ready: checks.database && checks.migrations && checks.accepting, checks }
        }),
    admin: {
      listSites: () => runtime.runPromise(listSites),
      showSite: (oxdId) => runtime.runPromise(showSite(oxdId)),
      removeSite: (oxdId) => runtime.runPromise(removeSite(oxdId)),
      opHosts: () => runtime.runPromise(usedOpHosts),
      protectionCheck: (opHost) => runtime.runPromise(protectionCheck(opHost)),
    },
    drain: () => {
      draining = true
    },
    metricsText: () => Promise.resolve(metrics.render()),
    trackConnections: (transport, count) => metrics.trackConnections(transport, count),
    // the last lines (the stop itself) reach stdout before the process exits: they are written off the event loop
    dispose: () => runtime.dispose().then(() => flushLogs(2_000)),
  }
}
