/**
 * CORS for browser clients (rest_cors_origins). Empty: off, no CORS header is ever sent. `*`: any origin.
 * Otherwise only the listed origins (scheme://host[:port]) get Access-Control-Allow-Origin; others get no CORS
 * header at all, so the browser refuses the response to the page.
 */
export interface Cors {
  readonly enabled: boolean
  /** Headers for an actual (non-preflight) response to a request from `origin`. */
  responseHeaders(origin: string | undefined): Record<string, string>
  /** Headers for a preflight (OPTIONS) from `origin`; undefined when the origin is not allowed. */
  preflightHeaders(origin: string | undefined, allowMethods: string): Record<string, string> | undefined
}

/** AuthorizationOxdId: the oxd 4.x API's header (RestResource.java:80); the 3.1 API ignores it. */
export const ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id, AuthorizationOxdId"
export const EXPOSED_HEADERS = "X-Request-Id"
export const PREFLIGHT_MAX_AGE_SECONDS = 600

const normalise = (origin: string) => origin.trim().replace(/\/+$/, "").toLowerCase()

export const makeCors = (origins: ReadonlyArray<string>): Cors => {
  const list = origins.map(normalise).filter((o) => o.length > 0)
  const any = list.includes("*")
  const allowed = new Set(list)
  const enabled = list.length > 0
  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (!enabled || origin === undefined || origin === "") return undefined
    if (any) return "*"
    return allowed.has(normalise(origin)) ? origin : undefined
  }
  // the answer depends on Origin whenever CORS is on: caches must keep one copy per origin
  const vary: Record<string, string> = enabled && !any ? { Vary: "Origin" } : {}
  return {
    enabled,
    responseHeaders: (origin) => {
      const allow = allowOrigin(origin)
      return allow === undefined
        ? vary
        : { ...vary, "Access-Control-Allow-Origin": allow, "Access-Control-Expose-Headers": EXPOSED_HEADERS }
    },
    preflightHeaders: (origin, allowMethods) => {
      const allow = allowOrigin(origin)
      if (allow === undefined) return undefined
      return {
        ...vary,
        "Access-Control-Allow-Origin": allow,
        "Access-Control-Allow-Methods": allowMethods,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_SECONDS),
      }
    },
  }
}
