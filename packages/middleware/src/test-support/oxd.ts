/**
 * The middleware's tests run on real servers: the test OP (with its UMA AS) and every oxd edge on one core
 * (tooling/test-stack, TCP protection on so each transport presents the same token), plus the same core in process.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createOxdClient as inProcessClient } from "@oxd/client/in-process"
import { createOxdClient, type OxdClient } from "@oxd/client/node"
import type { TestOp } from "@oxd/test-op"
import { startStack, type Stack } from "@oxd/test-stack"

export { startOp } from "@oxd/testkit"

export const TRANSPORTS = ["tcp", "https", "ws", "in-process"] as const
export type Transport = (typeof TRANSPORTS)[number]

export const REDIRECT_URI = "https://rp.example.org/callback"

/** GET /photos/* needs scope view; POST /photos needs add. */
export const PHOTOS = [
  {
    path: "/photos",
    conditions: [
      { httpMethods: ["GET"], scopes: ["view"] },
      { httpMethods: ["POST"], scopes: ["add"] },
    ],
  },
]

export interface Oxd {
  readonly stack: Stack
  readonly token: string
  clientFor(transport: Transport, options?: { readonly token?: string }): OxdClient
  close(): Promise<void>
}

export const startOxd = async (op: TestOp): Promise<Oxd> => {
  const stack = await startStack(op, {
    config: {
      protect_commands_with_access_token: true,
      rest_tls_dir: join(mkdtempSync(join(tmpdir(), "oxd-middleware-")), "tls"),
    },
  })
  const clients: OxdClient[] = []
  const make = (transport: Transport, token: string | undefined): OxdClient => {
    const withToken = token ? { token } : {}
    const c =
      transport === "in-process"
        ? inProcessClient(stack.oxd, withToken)
        : transport === "tcp"
          ? createOxdClient({ transport, port: stack.tcp.port, ...withToken })
          : transport === "https"
            ? createOxdClient({ transport, baseUrl: stack.rest.url, ca: stack.rest.tls!.certPem, ...withToken })
            : createOxdClient({ transport, url: stack.ws.url, ca: stack.rest.tls!.certPem, ...withToken })
    clients.push(c)
    return c
  }
  // a setup client and its protection token, over TCP (setup_client needs none)
  const anon = make("tcp", undefined)
  const setup = await anon.setupClient({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
  const { access_token: token } = await anon.getClientToken({
    op_host: op.issuer,
    client_id: setup.client_id,
    client_secret: setup.client_secret ?? "",
    scope: ["uma_protection"],
  })
  return {
    stack,
    token,
    clientFor: (transport, options = {}) => make(transport, options.token ?? token),
    close: async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
      await stack.close()
    },
  }
}

/** A site that is both an RP (sign-in) and a UMA resource server with PHOTOS protected. */
export const registerUmaSite = async (client: OxdClient, op: TestOp, redirectUri = REDIRECT_URI): Promise<string> => {
  const { oxd_id } = await client.registerSite({
    op_host: op.issuer,
    authorization_redirect_uri: redirectUri,
    post_logout_redirect_uri: redirectUri.replace(/\/callback$/, "/"),
    scope: ["openid", "profile", "email", "offline_access", "uma_protection"],
    grant_types: [
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "urn:ietf:params:oauth:grant-type:uma-ticket",
    ],
  })
  await client.umaRsProtect({ oxd_id, resources: PHOTOS })
  return oxd_id
}

/** The RPT a requesting party gets for the ticket of a denied request (the AS's policy decides). */
export const rptFor = async (client: OxdClient, oxdId: string, wwwAuthenticate: string): Promise<string> => {
  const ticket = /ticket="([^"]+)"/.exec(wwwAuthenticate)?.[1]
  if (!ticket) throw new Error(`no ticket in ${wwwAuthenticate}`)
  return (await client.umaRpGetRpt({ oxd_id: oxdId, ticket })).access_token
}
