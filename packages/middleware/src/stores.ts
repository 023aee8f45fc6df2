import { makeSealer } from "./seal.js"
import { matches, randomId, type Session, type SessionMatch, type SessionStore } from "./session.js"

/** Browsers keep a cookie of 4096 bytes; a session past this needs a server-side store. */
export const MAX_COOKIE_VALUE = 3800

/**
 * What a cookie store must remember to end sessions it does not hold (the browser does): ended session ids, OP
 * sessions and users, each until the longest session could have lasted. Bounded: past `max` entries the oldest go.
 */
class Ended {
  readonly #entries = new Map<string, { readonly at: number; readonly until: number }>()
  constructor(readonly max: number) {}
  add(key: string, at: number, until: number) {
    this.#entries.delete(key)
    this.#entries.set(key, { at, until })
    for (const k of this.#entries.keys()) {
      if (this.#entries.size <= this.max) break
      this.#entries.delete(k)
    }
  }
  /** When the key was ended, if it still counts. */
  at(key: string, now: number): number | undefined {
    const e = this.#entries.get(key)
    if (!e) return undefined
    if (e.until > now) return e.at
    this.#entries.delete(key)
    return undefined
  }
}

export interface CookieStoreOptions {
  /** At least 32 random characters; a list rotates (the first seals, any unseals). */
  readonly secret: string | ReadonlyArray<string>
  /** How many ended sessions, OP sessions and users it remembers (default 10,000). */
  readonly maxEnded?: number
}

/**
 * The default: the whole session sealed in the cookie (jose: signed, then encrypted), nothing kept on the server.
 * Ending a session the browser still holds (logout elsewhere, back-channel logout) is remembered in this process only:
 * with several instances, give a shared server-side store instead.
 */
export const cookieSessionStore = (options: CookieStoreOptions): SessionStore => {
  const sealer = makeSealer(options.secret, "session")
  const ended = new Ended(options.maxEnded ?? 10_000)
  let longest = 0
  return {
    async save(session, maxAgeSeconds) {
      longest = Math.max(longest, maxAgeSeconds * 1000)
      const value = await sealer.seal({ s: session }, maxAgeSeconds)
      if (value.length > MAX_COOKIE_VALUE)
        throw new Error(
          `@oxd/middleware: the sealed session is ${value.length} bytes, too large for a cookie; use a server-side store (memorySessionStore or your own)`,
        )
      return value
    },
    async load(cookie) {
      const payload = await sealer.unseal(cookie)
      const session = payload?.["s"] as Session | undefined
      if (!session || typeof session.id !== "string") return undefined
      const now = Date.now()
      if (ended.at(`id:${session.id}`, now) !== undefined) return undefined
      if (session.sid !== undefined && ended.at(`sid:${session.sid}`, now) !== undefined) return undefined
      const subEnded = ended.at(`sub:${session.sub}`, now)
      if (subEnded !== undefined && session.createdAt <= subEnded) return undefined
      return session
    },
    async destroy(_cookie, session) {
      if (session) ended.add(`id:${session.id}`, Date.now(), Date.now() + longest)
    },
    async end(match: SessionMatch) {
      const now = Date.now()
      if (match.sid !== undefined) ended.add(`sid:${match.sid}`, now, now + longest)
      if (match.sub !== undefined) ended.add(`sub:${match.sub}`, now, now + longest)
    },
  }
}

/** Sessions in this process's memory, the cookie holding a random key: for one instance, and as a model of your own. */
export const memorySessionStore = (): SessionStore & { readonly size: () => number } => {
  const sessions = new Map<string, { session: Session; until: number }>()
  return {
    async save(session, maxAgeSeconds, previous) {
      const key = previous !== undefined && sessions.has(previous) ? previous : randomId()
      sessions.set(key, { session, until: Date.now() + maxAgeSeconds * 1000 })
      return key
    },
    async load(cookie) {
      const e = sessions.get(cookie)
      if (!e) return undefined
      if (e.until <= Date.now()) {
        sessions.delete(cookie)
        return undefined
      }
      return e.session
    },
    async destroy(cookie) {
      sessions.delete(cookie)
    },
    async end(match) {
      for (const [key, e] of sessions) if (matches(e.session, match)) sessions.delete(key)
    },
    size: () => sessions.size,
  }
}

export { randomId }
