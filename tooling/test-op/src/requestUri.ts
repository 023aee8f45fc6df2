import type { IncomingMessage, ServerResponse } from "node:http"
import https from "node:https"
import { AUTHORIZATION_PATH } from "./basicAuthorize.js"
import type { Counters } from "./counters.js"
import { sendHtml } from "./http.js"
import { LOOPBACK_HOSTS } from "./loopback.js"

/** A request object is a JWT of a few KiB; more is no request object. */
const MAX_BYTES = 64 * 1024

const requestUriOf = (req: IncomingMessage): string | null =>
  new URL(req.url ?? "/", "https://op.invalid").searchParams.get("request_uri")

/**
 * OpenID Connect Core §6.2, a request object passed by reference (`request_uri`): oidc-provider 9 takes only PAR's
 * `urn:ietf:params:oauth:request_uri:` (discovery says request_uri_parameter_supported false), while the OPs oxd 4.x
 * was made for (Gluu oxAuth) fetch an https request_uri, as get_request_object_uri expects. This OP does too, for
 * loopback URLs only (tests target loopback): it GETs the JWT, TLS verified against its own CA (serve it with
 * `TestOp.tlsFiles`), and hands it to oidc-provider as `request` (by value), which checks it as any request object.
 */
export const isRequestUriAuthorize = (req: IncomingMessage, path: string): boolean =>
  path === AUTHORIZATION_PATH && req.method === "GET" && /^https:\/\//i.test(requestUriOf(req) ?? "")

export async function resolveRequestUri(
  req: IncomingMessage,
  res: ServerResponse,
  ca: string,
  counters: Counters,
  next: () => unknown,
): Promise<void> {
  const uri = new URL(requestUriOf(req)!)
  if (!LOOPBACK_HOSTS.has(uri.hostname.replace(/^\[|\]$/g, "")))
    return sendHtml(res, 400, "invalid_request_uri: this test OP fetches loopback request_uris only")
  counters.inc("request_uri.fetch")
  let jwt: string
  try {
    jwt = (await fetchText(uri, ca)).trim()
  } catch (e) {
    counters.inc("request_uri.failed")
    return sendHtml(res, 400, `invalid_request_uri: ${e instanceof Error ? e.message : String(e)}`)
  }
  const url = new URL(req.url ?? "/", "https://op.invalid")
  url.searchParams.delete("request_uri")
  url.searchParams.set("request", jwt)
  const rewritten = `${url.pathname}${url.search}`
  // a mounted OP builds its URLs from originalUrl's prefix (server.ts): keep it in step
  const mounted = req as IncomingMessage & { originalUrl?: string }
  if (mounted.originalUrl !== undefined && req.url)
    mounted.originalUrl = mounted.originalUrl.slice(0, mounted.originalUrl.length - req.url.length) + rewritten
  req.url = rewritten
  await next()
}

const fetchText = (uri: URL, ca: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const get = https.get(uri, { ca, timeout: 5_000, headers: { accept: "application/jwt, text/plain" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        return reject(new Error(`the request_uri answered HTTP ${res.statusCode}`))
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on("data", (c: Buffer) => {
        size += c.length
        if (size > MAX_BYTES) {
          res.destroy()
          return reject(new Error("the request_uri's answer is too large"))
        }
        chunks.push(c)
      })
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      res.on("error", reject)
    })
    get.on("timeout", () => get.destroy(new Error("the request_uri did not answer in 5 s")))
    get.on("error", reject)
  })
