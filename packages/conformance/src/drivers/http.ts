import * as http from "node:http"
import * as https from "node:https"

/** One HTTP exchange as a small browser sees it. */
export interface Page {
  readonly status: number
  readonly location: string | undefined
  readonly contentType: string
  readonly body: string
  readonly url: URL
}

export interface SendOptions {
  /** Trusted certificates (PEM) for https:, Node's roots when absent. */
  readonly ca?: ReadonlyArray<string> | undefined
  readonly jar?: CookieJar
  readonly headers?: Record<string, string>
  readonly body?: string
  readonly timeoutMs?: number
}

/** One request over node:http(s), no redirect followed, a fresh connection each time (nothing lingers). */
export const send = (method: string, url: URL, opts: SendOptions = {}): Promise<Page> => {
  // a browser's Accept: an OP may answer its login pages in JSON to a client that lists JSON (LemonLDAP::NG does,
  // for any Accept naming application/json, whatever its q)
  const headers: http.OutgoingHttpHeaders = {
    accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "user-agent": "oxd-conformance",
    ...opts.headers,
  }
  const cookie = opts.jar?.header(url)
  if (cookie) headers["cookie"] = cookie
  if (opts.body !== undefined) headers["content-length"] = Buffer.byteLength(opts.body)
  const secure = url.protocol === "https:"
  const lib = secure ? https : http
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method, headers, agent: false, ...(secure && opts.ca ? { ca: [...opts.ca] } : {}) },
      (res) => {
        opts.jar?.store(url, res.headers["set-cookie"] ?? [])
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
            url,
          }),
        )
        res.on("error", reject)
      },
    )
    req.setTimeout(opts.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`no answer from ${url.origin} within ${opts.timeoutMs ?? 30_000} ms`)),
    )
    req.on("error", reject)
    req.end(opts.body)
  })
}

/** GET or POST JSON; the parsed body (undefined when it is not JSON). */
export const sendJson = async (
  method: "GET" | "POST",
  url: URL,
  opts: SendOptions & { readonly json?: unknown } = {},
) => {
  const page = await send(method, url, {
    ...opts,
    headers: {
      accept: "application/json",
      ...(opts.json !== undefined ? { "content-type": "application/json" } : {}),
      ...opts.headers,
    },
    ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}),
  })
  let json: unknown
  try {
    json = JSON.parse(page.body)
  } catch {
    json = undefined
  }
  return { ...page, json }
}

/** Just enough of RFC 6265 for a login: host-only and Domain cookies, path, expiry. */
export class CookieJar {
  readonly #cookies = new Map<
    string,
    { name: string; value: string; host: string; domain: boolean; path: string; expires: number; secure: boolean }
  >()

  store(url: URL, setCookies: ReadonlyArray<string>): void {
    for (const line of setCookies) {
      const [pair = "", ...attrs] = line.split(";")
      const eq = pair.indexOf("=")
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      let path = url.pathname.replace(/\/[^/]*$/, "") || "/"
      let expires = Infinity
      let host = url.hostname
      let domain = false
      let secure = false
      for (const attr of attrs) {
        const [k = "", v = ""] = attr.split("=").map((s) => s.trim())
        const key = k.toLowerCase()
        if (key === "path" && v.startsWith("/")) path = v
        else if (key === "max-age") expires = Date.now() + Number(v) * 1000
        else if (key === "expires" && expires === Infinity) expires = Date.parse(v)
        else if (key === "secure") secure = true
        else if (key === "domain" && v) {
          const d = v.replace(/^\./, "").toLowerCase()
          if (url.hostname === d || url.hostname.endsWith(`.${d}`)) {
            host = d
            domain = true
          }
        }
      }
      const id = `${host};${name};${path}`
      if (expires <= Date.now()) this.#cookies.delete(id)
      else this.#cookies.set(id, { name, value, host, domain, path, expires, secure })
    }
  }

  header(url: URL): string {
    const now = Date.now()
    return [...this.#cookies.values()]
      .filter(
        (c) =>
          c.expires > now &&
          (!c.secure || url.protocol === "https:") &&
          pathMatches(url.pathname, c.path) &&
          (url.hostname === c.host || (c.domain && url.hostname.endsWith(`.${c.host}`))),
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ")
  }
}

const pathMatches = (requestPath: string, cookiePath: string): boolean =>
  requestPath === cookiePath ||
  (requestPath.startsWith(cookiePath) && (cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/"))
