import { randomBytes } from "node:crypto"

/** The parameters that change on every login. Ours are base64url, which a query string carries as it is. */
const PER_LOGIN = ["state", "nonce", "code_challenge"] as const
const BASE64URL = /^[A-Za-z0-9_-]+$/
/**
 * Templates kept, over every configuration: the other parameters can come from calls (custom_parameters, prompt),
 * so they are bounded in number and size: a set longer than MAX_KEY_CHARS is built every time, and past
 * MAX_TEMPLATES all are dropped and made again as used (at most ~4,096 × 6 KB).
 */
export const MAX_TEMPLATES = 4_096
export const MAX_KEY_CHARS = 2_048

interface Template {
  /** the URL's text around the per-login values; `null`: the URL could not be cut, build every time */
  readonly parts: ReadonlyArray<string>
  readonly slots: ReadonlyArray<(typeof PER_LOGIN)[number]>
}

/** A configuration's templates by set of other parameters, and the set its last login used (names, values). */
interface ConfigTemplates {
  readonly byKey: Map<string, Template | null>
  last?: {
    readonly names: ReadonlyArray<string>
    readonly values: ReadonlyArray<string | undefined>
    readonly template: Template | null
  }
}

/**
 * Login URLs of one site differ only in state, nonce and code_challenge. `build` (openid-client) makes the URL once
 * per configuration and set of other parameters, with unguessable markers where those three go; each login then puts
 * its values in the markers' places: the text `build` would give (a test holds it so) without a URL and a
 * URLSearchParams per login (their cost: bench/README.md). loginUrl.property.test.ts holds every URL to a
 * URLSearchParams reference over generated parameters. Anything unusual (a value that would be escaped, a
 * marker not found once) is built afresh.
 */
export const makeAuthorizationUrls = <C extends object>(build: (cfg: C, params: Record<string, string>) => string) => {
  const tag = randomBytes(12).toString("hex")
  const markers = PER_LOGIN.map((_, i) => `m${tag}${i}`)
  let templates = new WeakMap<C, ConfigTemplates>()
  let kept = 0

  const compile = (cfg: C, params: Record<string, string>): Template | null => {
    const marked: Record<string, string> = {}
    for (const k in params) {
      const slot = PER_LOGIN.indexOf(k as (typeof PER_LOGIN)[number])
      marked[k] = slot < 0 ? params[k]! : markers[slot]!
    }
    const href = build(cfg, marked)
    const found: Array<{ at: number; slot: number }> = []
    for (let slot = 0; slot < markers.length; slot++) {
      if (!(PER_LOGIN[slot]! in params)) continue
      const at = href.indexOf(markers[slot]!)
      if (at < 0 || href.indexOf(markers[slot]!, at + 1) >= 0) return null
      found.push({ at, slot })
    }
    found.sort((a, b) => a.at - b.at)
    const parts: string[] = []
    let from = 0
    for (const f of found) {
      parts.push(href.slice(from, f.at))
      from = f.at + markers[f.slot]!.length
    }
    parts.push(href.slice(from))
    return { parts, slots: found.map((f) => PER_LOGIN[f.slot]!) }
  }

  /**
   * The template of these parameters when they are the set of the configuration's last login (the usual case: a
   * site's logins repeat its parameters), compared name by name and value by value; undefined: not that set.
   * Saves building and hashing the set's key.
   */
  const sameAsLast = (seen: ConfigTemplates["last"], params: Record<string, string>): Template | null | undefined => {
    if (!seen) return undefined
    let i = 0
    for (const k in params) {
      if (seen.names[i] !== k) return undefined
      const want = seen.values[i++]
      if (want === undefined ? !BASE64URL.test(params[k]!) : want !== params[k]) return undefined
    }
    return i === seen.names.length ? seen.template : undefined
  }

  const fill = (t: Template, params: Record<string, string>): string => {
    let url = t.parts[0]!
    for (let i = 0; i < t.slots.length; i++) url += params[t.slots[i]!]! + t.parts[i + 1]!
    return url
  }

  return (cfg: C, params: Record<string, string>): string => {
    let entry = templates.get(cfg)
    const repeated = sameAsLast(entry?.last, params)
    if (repeated !== undefined) return repeated === null ? build(cfg, params) : fill(repeated, params)
    // the other parameters, length-prefixed so that no two different sets read the same
    let key = ""
    const names: string[] = []
    const values: Array<string | undefined> = []
    for (const k in params) {
      const v = params[k]!
      names.push(k)
      if (PER_LOGIN.includes(k as (typeof PER_LOGIN)[number])) {
        if (!BASE64URL.test(v)) return build(cfg, params)
        key += `${k.length}:${k}*`
        values.push(undefined)
      } else {
        key += `${k.length}:${k}${v.length}:${v}`
        values.push(v)
      }
    }
    if (key.length > MAX_KEY_CHARS) return build(cfg, params)
    let t = entry?.byKey.get(key)
    if (t === undefined) {
      t = compile(cfg, params)
      if (++kept > MAX_TEMPLATES) {
        templates = new WeakMap()
        kept = 1
        entry = undefined
      }
      if (!entry) templates.set(cfg, (entry = { byKey: new Map() }))
      entry.byKey.set(key, t)
    }
    entry!.last = { names, values, template: t }
    return t === null ? build(cfg, params) : fill(t, params)
  }
}
