import type { Config } from "./config/OxdConfig.js"
import type { OxdEventInput } from "./services/Events.js"
import type { ProtectedResource } from "./services/ResourceStore.js"
import type { Site } from "./services/SiteStore.js"
import type { PendingRequest } from "./services/StateStore.js"
import type { Introspection } from "./services/UmaAuthorizationServer.js"

/**
 * What this instance can tell synchronously from its caches: a fresh entry, or undefined — never a database read or
 * an OP call, and undefined says nothing about the truth (the ordinary path then reads and decides). Commands that
 * can be answered on the synchronous road (Command.fromWarmState) use it; a hit is counted only when the answer is given.
 */
export interface WarmState {
  readonly config: Config
  /** The core's Clock time (ms), read synchronously (TestClock in tests). */
  now(): number
  site(oxdId: string): Site | undefined
  resources(oxdId: string): ReadonlyArray<ProtectedResource> | undefined
  /** A cached introspection of this RPT for this site, not yet due for refresh. */
  rpt(site: Site, rpt: string): Introspection | undefined
  /** Whether the site's OP offers PKCE with S256, from its cached discovery. */
  supportsPkceS256(site: Site): boolean | undefined
  /** The site's OP's authorization URL with these parameters, from its cached discovery. */
  authorizationUrl(site: Site, params: Record<string, string>): string | undefined
  /** A sealed state for an authorization request (no write), once the state key is loaded. */
  issueState(oxdId: string, pkce: boolean, redirect?: number): PendingRequest | undefined
}

/** An answer given on the synchronous road: the result, and the event the handler would have published with it. */
export interface WarmAnswer<R> {
  readonly result: R
  readonly event?: OxdEventInput
}
