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

const caller = (core: InProcessCore, options: InProcessOptions): Caller => ({
  transport: "in-process",
  async call(command: string, params: Record<string, unknown>, call: CallOptions) {
    call.signal?.throwIfAborted()
    const token = call.token === null ? undefined : (call.token ?? options.token)
    const reply = await core.call(command, params, {
      transport: "internal",
      protectionToken: token,
      requireProtection: options.requireProtection,
    })
    const envelope = reply.envelope
    if (envelope.status === "ok") return envelope.data
    // no HTTP in process: httpStatus stays undefined, as over TCP
    throw new OxdError(
      isOxdErrorData(envelope.data)
        ? envelope.data
        : { error: "internal_error", error_description: "malformed error reply" },
    )
  },
  // the core is the app's: it disposes of it
  close: () => Promise.resolve(),
})

/**
 * A client calling the given core directly; `close()` leaves the core running (dispose it yourself). A call's
 * `signal` is checked before it starts; `timeoutMs` does not apply (no transport to give up on: the core's own
 * limits on its calls to the OP do).
 */
export const createOxdClient = (core: InProcessCore, options: InProcessOptions = {}): OxdClient =>
  makeClient(caller(core, options), {})
