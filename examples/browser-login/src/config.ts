import { createOxdClient, type OxdClient } from "@oxd/client"

/** What the page needs to reach oxd; from config.json next to the page, overridden by URL params. */
export interface PageConfig {
  /** The REST API, e.g. https://127.0.0.1:8443 (URL param `rest`). */
  readonly restUrl?: string
  /** The WebSocket API, e.g. wss://127.0.0.1:8445 (URL param `ws`). */
  readonly wsUrl?: string
  /** The site registered with authorization_redirect_uri = <this page's origin>/callback.html (URL param `oxd_id`). */
  readonly oxdId?: string
  /**
   * A protection_access_token of the site's setup client (URL param `token`). Fine for a demo on loopback; a real
   * application keeps it on its back end, never in a page.
   */
  readonly protectionToken?: string
}

export type Transport = "https" | "ws"

const STORAGE_KEY = "oxd-browser-login"
const PARAMS: ReadonlyArray<[keyof PageConfig, string]> = [
  ["restUrl", "rest"],
  ["wsUrl", "ws"],
  ["oxdId", "oxd_id"],
  ["protectionToken", "token"],
]

const fromJson = async (): Promise<PageConfig> => {
  const res = await fetch(new URL("config.json", location.href), { cache: "no-store" })
  if (!res.ok) return {}
  return (await res.json()) as PageConfig
}

/** config.json, then what earlier URL params left in this tab, then this URL's params (kept for the callback page). */
export const loadConfig = async (): Promise<PageConfig> => {
  const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}") as PageConfig
  const query = new URLSearchParams(location.search)
  const fromUrl: Record<string, string> = {}
  for (const [key, param] of PARAMS) {
    const value = query.get(param)
    if (value) fromUrl[key] = value
  }
  if (Object.keys(fromUrl).length > 0) sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...saved, ...fromUrl }))
  return { ...(await fromJson().catch(() => ({}))), ...saved, ...fromUrl }
}

/** The transport the sign-in started with, remembered across the trip to the OP. */
export const rememberTransport = (t: Transport) => sessionStorage.setItem(`${STORAGE_KEY}:transport`, t)
export const rememberedTransport = (): Transport =>
  sessionStorage.getItem(`${STORAGE_KEY}:transport`) === "ws" ? "ws" : "https"

export const clientFor = (config: PageConfig, transport: Transport): OxdClient => {
  const token = config.protectionToken
  if (transport === "ws") {
    if (!config.wsUrl) throw new Error("no WebSocket URL configured (wsUrl in config.json, or ?ws=)")
    return createOxdClient({ transport: "ws", url: config.wsUrl, ...(token ? { token } : {}), timeoutMs: 15_000 })
  }
  if (!config.restUrl) throw new Error("no REST URL configured (restUrl in config.json, or ?rest=)")
  return createOxdClient({
    transport: "https",
    baseUrl: config.restUrl,
    ...(token ? { token } : {}),
    timeoutMs: 15_000,
  })
}

export const requireOxdId = (config: PageConfig): string => {
  if (!config.oxdId) throw new Error("no oxd_id configured (oxdId in config.json, or ?oxd_id=)")
  return config.oxdId
}

export const describeError = (e: unknown): string => {
  if (e && typeof e === "object" && "error" in e && "error_description" in e)
    return `${String(e.error)}: ${String(e.error_description)}`
  return e instanceof Error ? e.message : String(e)
}

export const setStatus = (text: string, kind: "info" | "ok" | "error" = "info") => {
  const el = document.getElementById("status")
  if (!el) return
  el.textContent = text
  el.dataset["kind"] = kind
}
