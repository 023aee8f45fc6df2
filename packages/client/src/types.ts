import type { Commands } from "./generated/commands.js"
import type { CamelCase } from "@oxd/wire"

export type { OxdEvent } from "./events.js"

/** Every command by its oxd wire name: "setup_client" | "get_client_token" | … (generated from core's registry). */
export type CommandName = keyof Commands & string
/** A command's params as sent on the wire (core's params schema, encoded side). */
export type ParamsOf<C extends CommandName> = Commands[C]["params"]
/** The `data` of a command's ok reply (core's result schema, encoded side). */
export type ResultOf<C extends CommandName> = Commands[C]["result"]

/** The protection_access_token, or a function asked for it (a token that is renewed). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>)

export interface CallOptions {
  /** This call's protection_access_token, instead of the client's; null: none (ws: the connection's still applies). */
  readonly token?: string | null
  readonly signal?: AbortSignal
  /** Time limit of this call in ms (default: the client's timeoutMs). */
  readonly timeoutMs?: number
}

/** One method per command, named in camelCase: `client.getAuthorizationUrl({ oxd_id })` → its result. */
export type OxdMethods = {
  readonly [C in CommandName as CamelCase<C>]: (params: ParamsOf<C>, options?: CallOptions) => Promise<ResultOf<C>>
}

/** The same interface over every transport; results are the reply's `data`, errors throw OxdError. */
export type OxdClient = OxdMethods & {
  readonly transport: "tcp" | "https" | "ws" | "in-process"
  /** Any command by wire name (older names such as update_site_registration too). */
  call<C extends CommandName>(command: C, params: ParamsOf<C>, options?: CallOptions): Promise<ResultOf<C>>
  call(command: string, params: Record<string, unknown>, options?: CallOptions): Promise<unknown>
  /** Releases connections (TCP pool, WebSocket). */
  close(): Promise<void>
}

/** How a transport runs one command: the reply's data, or an OxdError / OxdTransportError. */
export interface Caller {
  readonly transport: "tcp" | "https" | "ws" | "in-process"
  call(command: string, params: Record<string, unknown>, options: CallOptions): Promise<unknown>
  close(): Promise<void>
}

export const DEFAULT_TIMEOUT_MS = 30_000

export const resolveToken = async (source: TokenSource | undefined): Promise<string | undefined> =>
  typeof source === "function" ? await source() : source
