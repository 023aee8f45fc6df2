import { Effect } from "effect"
import type { CallContext } from "../CallContext.js"
import { resolveCommand } from "../commands/index.js"
import type { Reply } from "../envelope.js"
import type { OxdMetrics } from "./metrics.js"

/** The command's own name (an older name counts as the command), or "unknown": input never becomes a label. */
export const commandLabel = (name: string): string => resolveCommand(name)?.name ?? "unknown"

export const outcomeOf = (reply: Reply): string => (reply.envelope.status === "ok" ? "ok" : reply.envelope.data.error)

/** The fields of the one info line per command ("command"): never params. */
export const commandLogFields = (
  command: string,
  ctx: CallContext,
  outcome: string,
  ms: number,
): Record<string, unknown> => ({
  request_id: ctx.requestId,
  transport: ctx.transport,
  command,
  outcome,
  duration_ms: Math.round(ms * 1000) / 1000,
  ...(ctx.remoteAddress ? { remote_address: ctx.remoteAddress } : {}),
})

/**
 * commandLogFields as the members of a JSON object (no braces), built as text: making the fields object and
 * stringifying it cost several percent of a cached check (bench/README.md). Strings that may come from outside (the request id,
 * the outcome, the address) are escaped; the command is a known name and the transport one of four.
 */
export const commandLogJson = (command: string, ctx: CallContext, outcome: string, ms: number): string =>
  `"request_id":${JSON.stringify(ctx.requestId)},"transport":"${ctx.transport}","command":"${command}","outcome":${JSON.stringify(outcome)},"duration_ms":${
    Math.round(ms * 1000) / 1000
  }${ctx.remoteAddress ? `,"remote_address":${JSON.stringify(ctx.remoteAddress)}` : ""}`

/**
 * Wraps one dispatch: counts and times it, logs one info line (request id, transport, command, outcome, duration,
 * remote address; never params), and with tracing on runs it in a span `oxd.<command>` whose attributes are
 * those same fields. Without tracing no span is made: a span per call is a sizeable share of a cached check.
 */
export const observeCommand =
  (metrics: OxdMetrics, tracing: boolean) =>
  <R>(name: string, ctx: CallContext, run: Effect.Effect<Reply, never, R>): Effect.Effect<Reply, never, R> => {
    const command = commandLabel(name)
    const observed = Effect.suspend(() => {
      const started = performance.now()
      return Effect.flatMap(run, (reply) => {
        const ms = performance.now() - started
        const outcome = outcomeOf(reply)
        metrics.command(command, ctx.transport, outcome, ms / 1000)
        const line = Effect.logInfo("command").pipe(Effect.annotateLogs(commandLogFields(command, ctx, outcome, ms)))
        const logged = tracing ? Effect.andThen(Effect.annotateCurrentSpan("oxd.outcome", outcome), line) : line
        return Effect.as(logged, reply)
      })
    })
    return tracing
      ? Effect.withSpan(observed, `oxd.${command}`, {
          kind: "server",
          attributes: { "oxd.command": command, "oxd.transport": ctx.transport, "oxd.request_id": ctx.requestId },
        })
      : observed
  }
