/* eslint-disable @typescript-eslint/no-explicit-any -- a registry holds commands of every param and result type */
import type { Effect, Schema } from "effect"
import type { CallContext } from "./CallContext.js"
import type { OxdError } from "./errors.js"
import type { WarmState, WarmAnswer } from "./WarmState.js"

/**
 * "none": never needs a protection token (setup_client, get_client_token).
 * "site": needs one issued to the setup client of the site named by oxd_id, when protection is on.
 * "register": needs one when protection is on; the site being created is tied to the token's setup client.
 */
export type Protection = "none" | "site" | "register"

export interface Command<
  Name extends string = string,
  P extends Schema.Codec<any, any> = Schema.Codec<any, any>,
  R extends Schema.Codec<any, any> = Schema.Codec<any, any>,
  Req = any,
> {
  readonly name: Name
  readonly description: string
  readonly params: P
  readonly result: R
  /**
   * The result on the oxd 4.x API, when it differs from the 3.1 one (get_user_info: the OP's claims as they come);
   * the handler answers it when ctx.api is "4". The 4.x OpenAPI document describes it.
   */
  readonly result4?: Schema.Codec<any, any> | undefined
  readonly protection: Protection
  /** Older wire names answered by this command (update_site_registration → update_site). */
  readonly aliases: ReadonlyArray<string>
  /** The reference error code for a missing/invalid field, where oxd had a specific one. Default: bad_request. */
  readonly fieldCodes: Readonly<Record<string, string>>
  readonly handler: (params: P["Type"], ctx: CallContext) => Effect.Effect<R["Type"], OxdError, Req>
  /**
   * The handler's answer when this instance's caches hold all it needs, given synchronously outside the Effect
   * runtime (for commands on every request of a protected API); undefined hands the call to the handler. It must
   * answer only what the handler would, and leave every refusal and every miss to the handler.
   */
  readonly fromWarmState?: FromWarmState<P["Type"], R["Type"]> | undefined
  /**
   * The boolean configuration key that must be on for the command to run (the test helpers: test_helpers_enabled);
   * off, the call is answered CommandDisabled (unsupported_operation) before its params are read.
   */
  readonly enabledBy?: EnablingKey | undefined
}

/** Configuration keys that switch commands on. */
export type EnablingKey = "test_helpers_enabled"

export type FromWarmState<P, R> = (params: P, ctx: CallContext, warm: WarmState) => WarmAnswer<R> | undefined

export type AnyCommand = Command<string, any, any, any>

/** The services a command's handler needs (its Effect's R). */
export type ServicesOf<C> = C extends Command<any, any, any, infer Req> ? Req : never

export const make = <
  const Name extends string,
  P extends Schema.Codec<any, any>,
  R extends Schema.Codec<any, any>,
  Req,
>(
  name: Name,
  def: {
    readonly description: string
    readonly params: P
    readonly result: R
    readonly result4?: Schema.Codec<any, any>
    readonly protection: Protection
    readonly aliases?: ReadonlyArray<string>
    readonly fieldCodes?: Readonly<Record<string, string>>
    readonly handler: (params: P["Type"], ctx: CallContext) => Effect.Effect<R["Type"], OxdError, Req>
    readonly fromWarmState?: FromWarmState<P["Type"], R["Type"]>
    readonly enabledBy?: EnablingKey
  },
): Command<Name, P, R, Req> => ({ name, aliases: [], fieldCodes: {}, ...def })

/** A const record keyed by wire name, so per-command types survive for tRPC and the clients. */
export type Registry<Cs extends ReadonlyArray<AnyCommand>> = { readonly [C in Cs[number] as C["name"]]: C }

export const registry = <const Cs extends ReadonlyArray<AnyCommand>>(...commands: Cs): Registry<Cs> =>
  Object.fromEntries(commands.map((c) => [c.name, c])) as Registry<Cs>
