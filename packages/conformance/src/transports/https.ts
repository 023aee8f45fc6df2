import { createOxdRestClient } from "@oxd/client-rest"
import type { Envelope, Transport } from "../Transport.js"

/**
 * The oxd REST API (oxd-https-extension) through the generated client @oxd/client-rest: POST /<command> with
 * the params as JSON body. Scenarios put the protection token in params, as over TCP; here it moves to the
 * `Authorization: Bearer` header, as REST clients send it (setup_client and get_client_token carry none).
 */
export const httpsTransport = (opts: {
  /** e.g. https://127.0.0.1:8443 */
  readonly baseUrl: string
  /** A fetch that trusts the server's certificate (Node: an undici Agent with its CA); default: the global fetch. */
  readonly fetch?: (input: Request) => Promise<Response>
  /** Called by close(): release what the fetch holds (its connection pool). */
  readonly onClose?: () => Promise<void>
}): Transport => {
  const client = createOxdRestClient({ baseUrl: opts.baseUrl, ...(opts.fetch ? { fetch: opts.fetch } : {}) })
  return {
    name: "https",
    call: async (command, params) => {
      const { protection_access_token: token, ...rest } = params
      const inHeader = typeof token === "string" && token.length > 0
      const reply = await client.callAny(command, inHeader ? rest : params, { token: inHeader ? token : null })
      return reply as Envelope
    },
    close: async () => {
      await opts.onClose?.()
    },
  }
}
