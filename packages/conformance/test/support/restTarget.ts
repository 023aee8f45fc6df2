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
  })
