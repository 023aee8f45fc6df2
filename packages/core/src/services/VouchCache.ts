import { Effect, type Scope } from "effect"
import { ExpiringCache } from "../cache/ExpiringCache.js"

/** What an OP answered for an active token: the client it was issued to, its scopes, and its exp (ms; Infinity: none). */
export interface Vouched {
  readonly clientId: string
  readonly scopes: ReadonlyArray<string>
  readonly expiresAt: number
}

/**
 * The OPs' answers on protection tokens, each kept under the OP that gave it: an answer of one OP never stands for a
 * client of another. Active answers are kept protection_cache_seconds (never past the token's exp, refreshed ahead
 * otherwise); inactive ones briefly, per OP and bounded per OP, so a client retrying a dead token — or a flood of one —
 * costs the OP one introspection, and a flood against one OP cannot push out what another OP said.
 */
export class VouchCache {
  /** Active answers, over all OPs. */
  static readonly MAX = 10_000
  /** Inactive answers, per OP. */
  static readonly INACTIVE_MAX = 10_000
  /** OPs with inactive answers (beyond: the least recently used OP's are forgotten). */
  static readonly OPS_MAX = 1_000
  /** Longest life of an inactive answer: a token the OP does not know now is not expected to become active. */
  static readonly INACTIVE_MS = 30_000

  private constructor(
    readonly ttlMs: number,
    readonly active: ExpiringCache<Vouched>,
    /** Per OP: the digests it lately said are not active. */
    readonly inactive: ExpiringCache<ExpiringCache<true>>,
  ) {}

  /** `ttlMs` 0: nothing is kept (every call introspects; concurrent ones still share one). */
  static make(ttlMs: number): Effect.Effect<VouchCache, never, Scope.Scope> {
    return Effect.gen(function* () {
      const active = yield* ExpiringCache.make<Vouched>({
        max: VouchCache.MAX,
        ttlMs,
        name: "protection",
        expiresAt: (v) => v.expiresAt,
      })
      const inactive = yield* ExpiringCache.make<ExpiringCache<true>>({
        max: VouchCache.OPS_MAX,
        ttlMs: Infinity,
        refreshAhead: false,
      })
      return new VouchCache(ttlMs, active, inactive)
    })
  }

  /** The OP that answers for a setup client: its issuer URL and discovery path (the length prefix keeps it unambiguous). */
  static opKeyOf(setup: { readonly opHost: string; readonly opDiscoveryPath: string | null }): string {
    return `${setup.opHost.length}:${setup.opHost}${setup.opDiscoveryPath ?? ""}`
  }

  /** A SHA-256 digest in base64url is always 43 characters, so appending it keeps the key unambiguous. */
  static keyOf(opKey: string, digest: string): string {
    return `${opKey} ${digest}`
  }

  /** The OP lately said this token is not active. */
  isInactive(opKey: string, digest: string): boolean {
    return this.inactive.peek(opKey)?.peek(digest) === true
  }

  /** The OP's active answer: cached, or `introspect`'s (shared while in flight, refreshed ahead in the background). */
  get<E, R>(opKey: string, digest: string, introspect: Effect.Effect<Vouched, E, R>): Effect.Effect<Vouched, E, R> {
    return this.active.get(VouchCache.keyOf(opKey, digest), introspect)
  }

  /** The cached active answer when it may answer synchronously (ExpiringCache's freshness rule), else undefined. */
  peek(opKey: string, digest: string): Vouched | undefined {
    return this.active.peek(VouchCache.keyOf(opKey, digest))
  }

  /** The OP said the token is not active (unknown, expired or revoked): any active answer goes. */
  rememberInactive(opKey: string, digest: string): void {
    this.active.delete(VouchCache.keyOf(opKey, digest))
    const ttlMs = Math.min(this.ttlMs, VouchCache.INACTIVE_MS)
    if (ttlMs <= 0) return
    let op = this.inactive.peek(opKey)
    if (!op) {
      op = new ExpiringCache<true>(
        { max: VouchCache.INACTIVE_MAX, ttlMs, refreshAhead: false },
        this.active.clock,
        this.active.scope,
      )
      this.inactive.set(opKey, op)
    }
    op.set(digest, true)
  }
}
