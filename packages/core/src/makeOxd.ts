import { sql } from "drizzle-orm"
import { Effect, ManagedRuntime, Option } from "effect"
import type { CallContext } from "./CallContext.js"
import type { Config } from "./config/OxdConfig.js"
import { coreLayer } from "./CoreLive.js"
import { dispatch } from "./dispatch.js"
import type { Reply } from "./envelope.js"
import { Ids } from "./services/Ids.js"
import { Database } from "./store/Database.js"

export interface Oxd {
  /** Runs one command; never rejects: every outcome is an oxd reply. */
  dispatch(command: string, params: unknown, ctx: Omit<CallContext, "requestId"> & { requestId?: string }): Promise<Reply>
  log(level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>): void
  readonly config: Config
  /** Whether the database answers (a SELECT 1 within 2 s); never rejects. For health checks. */
  health(): Promise<boolean>
  /** Builds the services (opens the database, applies migrations); called before serving. */
  ready(): Promise<void>
  dispose(): Promise<void>
}

/** Core for Promise-land edges (net, http, ws): one runtime, shared by every connection. */
export const makeOxd = (config: Config): Oxd => {
  const runtime = ManagedRuntime.make(coreLayer(config))
  return {
    config,
    ready: () => runtime.runPromise(Effect.void),
    dispatch: (command, params, ctx) =>
      runtime.runPromise(
        Effect.gen(function* () {
          const requestId = ctx.requestId ?? (yield* Ids).requestId()
          return yield* dispatch(command, params, { ...ctx, requestId })
        }),
      ),
    log: (level, message, fields = {}) => {
      const eff = level === "error" ? Effect.logError(message) : level === "warn" ? Effect.logWarning(message) : Effect.logInfo(message)
      runtime.runFork(eff.pipe(Effect.annotateLogs(fields)))
    },
    health: () =>
      runtime
        .runPromise(
          Database.use((d) => d.query("health check", (db) => db.run(sql`select 1`))).pipe(
            Effect.timeoutOption("2 seconds"),
            Effect.map(Option.isSome),
            Effect.catch(() => Effect.succeed(false)),
          ),
        )
        .catch(() => false),
    dispose: () => runtime.dispose(),
  }
}
