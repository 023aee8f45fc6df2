import type { Config } from "@oxd/core"
import { startRestServer } from "@oxd/rest-server"
import type { TestOp } from "@oxd/test-op"
import { fetchTrusting, https4Transport } from "../../src/index.js"
import { startInProcessTargets } from "./inProcessTargets.js"

/** Our oxd 4.x REST API in-process over HTTPS (see startInProcessTargets). */
export const startRest4Targets = (op: TestOp, overrides: Partial<Config> = {}) =>
  startInProcessTargets(
    op,
    {
      name: "rest4",
      listen: (oxd, opts) => startRestServer(oxd, { ...opts, api: "4" }),
      connect: (server) => {
        const trusted = fetchTrusting(server.tls!.certPem)
        return https4Transport({ baseUrl: server.url, fetch: trusted.fetch, onClose: trusted.close })
      },
    },
    overrides,
  )
