import type Provider from "oidc-provider"
import type { Counters } from "../counters.js"
import type { DiscoveryRewrites } from "../discovery.js"
import type { KeyRing } from "../keys.js"
import type { Policies } from "./policies.js"
import type { UmaStore } from "./store.js"

/** What every UMA handler needs; one per TestOp, shared by all Provider instances (rotateKeys swaps them). */
export interface UmaContext {
  readonly issuer: string
  readonly store: UmaStore
  readonly policies: Policies
  readonly counters: Counters
  /** The OP's signing keys, to verify ID tokens pushed as claim tokens. */
  readonly keys: KeyRing
  readonly scopes: readonly string[]
  /** Rewrites of the discovery documents (op.rewriteDiscovery). */
  readonly discovery: DiscoveryRewrites
  /** The current oidc-provider instance. */
  provider(): Provider
}

export const endpoint = (uma: Pick<UmaContext, "issuer">, path: string): string => `${uma.issuer}${path}`
