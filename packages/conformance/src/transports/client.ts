import type { OxdClient } from "@oxd/client"
import { OxdError } from "@oxd/client"
import type { Envelope, Transport } from "../Transport.js"

/**
 * Any transport of @oxd/client (tcp, https, ws) as a scenario transport: a result is the ok envelope's data, an
 * OxdError the error envelope; a transport failure (no reply) is thrown, failing the scenario.
 */
export const clientTransport = (client: OxdClient): Transport => ({
  name: client.transport,
  call: async (command, params) => {
    try {
      return { status: "ok", data: (await client.call(command, params)) as Record<string, unknown> }
    } catch (e) {
      if (e instanceof OxdError) return e.toEnvelope() as Envelope
      throw e
    }
  },
  close: () => client.close(),
})
