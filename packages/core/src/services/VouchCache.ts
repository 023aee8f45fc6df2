/** What an OP answered for an active token: the client it was issued to and its scopes. */
export interface Vouched {
  readonly clientId: string
  readonly scopes: ReadonlyArray<string>
  readonly until: number
  readonly refreshAt: number
}

/**
 * The OPs' answers on protection tokens, each kept under the OP that gave it: an answer of one OP never stands for a
 * client of another. Active answers are kept protection_cache_seconds (never past the token's exp); inactive ones
 * briefly, per OP and bounded per OP, so a client retrying a dead token — or a flood of one — costs the OP one
 * introspection, and a flood against one OP cannot push out what another OP said.
 */
export class VouchCache {
  /** Active answers, over all OPs. */
  static readonly MAX = 10_000
  /** Inactive answers, per OP. */
  static readonly INACTIVE_MAX = 10_000
  /** OPs with inactive answers (beyond: the oldest OP's are forgotten). */
  static readonly OPS_MAX = 1_000
  /** Longest life of an inactive answer: a token the OP does not know now is not expected to become active. */
  static readonly INACTIVE_MS = 30_000

  readonly #active = new Map<string, Vouched>()
  readonly #inactive = new Map<string, Map<string, number>>()

  /** `ttlMs` 0: nothing is kept (every call introspects). */
  constructor(readonly ttlMs: number) {}

  /** The OP that answers for a setup client: its issuer URL and discovery path (the length prefix keeps it unambiguous). */
  static opKeyOf(setup: { readonly opHost: string; readonly opDiscoveryPath: string | null }): string {
    return `${setup.opHost.length}:${setup.opHost}${setup.opDiscoveryPath ?? ""}`
  }

  /** A SHA-256 digest in base64url is always 43 characters, so appending it keeps the key unambiguous. */
  static keyOf(opKey: string, digest: string): string {
    return `${opKey} ${digest}`
  }

  get(opKey: string, digest: string, now = Date.now()): Vouched | "inactive" | undefined {
    const v = this.#active.get(VouchCache.keyOf(opKey, digest))
    if (v && v.until > now) return v
    const until = this.#inactive.get(opKey)?.get(digest)
    return until !== undefined && until > now ? "inactive" : undefined
  }

  remember(opKey: string, digest: string, said: Pick<Vouched, "clientId" | "scopes">, expMs: number, now = Date.now()): Vouched {
    const until = Math.min(now + this.ttlMs, expMs)
    // when the token's own exp ends the entry, asking again earlier would not extend it
    const v: Vouched = { ...said, until, refreshAt: now + this.ttlMs < expMs ? now + this.ttlMs * 0.9 : Infinity }
    this.#inactive.get(opKey)?.delete(digest)
    if (this.ttlMs <= 0) return v
    this.#active.set(VouchCache.keyOf(opKey, digest), v)
    if (this.#active.size > VouchCache.MAX) this.#active.delete(this.#active.keys().next().value!)
    return v
  }

  /** The OP said the token is not active (unknown, expired or revoked): any active answer goes. */
  rememberInactive(opKey: string, digest: string, now = Date.now()): void {
    this.#active.delete(VouchCache.keyOf(opKey, digest))
    const ttl = Math.min(this.ttlMs, VouchCache.INACTIVE_MS)
    if (ttl <= 0) return
    let op = this.#inactive.get(opKey)
    if (!op) {
      op = new Map()
      this.#inactive.set(opKey, op)
      if (this.#inactive.size > VouchCache.OPS_MAX) this.#inactive.delete(this.#inactive.keys().next().value!)
    }
    op.delete(digest)
    op.set(digest, now + ttl)
    if (op.size > VouchCache.INACTIVE_MAX) op.delete(op.keys().next().value!)
  }

  /** An OP that could not answer a refresh: the entry serves out its life without more refreshes. */
  keepWithoutRefresh(opKey: string, digest: string, entry: Vouched): void {
    const key = VouchCache.keyOf(opKey, digest)
    if (this.#active.get(key) === entry) this.#active.set(key, { ...entry, refreshAt: Infinity })
  }
}
