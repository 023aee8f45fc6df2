/**
 * "@oxd/client/in-process": the client interface over an oxd core running in this process (`makeOxd` of
 * @oxd/core): the same registry, dispatch and synchronous road as the servers, with no network hop. The core is
 * described structurally (InProcessCore) so that this client carries no server code: the app imports @oxd/core,
 * builds and owns the core (ready, dispose), and hands it over.
 */
import type { Envelope } from "@oxd/wire"
import { makeClient } from "./makeClient.js"
import { OxdError, isOxdErrorData } from "./OxdError.js"
import type { CallOptions, Caller, OxdClient } from "./types.js"

export * from "./common.js"

/** What this client needs of @oxd/core's `Oxd` (makeOxd's result satisfies it). */
export interface InProcessCore {
  call(
    command: string,
    params: unknown,
    ctx: {
      readonly transport: "internal"
      readonly protectionToken?: string | undefined
      readonly requireProtection?: boolean | undefined
    },
  ): { readonly envelope: Envelope } | Promise<{ readonly envelope: Envelope }>
}

export interface InProcessOptions {
  /**
   * The protection_access_token sent with every call (CallOptions.token per call). In process, a token is checked
   * as over TCP: when the core's protect_commands_with_access_token is on, or with `requireProtection`.
   */
  readonly token?: string
  /** Require a protection token on protected commands whatever the core's config says (default: the config). */
  readonly requireProtection?: boolean
}

/**
 * `client[CALL_NOW](command, params, options?)`: the result at once when the core answered at once (its synchronous
 * road: warm state, e.g. a cached granted uma_rs_check_access), else a promise of it, as `call` gives; an error reply
 * answered at once is thrown at once. For callers that can write their answer in the same turn (@oxd/middleware's
 * protect). A symbol, so that it is no command method (every camelCase name of a client is one); Symbol.for, so
 * that a caller needs no import of this package to look for it.
 */
export const CALL_NOW: unique symbol = Symbol.for("@oxd/client/callNow") as never

const dataOf = (reply: { readonly envelope: Envelope }): unknown => {
  const envelope = reply.envelope
  if (envelope.status === "ok") return envelope.data
  // no HTTP in process: httpStatus stays undefined, as over TCP
  throw new OxdError(
    isOxdErrorData(envelope.data)
      ? envelope.data
      : { error: "internal_error", error_description: "malformed error reply" },
  )
}

const isPromise = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as PromiseLike<unknown> | undefined)?.then === "function"

const callNowOf =
  (core: InProcessCore, options: InProcessOptions) =>
  (command: string, params: Record<string, unknown>, call: CallOptions = {}): unknown => {
    call.signal?.throwIfAborted()
    const token = call.token === null ? undefined : (call.token ?? options.token)
    const reply = core.call(command, params, {
      transport: "internal",
      protectionToken: token,
      requireProtection: options.requireProtection,
    })
    return isPromise(reply) ? Promise.resolve(reply).then(dataOf) : dataOf(reply)
  }

const caller = (callNow: ReturnType<typeof callNowOf>): Caller => ({
  transport: "in-process",
  call(command: string, params: Record<string, unknown>, call: CallOptions) {
    try {
      return Promise.resolve(callNow(command, params, call))
    } catch (e) {
      return Promise.reject(e as Error)
    }
  },
  // the core is the app's: it disposes of it
  close: () => Promise.resolve(),
})

/**
 * A client calling the given core directly; `close()` leaves the core running (dispose it yourself). A call's
 * `signal` is checked before it starts; `timeoutMs` does not apply (no transport to give up on: the core's own
 * limits on its calls to the OP do).
 */
export const createOxdClient = (
  core: InProcessCore,
  options: InProcessOptions = {},
): OxdClient & {
  readonly [CALL_NOW]: (command: string, params: Record<string, unknown>, options?: CallOptions) => unknown
} => {
  const callNow = callNowOf(core, options)
  return makeClient(caller(callNow), { [CALL_NOW]: callNow })
}
