import type { TestOp } from "@oxd/test-op"
import { startWsServer } from "@oxd/ws-server"
import { webSocketTrusting, wsTransport } from "../../src/index.js"
import { startInProcessTargets } from "./inProcessTargets.js"

/** Our WebSocket server in-process over wss:// (see startInProcessTargets). */
export const startWsTargets = (op: TestOp) =>
  startInProcessTargets(op, {
    name: "ws",
    listen: startWsServer,
    connect: (server) => wsTransport({ url: server.url, WebSocket: webSocketTrusting(server.tls!.certPem) }),
  })
