/** Request counts keyed by oidc-provider route name ("discovery", "jwks", "token", "token.refresh_token", …). */
export class Counters {
  #counts = new Map<string, number>()

  inc(name: string): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1)
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)))
  }

  reset(): void {
    this.#counts.clear()
  }
}
