import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider"

/**
 * In-memory storage for oidc-provider models. We supply our own instead of the built-in one because
 * (1) passing any adapter silences the "development-only in-memory adapter" warning, and
 * (2) key rotation builds a fresh Provider instance, which must see the same clients, sessions,
 *     grants and tokens — so the store lives outside any one Provider.
 */
interface Entry {
  payload: AdapterPayload
  /** epoch ms, or Infinity */
  expiresAt: number
}

const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "PreAuthorizedCode",
])

export class MemoryStore {
  readonly #entries = new Map<string, Entry>()
  readonly #index = new Map<string, string>() // "sessionUid:x" / "userCode:x" -> model key
  readonly #grants = new Map<string, Set<string>>() // grantId -> model keys

  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.payload
  }

  set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity
    this.#entries.set(key, { payload, expiresAt })
    if (this.#entries.size % 500 === 0) this.#sweep()
  }

  delete(key: string): void {
    this.#entries.delete(key)
  }

  index(name: string): string | undefined {
    return this.#index.get(name)
  }

  setIndex(name: string, key: string): void {
    this.#index.set(name, key)
  }

  addToGrant(grantId: string, key: string): void {
    let keys = this.#grants.get(grantId)
    if (!keys) this.#grants.set(grantId, (keys = new Set()))
    keys.add(key)
  }

  revokeGrant(grantId: string): void {
    for (const key of this.#grants.get(grantId) ?? []) this.#entries.delete(key)
    this.#grants.delete(grantId)
  }

  clear(): void {
    this.#entries.clear()
    this.#index.clear()
    this.#grants.clear()
  }

  #sweep(): void {
    const now = Date.now()
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key)
  }

  /** The factory oidc-provider calls once per model name ("Client", "Session", "AccessToken", …). */
  adapterFactory(): AdapterFactory {
    return (model: string): Adapter => {
      const keyOf = (id: string) => `${model}:${id}`
      return {
        upsert: async (id, payload, expiresIn) => {
          const key = keyOf(id)
          this.set(key, payload, expiresIn)
          if (model === "Session" && payload.uid) this.setIndex(`sessionUid:${payload.uid}`, key)
          if (payload.userCode) this.setIndex(`userCode:${payload.userCode}`, key)
          if (GRANTABLE.has(model) && payload.grantId) this.addToGrant(payload.grantId, key)
        },
        find: async (id) => this.get(keyOf(id)),
        findByUid: async (uid) => {
          const key = this.index(`sessionUid:${uid}`)
          return key ? this.get(key) : undefined
        },
        findByUserCode: async (userCode) => {
          const key = this.index(`userCode:${userCode}`)
          return key ? this.get(key) : undefined
        },
        consume: async (id) => {
          const payload = this.get(keyOf(id))
          if (payload) payload.consumed = Math.floor(Date.now() / 1000)
        },
        destroy: async (id) => this.delete(keyOf(id)),
        revokeByGrantId: async (grantId) => this.revokeGrant(grantId),
      }
    }
  }
}
