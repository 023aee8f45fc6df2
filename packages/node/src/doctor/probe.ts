import { readFileSync } from "node:fs"
import { request as httpRequest, type IncomingHttpHeaders } from "node:http"
import { request as httpsRequest } from "node:https"
import { rootCertificates } from "node:tls"
import { makeOpHostPolicy, refusalIn } from "@oxd/core"

export interface ProbeAnswer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** this machine's time when the answer's headers arrived (for the clock check) */
  readonly at: number
}

/** A probe that got no answer: code is Node's (ECONNREFUSED, ECONNRESET, UNABLE_TO_VERIFY_LEAF_SIGNATURE…) or TIMEOUT. */
export class ProbeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH|ERR_SSL_)/
/** Whether the probe failed on the OP's certificate (not trusted, expired, another name) rather than the network. */
export const isTlsTrustError = (e: ProbeError) => TLS_CODES.test(e.code)

const MAX_BODY = 1 << 20

/** The code of a probe the server's allowed_op_hosts would not send (its message says what to add). */
export const NOT_ALLOWED = "OXD_OP_HOST_NOT_ALLOWED"

/**
 * One HTTP(S) request to an OP as the server makes them: allowed_op_hosts (the URL, and every address a name resolves
 * to), the system CAs plus trusted_ca_file, op_timeout_in_seconds. A small probe of its own (not core's OpFetch)
 * because it must tell a TLS failure from a refused connection.
 */
export const makeProbe = (opts: {
  readonly trustedCaFile: string | undefined
  readonly timeoutMs: number
  readonly allowedOpHosts: ReadonlyArray<string>
}) => {
  const ca = opts.trustedCaFile ? [...rootCertificates, readFileSync(opts.trustedCaFile, "utf8")] : undefined
  const policy = makeOpHostPolicy(opts.allowedOpHosts)
  return (url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
    new Promise<ProbeAnswer>((resolve, reject) => {
      const refused = policy.checkUrl(url)
      if (refused) return reject(new ProbeError(NOT_ALLOWED, refused.detail))
      const u = new URL(url)
      const send = u.protocol === "http:" ? httpRequest : httpsRequest
      const req = send(
        u,
        {
          method: init.method ?? "GET",
          headers: { accept: "application/json", ...init.headers },
          timeout: opts.timeoutMs,
          lookup: policy.lookupFor(u.origin),
          ...(u.protocol === "https:" && ca ? { ca } : {}),
        },
        (res) => {
          const at = Date.now()
          const chunks: Buffer[] = []
          let size = 0
          res.on("data", (c: Buffer) => {
            size += c.length
            if (size <= MAX_BODY) chunks.push(c)
          })
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
              at,
            }),
          )
          res.on("error", (e: NodeJS.ErrnoException) => reject(new ProbeError(e.code ?? "ERROR", e.message)))
        },
      )
      req.on("timeout", () => {
        req.destroy(new ProbeError("TIMEOUT", `no answer within ${opts.timeoutMs / 1000} s`))
      })
      req.on("error", (e: NodeJS.ErrnoException) => {
        const refusal = refusalIn(e)
        reject(
          e instanceof ProbeError
            ? e
            : refusal
              ? new ProbeError(NOT_ALLOWED, refusal.detail)
              : new ProbeError(e.code ?? "ERROR", e.message),
        )
      })
      req.end(init.body)
    })
}

export type Probe = ReturnType<typeof makeProbe>

/** The body as a JSON object, or undefined. */
export const jsonObject = (body: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(body)
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
