import type { Claims } from "./store.js"

/** What the AS decides for a requested scope. Scopes without a policy are granted. */
export type UmaPolicy =
  | { kind: "grant" }
  | { kind: "deny" }
  /** Granted once the requesting party has claim `name` equal to `value` (pushed, gathered or in a PCT). */
  | { kind: "require_claim"; name: string; value: string }

export const POLICY_KINDS = ["grant", "deny", "require_claim"] as const

/** Validates a policy from untrusted input (admin API, JS callers); throws TypeError. */
export function parsePolicy(input: Record<string, unknown>): UmaPolicy {
  switch (input.kind) {
    case "grant":
    case "deny":
      return { kind: input.kind }
    case "require_claim": {
      const { name, value } = input
      if (typeof name !== "string" || !name) throw new TypeError("require_claim needs a non-empty string name")
      if (typeof value !== "string") throw new TypeError("require_claim needs a string value")
      return { kind: "require_claim", name, value }
    }
    default:
      throw new TypeError(`kind must be one of ${POLICY_KINDS.join(", ")}`)
  }
}

export type Decision =
  | { kind: "grant" }
  | { kind: "deny"; scopes: string[] }
  | { kind: "need_info"; missing: Array<{ name: string; value: string }> }

/** Policies per scope name, set by tests. */
export class Policies {
  readonly #byScope = new Map<string, UmaPolicy>()

  set(scope: string, policy: UmaPolicy): void {
    if (typeof scope !== "string" || !scope) throw new TypeError("scope must be a non-empty string")
    this.#byScope.set(scope, parsePolicy(policy))
  }

  get(scope: string): UmaPolicy {
    return this.#byScope.get(scope) ?? { kind: "grant" }
  }

  list(): Record<string, UmaPolicy> {
    return Object.fromEntries(this.#byScope)
  }

  clear(): void {
    this.#byScope.clear()
  }

  /** Any deny wins (claims can't help); otherwise every unmet claim requirement is reported. */
  decide(scopes: Iterable<string>, claims: Claims): Decision {
    const denied: string[] = []
    const missing = new Map<string, { name: string; value: string }>()
    for (const scope of new Set(scopes)) {
      const policy = this.get(scope)
      if (policy.kind === "deny") denied.push(scope)
      if (policy.kind === "require_claim" && !hasClaim(claims, policy.name, policy.value)) {
        missing.set(`${policy.name}\0${policy.value}`, { name: policy.name, value: policy.value })
      }
    }
    if (denied.length) return { kind: "deny", scopes: denied }
    if (missing.size) return { kind: "need_info", missing: [...missing.values()] }
    return { kind: "grant" }
  }

  /** Claims still needed for `scopes`, given what is known already (for the claims gathering form). */
  missingClaims(scopes: Iterable<string>, claims: Claims): string[] {
    const names = new Set<string>()
    for (const scope of new Set(scopes)) {
      const policy = this.get(scope)
      if (policy.kind === "require_claim" && !hasClaim(claims, policy.name, policy.value)) names.add(policy.name)
    }
    return [...names]
  }
}

/** A claim matches when its value (or, for arrays, one of its values) equals `value` as a string. */
export function hasClaim(claims: Claims, name: string, value: string): boolean {
  if (!Object.hasOwn(claims, name)) return false
  const actual = claims[name]
  const values = Array.isArray(actual) ? actual : [actual]
  return values.some(
    (v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean") && String(v) === value,
  )
}
