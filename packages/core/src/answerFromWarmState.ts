/**
 * The synchronous road: a second way through core beside `dispatch` (the Effect road), for hot commands (a granted
 * uma_rs_check_access, a login URL). It answers from warm state (what this instance's caches already hold) without a
 * fiber, which was most of a cached call's cost. Its answers must be the Effect road's: both call the same rules
 * (protectionRules.ts, transportProtection.ts, decide.ts, usesPkceS256), it leaves every refusal and miss to the
 * Effect road, and warmEquivalence.test.ts checks the two agree. Config `fast_path: false` turns it off.
 */
import { Clock, Effect, Option, Schema } from "effect"
import { callContext, type CallContext } from "./CallContext.js"
import type { AnyCommand } from "./Command.js"
import { OxdConfig, type Config } from "./config/OxdConfig.js"
import { opClientOf } from "./commands/_shared/siteClient.js"
import { resolveCommand } from "./commands/index.js"
import { resolveCall } from "./dispatch.js"
import { okEnvelope, type Reply } from "./envelope.js"
import type { WarmState } from "./WarmState.js"
import { cacheStats } from "./observability/cacheStats.js"
import { Events } from "./services/Events.js"
import { Ids } from "./services/Ids.js"
import { OpenIdProvider } from "./services/OpenIdProvider.js"
import { ProtectionGuard } from "./services/ProtectionGuard.js"
import { ResourceStore } from "./services/ResourceStore.js"
import { SiteStore } from "./services/SiteStore.js"
import { StateStore } from "./services/StateStore.js"
import { UmaAuthorizationServer } from "./services/UmaAuthorizationServer.js"

export interface WarmStateServices {
  readonly config: Config
  readonly sites: SiteStore["Service"]
  readonly resources: ResourceStore["Service"]
  readonly guard: ProtectionGuard["Service"]
  readonly uma: UmaAuthorizationServer["Service"]
  readonly events: Events["Service"]
  readonly ids: Ids["Service"]
  readonly op: OpenIdProvider["Service"]
  readonly states: StateStore["Service"]
  readonly clock: Clock.Clock
}

/** The services answers on the synchronous road read, taken once from the built runtime. */
export const warmStateServices = Effect.gen(function* () {
  return {
    config: yield* OxdConfig,
    sites: yield* SiteStore,
    resources: yield* ResourceStore,
    guard: yield* ProtectionGuard,
    uma: yield* UmaAuthorizationServer,
    events: yield* Events,
    ids: yield* Ids,
    op: yield* OpenIdProvider,
    states: yield* StateStore,
    clock: yield* Clock.Clock,
  } satisfies WarmStateServices
})

/** A call as an edge makes it: without a request id, core gives one. */
export type EdgeContext = Omit<CallContext, "requestId"> & { requestId?: string }

/** Synchronous decoders and encoders, built once per command (the same schemas dispatch decodes with). */
const decoders = new WeakMap<AnyCommand, (u: unknown) => Option.Option<unknown>>()
const encoders = new WeakMap<AnyCommand, (u: unknown) => Option.Option<unknown>>()
const decode = (c: AnyCommand, params: unknown) => {
  let d = decoders.get(c)
  if (!d) decoders.set(c, (d = Schema.decodeUnknownOption(c.params)))
  return d(params)
}
const encode = (c: AnyCommand, result: unknown) => {
  let e = encoders.get(c)
  if (!e) encoders.set(c, (e = Schema.encodeUnknownOption(c.result)))
  return e(result)
}

/**
 * The last reply of each command whose result was a frozen (shared, constant) value, e.g. check_access's GRANTED:
 * the same frozen Reply is given again instead of encoding it anew, and an edge may reuse the bytes it wrote for it.
 */
const sharedReplies = new Map<AnyCommand, { readonly result: unknown; readonly reply: Reply }>()

const replyOf = (command: AnyCommand, result: unknown): Reply | undefined => {
  const last = sharedReplies.get(command)
  if (last && last.result === result) return last.reply
  const encoded = encode(command, result)
  if (Option.isNone(encoded)) return undefined
  if (!Object.isFrozen(result)) return { envelope: okEnvelope(encoded.value), http: 200 }
  const reply: Reply = Object.freeze({ envelope: Object.freeze(okEnvelope(Object.freeze(encoded.value))), http: 200 })
  sharedReplies.set(command, { result, reply })
  return reply
}

/**
 * dispatch's steps — resolve, decode, protection, the command, encode — for a command with `fromWarmState`, each step
 * answered from this instance's caches, synchronously. Returns the reply only when every step could answer and
 * the call succeeds; undefined otherwise, having changed nothing (no event, no hit counted): the caller then runs
 * dispatch, which decides the same call the ordinary way, with its errors and refreshes.
 */
export const answerFromWarmState = (
  s: WarmStateServices,
  observed: (command: string, ctx: CallContext, ms: number) => void,
) => {
  const warm: WarmState = {
    config: s.config,
    now: () => s.clock.currentTimeMillisUnsafe(),
    site: (oxdId) => s.sites.peek(oxdId),
    resources: (oxdId) => s.resources.peek(oxdId),
    rpt: (site, rpt) => s.uma.peekRpt(site, rpt),
    supportsPkceS256: (site) => s.op.peekSupportsPkceS256(opClientOf(site)),
    authorizationUrl: (site, params) => s.op.peekAuthorizationUrl(opClientOf(site), params),
    issueState: (oxdId, pkce, redirect) => s.states.issueNow(oxdId, pkce, redirect),
  }
  const answer = (command: AnyCommand, params: Record<string, unknown>, ctx: CallContext): Reply | undefined => {
    const decoded = decode(command, params)
    if (Option.isNone(decoded)) return undefined
    let answered = false
    cacheStats.hold()
    try {
      const setupClient = s.guard.peek(command.protection, ctx, decoded.value as Record<string, unknown>)
      if (setupClient === undefined) return undefined
      const warmAnswer = command.fromWarmState!(
        decoded.value,
        callContext(ctx, ctx.requestId, setupClient ?? undefined),
        warm,
      )
      if (!warmAnswer) return undefined
      const reply = replyOf(command, warmAnswer.result)
      if (!reply) return undefined
      if (warmAnswer.event) s.events.publishNow(warmAnswer.event)
      answered = true
      return reply
    } finally {
      cacheStats.release(answered)
    }
  }
  return (name: string, rawParams: unknown, edge: EdgeContext): Reply | undefined => {
    const known = resolveCommand(name)
    if (!known?.fromWarmState) return undefined
    // a 4.x reply of its own (result4) is the Effect road's to encode
    if (edge.api === "4" && known.result4) return undefined
    const call = resolveCall(name, rawParams)
    if (call.error) return undefined
    const started = performance.now()
    const ctx = callContext(edge, edge.requestId ?? s.ids.requestId())
    let reply: Reply | undefined
    try {
      reply = answer(call.command, call.params, ctx)
    } catch {
      // a defect here is the ordinary path's to report (it runs the same steps, with its defect handling)
      return undefined
    }
    if (reply) observed(call.command.name, ctx, performance.now() - started)
    return reply
  }
}
