import type { UmaContext } from "./context.js"
import { parsePolicy, type UmaPolicy } from "./policies.js"
import { UMA_PATHS } from "./paths.js"
import type { UmaResource } from "./store.js"

export interface UmaEndpoints {
  configuration: string
  resourceRegistration: string
  permission: string
  introspection: string
  claimsInteraction: string
}

/** Test control of the UMA AS (`op.uma`); the admin HTTP API under /__test/uma/ mirrors it. */
export interface UmaControl {
  readonly endpoints: Readonly<UmaEndpoints>
  /** Decision for a scope from now on (every resource, every client). Scopes without a policy are granted. */
  setPolicy(scope: string, policy: UmaPolicy): void
  policies(): Record<string, UmaPolicy>
  clearPolicies(): void
  /** Lifetime of RPTs issued from now on. */
  setRptTtl(seconds: number): void
  /** Every registered resource, with its owner (the RS client_id) and scope_expression. */
  resources(): UmaResource[]
  /** Clears policies and restores the configured RPT lifetime (resources, tickets, RPTs and PCTs stay). */
  reset(): void
}

export function createUmaControl(uma: UmaContext): UmaControl {
  const endpoints = Object.freeze(
    Object.fromEntries(
      Object.entries(UMA_PATHS).map(([k, path]) => [k, `${uma.issuer}${path}`]),
    ) as unknown as UmaEndpoints,
  )
  return {
    endpoints,
    setPolicy: (scope, policy) => uma.policies.set(scope, parsePolicy(policy)),
    policies: () => uma.policies.list(),
    clearPolicies: () => uma.policies.clear(),
    setRptTtl(seconds) {
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0)
        throw new TypeError("RPT ttl must be a positive number of seconds")
      uma.store.ttl.RPT = seconds
    },
    resources: () => [...uma.store.resources.values()].map((r) => structuredClone(r)),
    reset() {
      uma.policies.clear()
      uma.store.ttl = { ...uma.store.initialTtl }
    },
  }
}
