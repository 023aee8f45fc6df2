import {
  commands,
  eventOfSetupClient,
  presentedToken,
  type Command,
  type Commands,
  type Oxd,
  type OxdEvent,
} from "@oxd/core"
import { procedureName, type CamelCase } from "@oxd/wire"
import { initTRPC, tracked, TRPCError, type TRPCMutationProcedure } from "@trpc/server"
import { Schema } from "effect"
import { CLOSE_SLOW_CONSUMER, type WsConnection } from "./Connection.js"
import { oxdErrorOf, oxdTrpcError, type OxdErrorData } from "./errors.js"

/** What every procedure gets: the one core, and the connection it was called on. */
export interface WsContext {
  readonly oxd: Oxd
  readonly connection: WsConnection
}

export type { CamelCase }

const t = initTRPC.context<WsContext>().create({
  // no stack traces to callers, whatever NODE_ENV says
  isDev: false,
  errorFormatter: ({ shape, error }) => {
    const { data: oxd, http } = oxdErrorOf(error)
    const { stack: _stack, ...data } = shape.data
    return { ...shape, message: oxd.error_description, data: { ...data, httpStatus: http ?? data.httpStatus, oxd } }
  },
})

const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined)

/** The error shape this router's errorFormatter gives, as tRPC infers it. */
type ErrorShape = (typeof t._config.$types)["errorShape"]

/** A command's procedure as clients see it: its params in, its result out, as `.input()` would type it. */
export type CommandProcedure<C extends Command.AnyCommand> = TRPCMutationProcedure<{
  input: C["params"]["Encoded"]
  output: C["result"]["Encoded"]
  meta: object
  errorShape: ErrorShape
}>

/** What tRPC hands every resolver besides the typed options: the call's input as the client sent it. */
interface RawInput {
  readonly getRawInput: () => Promise<unknown>
}

/**
 * One command as a mutation: dispatch through core; an error reply becomes a TRPCError carrying the oxd error. The
 * call holds one of the connection's in-flight slots while it runs. Neither that nor the params go through a tRPC
 * middleware: each middleware level (`.input()` is one) copies the call's options twice with a slow spread helper
 * (a large share of a cached check's server CPU: bench/README.md). The params pass
 * unchecked because core's dispatch decodes them, with the same error codes as on every other transport; the type
 * says what clients send.
 */
const commandProcedure = <C extends Command.AnyCommand>(def: C): CommandProcedure<C> =>
  t.procedure.mutation(async (opts): Promise<C["result"]["Encoded"]> => {
    const { ctx } = opts
    const input = await (opts as unknown as RawInput).getRawInput()
    ctx.connection.begin()
    // the connection's token; whether one is required and whether the params' wins (a call for another setup
    // client's site) is core's transportProtection table (ws)
    const reply = await ctx.oxd
      .dispatch(def.name, input, {
        transport: "ws",
        protectionToken: ctx.connection.token,
        remoteAddress: ctx.connection.remoteAddress,
      })
      .finally(() => ctx.connection.end())
    if (reply.envelope.status === "ok") return reply.envelope.data
    throw oxdTrpcError(reply)
  }) as unknown as CommandProcedure<C>

/** Every command of core's registry, under its procedure name, each with its own params and result types. */
export type CommandProcedures = {
  readonly [K in keyof Commands & string as CamelCase<K>]: CommandProcedure<Commands[K]>
}

const commandProcedures = Object.fromEntries(
  Object.values(commands).map((def: Command.AnyCommand) => [procedureName(def.name), commandProcedure(def)]),
) as unknown as CommandProcedures

const OptionalString = Schema.optional(Schema.NullOr(Schema.String))
/** Input of the events subscription; tRPC adds lastEventId when a client resumes. */
export const EventsInput = Schema.UndefinedOr(
  Schema.Struct({
    protection_access_token: OptionalString.annotate({
      description: "Whose sites to follow; default: the connection's token.",
    }),
    op_host: OptionalString.annotate({
      description: "The OP that issued the token; default: every OP with a setup client here.",
    }),
    lastEventId: OptionalString,
  }),
)

/** Events a subscription holds for its socket; one that cannot pass them on this fast is dropped. */
export const EVENTS_QUEUE_MAX = 256
/** How often a subscription's token is checked again (an expired or revoked token ends the stream). */
export const EVENTS_RECHECK_MS = 60_000

/**
 * What happens to the caller's own sites, never token values; resumable (tracked ids). The token is identified and
 * the subscription registered before tRPC answers "started", so nothing published after that is missed.
 */
const events = t.procedure
  .input(Schema.toStandardSchemaV1(EventsInput))
  .subscription(async ({ input, ctx, signal }) => {
    const token = presentedToken("ws", ctx.connection.token, input)
    const identify = async () => {
      const who = await ctx.oxd.whoami(token, { opHost: nonEmpty(input?.op_host) })
      if (who.envelope.status !== "ok") throw oxdTrpcError(who)
      return who.envelope.data
    }
    const me = await identify()
    if (!ctx.connection.openSubscription()) {
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `At most ${ctx.connection.limits.maxSubscriptions} event subscriptions per connection`,
      })
    }
    const queue: OxdEvent[] = []
    let wake: (() => void) | undefined
    let done = false
    const unsubscribe = ctx.oxd.subscribe(
      (e) => eventOfSetupClient(e, me),
      (e) => {
        if (queue.length >= EVENTS_QUEUE_MAX)
          return ctx.connection.drop(CLOSE_SLOW_CONSUMER, "slow consumer: events were not read")
        queue.push(e)
        wake?.()
      },
      { after: nonEmpty(input?.lastEventId) },
    )
    // also on abort: a stream the client left before it started is never iterated, so its finally never runs
    const cleanup = () => {
      if (done) return
      done = true
      unsubscribe()
      ctx.connection.closeSubscription()
      wake?.()
    }
    signal?.addEventListener("abort", cleanup, { once: true })
    return (async function* () {
      let checked = Date.now()
      try {
        while (!done && !ctx.connection.dropped) {
          const next = queue.shift()
          if (next) {
            if (Date.now() - checked > EVENTS_RECHECK_MS) {
              const now = await identify()
              if (now.op_host !== me.op_host || now.setup_client_id !== me.setup_client_id) return
              checked = Date.now()
            }
            yield tracked(next.id, next)
            continue
          }
          await new Promise<void>((resolve) => {
            wake = resolve
          })
          wake = undefined
        }
      } finally {
        signal?.removeEventListener("abort", cleanup)
        cleanup()
      }
    })()
  })

/** Older wire names (update_site_registration) answer too, as on the other transports; untyped, like the names. */
const aliasProcedures = Object.fromEntries(
  Object.values(commands).flatMap((def: Command.AnyCommand) =>
    def.aliases.map((alias) => [procedureName(alias), commandProcedure(def)]),
  ),
)

export const appRouter = t.router({ ...aliasProcedures, ...commandProcedures, events } as CommandProcedures & {
  readonly events: typeof events
})

/** The router type clients are typed from: `createTRPCClient<AppRouter>(…)`. */
export type AppRouter = typeof appRouter
export type { OxdErrorData }
