import { startRestServer } from "@oxd/rest-server"
import type { TestOp } from "@oxd/test-op"
import { fetchTrusting, httpsTransport } from "../../src/index.js"
import { startInProcessTargets } from "./inProcessTargets.js"

/** Our REST server in-process over HTTPS (see startInProcessTargets). */
export const startRestTargets = (op: TestOp) =>
  startInProcessTargets(op, {
    name: "rest",
    listen: startRestServer,
    connect: (server) => {
      const trusted = fetchTrusting(server.tls!.certPem)
      return httpsTransport({ baseUrl: server.url, fetch: trusted.fetch, onClose: trusted.close })
    },
    // POST /backchannel-logout as the OP sends it (form-encoded)
    backchannelLogout: (server) => async (token) => {
      const trusted = fetchTrusting(server.tls!.certPem)
      try {
        const res = await trusted.fetch(
          new Request(new URL("backchannel-logout", server.url), {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ logout_token: token }).toString(),
          }),
        )
        const text = await res.text()
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined }
      } finally {
        trusted.close()
      }
    },
  })
