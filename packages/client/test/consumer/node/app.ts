// Type-checked against the built declarations (dist/*.d.ts) by src/consumerTypes.test.ts; never run.
import { createOxdClient as createBrowserClient } from "@oxd/client"
import { createOxdClient, OxdTransportError, type NodeHttpsOptions } from "@oxd/client/node"
import { WebSocket } from "ws"

export const main = async (ca: string): Promise<void> => {
  const tcp = createOxdClient({ transport: "tcp", port: 8099 })
  const setup = await tcp.setupClient({
    op_host: "https://op.example",
    authorization_redirect_uri: "https://rp.example/cb",
  })
  const secret: string | null = setup.client_secret
  const { access_token } = await tcp.getClientToken({ client_id: setup.client_id, client_secret: secret })
  const options: NodeHttpsOptions = { transport: "https", baseUrl: "https://127.0.0.1:8443", ca, token: access_token }
  const https = createOxdClient(options)
  const ws = createOxdClient({
    transport: "ws",
    url: "wss://127.0.0.1:8445",
    ca,
    token: access_token,
    connectTimeoutMs: 2000,
  })
  // the `ws` package's class, with no cast
  const plain = createBrowserClient({ transport: "ws", url: "ws://127.0.0.1:8445", WebSocket })
  try {
    await https.getAuthorizationUrl({ oxd_id: "o" })
  } catch (e) {
    if (e instanceof OxdTransportError) console.error(e.transport, e.message)
  }
  // @ts-expect-error -- tcp takes no ca
  createOxdClient({ transport: "tcp", ca })
  await Promise.all([tcp.close(), https.close(), ws.close(), plain.close()])
}
