/**
 * Everything the example needs on one machine, in this process: the test OP (a real OpenID Provider with a UMA AS on
 * loopback, for trying things out only), oxd's core in process, the site registered and its API protected once,
 * and the app. `pnpm start` runs it (main.ts); the end-to-end test too.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { createOxdClient } from "@oxd/client/in-process"
import { makeConfig, makeOxd } from "@oxd/core"
import { startTestOp, type TestOp } from "@oxd/test-op"
import type { Express } from "express"
import { createApp } from "./app.js"

export interface Demo {
  readonly url: string
  readonly op: TestOp
  close(): Promise<void>
}

const STATE_DIR = fileURLToPath(new URL("../.oxd/test-op", import.meta.url))

export const startDemo = async (options: { readonly port?: number; readonly opPort?: number } = {}): Promise<Demo> => {
  const op = await startTestOp({ stateDir: STATE_DIR, port: options.opPort ?? 0 })
  const core = makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "warn",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin],
    }),
  )
  await core.ready()
  // the app's port first: the site's redirect URIs name it
  const mounted: { app?: Express } = {}
  const server: Server = createServer((req, res) => (mounted.app ? mounted.app(req, res) : res.writeHead(503).end()))
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const client = createOxdClient(core)
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
      await core.dispose()
      await op.close()
    },
  }
}

export const opCertificate = () => join(STATE_DIR, "tls", "server.pem")
