import { connect as netConnect } from "node:net"
import { WebSocket } from "ws"
import { reasonOf as reason, UsageError } from "./errors.js"
import type { Target } from "./scenario.js"
import { fetchTrusting, trustList, webSocketTrusting } from "./tls.js"
import { httpsTransport } from "./transports/https.js"
import { https4Transport } from "./transports/https4.js"
import { tcpTransport } from "./transports/tcp.js"
import { wsTransport } from "./transports/ws.js"

/** https4: the oxd 4.x REST API (profile reference-4); the others carry the 3.1 API. */
export type TransportName = "tcp" | "https" | "ws" | "https4"
/** The 3.1 API's transports: a run of the reference or strict profile uses these by default. */
export const TRANSPORTS: ReadonlyArray<TransportName> = ["tcp", "https", "ws"]
/** The 4.x API's: a run of the reference-4 profile uses these by default. */
export const TRANSPORTS_4: ReadonlyArray<TransportName> = ["https4"]
export const isTransportName = (s: string): s is TransportName =>
  (TRANSPORTS as ReadonlyArray<string>).includes(s) || (TRANSPORTS_4 as ReadonlyArray<string>).includes(s)

/** Where oxd-server listens by default. */
export const DEFAULT_TARGETS: Readonly<Record<TransportName, string>> = {
  tcp: "127.0.0.1:8099",
  https: "https://127.0.0.1:8443",
  ws: "wss://127.0.0.1:8445",
  https4: "https://127.0.0.1:8543",
}

export interface ExternalTargetOptions {
  /** Extra certificates (PEM) to trust for the target's TLS, on top of Node's roots. */
  readonly ca?: ReadonlyArray<string>
  /** TCP: the server requires protection_access_token (protect_commands_with_access_token). */
  readonly protect?: boolean
  /** Time limit of one call, ms. */
  readonly callTimeoutMs?: number
  /** Time limit of the reachability probe, ms (default 5000). */
  readonly probeTimeoutMs?: number
}

/** The transport a target address means by its scheme (tcp://, https://, http://, wss://, ws://), if it says. */
export const transportOfAddress = (address: string): TransportName | undefined => {
  const scheme = /^([a-z]+):\/\//i.exec(address)?.[1]?.toLowerCase()
  return scheme === "tcp"
    ? "tcp"
    : scheme === "https" || scheme === "http"
      ? "https"
      : scheme === "wss" || scheme === "ws"
        ? "ws"
        : undefined
}

const hostPort = (address: string): { host: string; port: number } => {
  const m = /^(?:tcp:\/\/)?(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/i.exec(address.trim())
  const port = Number(m?.[2])
  if (!m || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`tcp target "${address}": expected host:port, e.g. 127.0.0.1:8099`)
  return { host: m[1]!.replace(/^\[|\]$/g, ""), port }
}

const urlOf = (address: string, transport: "https" | "ws" | "https4"): URL => {
  const withScheme = /^[a-z]+:\/\//i.test(address) ? address : `${transport === "ws" ? "wss" : "https"}://${address}`
  const url = URL.parse(withScheme)
  const ok = transport === "ws" ? ["wss:", "ws:"] : ["https:", "http:"]
  if (!url || !ok.includes(url.protocol))
    throw new UsageError(
      `${transport} target "${address}": expected ${transport === "ws" ? "wss://host:port" : "https://host:port"}`,
    )
  return url
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/**
 * A server the suite did not start, by address: a Target whose probe says why it cannot be reached (refused, TLS not
 * trusted, not an oxd API), that cannot be restarted and has no short-state-expiry twin.
 */
export const externalTarget = (transport: TransportName, address: string, opts: ExternalTargetOptions = {}): Target => {
  const ca = trustList(opts.ca)
  const probeMs = opts.probeTimeoutMs ?? 5000
  switch (transport) {
    case "tcp": {
      const { host, port } = hostPort(address)
      return {
        description: `${host.includes(":") ? `[${host}]` : host}:${port}`,
        protection: opts.protect ?? false,
        connect: () => tcpTransport({ host, port, ...(opts.callTimeoutMs ? { timeoutMs: opts.callTimeoutMs } : {}) }),
        probe: async () => {
          try {
            await withTimeout(
              new Promise<void>((resolve, reject) => {
                const s = netConnect({ host, port }, () => {
                  s.end()
                  resolve()
                })
                s.on("error", reject)
              }),
              probeMs,
              `connect ${host}:${port}`,
            )
            return undefined
          } catch (e) {
            return withFix("tcp", reason(e))
          }
        },
      }
    }
    case "https": {
      const url = urlOf(address, "https")
      const baseUrl = url.href.replace(/\/$/, "")
      return {
        description: baseUrl,
        protection: true,
        connect: () => {
          const trusted = fetchTrusting(ca)
          return httpsTransport({ baseUrl, fetch: trusted.fetch, onClose: trusted.close })
        },
        probe: async () => {
          const trusted = fetchTrusting(ca)
          try {
            const response = await withTimeout(
              trusted.fetch(
                new Request(`${baseUrl}/get-authorization-url`, {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body: "{}",
                }),
              ),
              probeMs,
              `POST ${baseUrl}/get-authorization-url`,
            )
            await response.body?.cancel()
            if (response.status === 404)
              return `POST ${baseUrl}/get-authorization-url answered 404: not the oxd REST API (check the URL)`
            return undefined
          } catch (e) {
            return withFix("https", reason(e))
          } finally {
            await trusted.close()
          }
        },
      }
    }
    case "https4": {
      const baseUrl = urlOf(address, "https4").href.replace(/\/$/, "")
      return {
        description: baseUrl,
        protection: true,
        connect: () => {
          const trusted = fetchTrusting(ca)
          return https4Transport({ baseUrl, fetch: trusted.fetch, onClose: trusted.close })
        },
        probe: async () => {
          const trusted = fetchTrusting(ca)
          try {
            // the 4.x health check is JSON naming the application (RestResource.java:40-52); 3.1's is the text `running`
            const response = await withTimeout(
              trusted.fetch(new Request(`${baseUrl}/health-check`)),
              probeMs,
              `GET ${baseUrl}/health-check`,
            )
            const text = await response.text()
            return /"application"\s*:\s*"oxd"/.test(text)
              ? undefined
              : `GET ${baseUrl}/health-check answered ${response.status} without oxd 4.x's JSON: not the oxd 4.x REST API (check the URL; oxd-ts serves it on rest4_port)`
          } catch (e) {
            return withFix("https4", reason(e))
          } finally {
            await trusted.close()
          }
        },
      }
    }
    case "ws": {
      const url = urlOf(address, "ws")
      const WebSocketClass = webSocketTrusting(ca)
      return {
        description: url.href.replace(/\/$/, ""),
        protection: true,
        connect: () =>
          wsTransport({
            url: url.href,
            WebSocket: WebSocketClass,
            ...(opts.callTimeoutMs ? { timeoutMs: opts.callTimeoutMs } : {}),
          }),
        probe: async () => {
          try {
            await withTimeout(
              new Promise<void>((resolve, reject) => {
                const socket = new WebSocket(url, ca ? { ca } : {})
                socket.on("open", () => {
                  socket.close()
                  resolve()
                })
                socket.on("unexpected-response", (_req, res) => {
                  socket.terminate()
                  reject(
                    new Error(
                      `the WebSocket upgrade was answered ${res.statusCode ?? "?"}: not the oxd WebSocket API (check the URL)`,
                    ),
                  )
                })
                socket.on("error", reject)
              }),
              probeMs,
              `WebSocket ${url.href}`,
            )
            return undefined
          } catch (e) {
            return withFix("ws", reason(e))
          }
        },
      }
    }
  }
}

/**
 * Why a target does not answer, with what to change on the command line: a forgotten `--ca` is the usual one (the
 * REST and WebSocket APIs have a self-signed certificate), then a wrong `--target` address or scheme.
 */
export const withFix = (transport: TransportName, message: string): string => {
  const fix = /ALTNAME|does not match certificate|altnames/i.test(message)
    ? `the server's certificate is not issued for this host name: use the host name or IP address it names in --target ${transport}=…`
    : /certificate|self.signed|CERT_|unable to verify|local issuer/i.test(message)
      ? "the server's TLS certificate is not trusted: pass it, or the CA that issued it, with --ca <file> (TLS is always verified)"
      : /wrong version number|EPROTO|packet length too long|ssl3_get_record|http request/i.test(message)
        ? `the server does not speak TLS at this address: use ${transport === "ws" ? "ws://" : "http://"} in --target ${transport}=…, or the server's TLS port`
        : /ECONNREFUSED/.test(message)
          ? `nothing listens at this address: start the server, or correct --target ${transport}=…`
          : /ENOTFOUND|EAI_AGAIN/.test(message)
            ? `the host name does not resolve: correct --target ${transport}=…`
            : /no answer within/.test(message)
              ? `nothing answered in time: is --target ${transport}=… the server's address (a firewall dropping packets)?`
              : /ECONNRESET|socket hang up|other side closed|closed/i.test(message)
                ? `the server closed the connection: is --target ${transport}=… the oxd ${transport === "tcp" ? "TCP port" : transport === "https" ? "REST API (https://…)" : "WebSocket API (wss://…)"}?`
                : undefined
  return fix ? `${message} — fix: ${fix}` : message
}
