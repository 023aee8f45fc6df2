import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http"
import { request as httpsRequest } from "node:https"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Config, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer, type RestServerOptions } from "../RestServer.js"

export interface RawReply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly text: string
  /** The parsed body (any: tests poke at loosely typed replies). */
  readonly body: any
}

export interface SendOptions {
  readonly method?: string
  readonly headers?: Record<string, string>
  /** An object is sent as JSON (with Content-Type: application/json unless headers say otherwise). */
  readonly body?: string | Buffer | Record<string, unknown>
  /** Send the body in chunks (Transfer-Encoding: chunked) instead of with a Content-Length. */
  readonly chunked?: boolean
  /** The CA to trust instead of the server's certificate (a server given a certificate some CA signed). */
  readonly ca?: string
}

/**
 * One raw HTTP(S) request on a fresh connection, trusting the server's certificate: the status, headers and
 * body exactly as the server sent them. Write errors after the server answered (e.g. 413) are ignored.
 */
export const send = (server: RestServer, path: string, opts: SendOptions = {}): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, server.url)
    const isObject = opts.body !== undefined && typeof opts.body === "object" && !Buffer.isBuffer(opts.body)
    const payload =
      opts.body === undefined ? undefined : isObject ? JSON.stringify(opts.body) : (opts.body as string | Buffer)
    const headers: Record<string, string> = {
      ...(isObject ? { "Content-Type": "application/json" } : {}),
      ...opts.headers,
    }
    if (payload !== undefined && !opts.chunked) headers["Content-Length"] = String(Buffer.byteLength(payload))
    const options = { method: opts.method ?? "POST", headers, agent: false as const }
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        let body: unknown
        try {
          body = text ? JSON.parse(text) : undefined
        } catch {
          body = undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body })
      })
      res.on("error", reject)
    }
    const req = server.tls
      ? httpsRequest(url, { ...options, ca: opts.ca ?? server.tls.certPem }, onResponse)
      : httpRequest(url, options, onResponse)
    let answered = false
    req.on("response", () => {
      answered = true
    })
    req.on("error", (e) => {
      if (!answered) reject(e)
    })
    if (payload !== undefined && opts.chunked) {
      const buf = Buffer.from(payload)
      const step = 16_384
      for (let i = 0; i < buf.length; i += step) req.write(buf.subarray(i, i + step))
      req.end()
    } else req.end(payload)
  })

export interface TestRest {
  readonly oxd: Oxd
  readonly server: RestServer
  send(path: string, opts?: SendOptions): Promise<RawReply>
  close(): Promise<void>
}

/** A REST server on 127.0.0.1:0 over its own core (in-memory store unless told), HTTPS with a generated certificate. */
export const startTestRest = async (config: Partial<Config> = {}, opts: RestServerOptions = {}): Promise<TestRest> => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-rest-test-"))
  const oxd = makeOxd(
    makeConfig({ database_url: ":memory:", log_level: "error", rest_tls_dir: join(dir, "tls"), ...config }),
  )
  await oxd.ready()
  const server = await startRestServer(oxd, { host: "127.0.0.1", port: 0, ...opts })
  return {
    oxd,
    server,
    send: (path, o) => send(server, path, o),
    close: async () => {
      await server.close()
      await oxd.dispose()
    },
  }
}

/** The error code of an oxd error envelope (and that it is one). */
export const errorCode = (r: RawReply): string => {
  if (
    r.body?.status !== "error" ||
    typeof r.body?.data?.error !== "string" ||
    typeof r.body?.data?.error_description !== "string"
  ) {
    throw new Error(`expected an oxd error envelope, got HTTP ${r.status}: ${r.text.slice(0, 300)}`)
  }
  return r.body.data.error as string
}
