import { rootCertificates } from "node:tls"
import { Agent, fetch as undiciFetch } from "undici"
import { WebSocket } from "ws"

/**
 * The certificates to trust: Node's public roots plus `extra` (PEM: a target's self-signed certificate, a test OP's
 * CA). Undefined without extra, meaning Node's defaults. Verification is never turned off.
 */
export const trustList = (extra: ReadonlyArray<string> = []): string[] | undefined =>
  extra.length === 0 ? undefined : [...rootCertificates, ...extra]

const asList = (ca: string | ReadonlyArray<string> | undefined): string[] | undefined =>
  ca === undefined ? undefined : typeof ca === "string" ? [ca] : [...ca]

/**
 * A fetch for Node that trusts `ca` through its own undici Agent (`connect.ca`). The client's Request is passed on
 * as URL + init, so Node's bundled fetch classes and undici's never mix.
 */
export const fetchTrusting = (ca?: string | ReadonlyArray<string>) => {
  const list = asList(ca)
  const agent = new Agent(list ? { connect: { ca: list } } : {})
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text()
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      dispatcher: agent,
      signal: request.signal,
    })
    return response as unknown as Response
  }
  return { fetch, agent, close: () => agent.close() }
}

/** The `ws` WebSocket class (Node 20 has none), trusting `ca`. */
export const webSocketTrusting = (ca?: string | ReadonlyArray<string>): typeof globalThis.WebSocket => {
  const list = asList(ca)
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, list ? { ca: list } : {})
    }
  } as unknown as typeof globalThis.WebSocket
}
