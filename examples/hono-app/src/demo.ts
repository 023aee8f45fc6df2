/**
 * Everything the example needs on one machine: the test OP (a real OpenID Provider with a UMA AS on loopback, for
 * trying things out only), an oxd server's TCP port (every edge of oxd-ts on one core, as tests start it), the site
 * registered and its API protected once, and the app on @hono/node-server. `pnpm start` runs it (main.ts); the
 * end-to-end test too.
 */
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import { createOxdClient } from "@oxd/client/node"
import { startTestOp, type TestOp } from "@oxd/test-op"
import { startStack } from "@oxd/test-stack"
import { createApp } from "./app.js"

export interface Demo {
  readonly url: string
  readonly op: TestOp
  close(): Promise<void>
}

const STATE_DIR = fileURLToPath(new URL("../.oxd/test-op", import.meta.url))

export const startDemo = async (options: { readonly port?: number } = {}): Promise<Demo> => {
  const op = await startTestOp({ stateDir: STATE_DIR })
  const oxd = await startStack(op, { edges: ["tcp"], config: { log_level: "warn" } })
  const client = createOxdClient({ transport: "tcp", host: "127.0.0.1", port: oxd.tcp.port })
  // the app's port first: the site's redirect URIs name it
  const mounted: { app?: ReturnType<typeof createApp> } = {}
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: (request) => (mounted.app ? mounted.app.fetch(request) : new Response(null, { status: 503 })),
        port: options.port ?? 3001,
        hostname: "127.0.0.1",
      },
      () => resolve(s),
    )
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const { oxd_id } = await client.registerSite({
    op_host: op.issuer,
    authorization_redirect_uri: `${url}/callback`,
    post_logout_redirect_uri: `${url}/`,
    scope: ["openid", "profile", "email", "uma_protection"],
    grant_types: [
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "urn:ietf:params:oauth:grant-type:uma-ticket",
    ],
  })
  await client.umaRsProtect({
    oxd_id,
    resources: [{ path: "/api/photos", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
  })
  // the test OP's AS grants scope view to whoever asks (a real AS applies its policies)
  op.uma!.setPolicy("view", { kind: "grant" })
  mounted.app = createApp({
    client,
    oxdId: oxd_id,
    secret: crypto.randomUUID() + crypto.randomUUID(),
    postLogoutRedirectUri: `${url}/`,
  })
  return {
    url,
    op,
    close: async () => {
      await new Promise((r) => server.close(r))
      await client.close()
      await oxd.close()
      await op.close()
    },
  }
}

export const opCertificate = () => join(STATE_DIR, "tls", "server.pem")
