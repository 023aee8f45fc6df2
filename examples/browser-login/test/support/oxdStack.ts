import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Oxd } from "@oxd/core"
import type { RestServer } from "@oxd/rest-server"
import { startTestOp, type TestOp } from "@oxd/test-op"
import { startStack } from "@oxd/test-stack"
import type { WsServer } from "@oxd/ws-server"
import { spkiHash } from "../../scripts/spki.js"

export interface OxdStack {
  readonly op: TestOp
  readonly oxd: Oxd
  /** Plain http://127.0.0.1:<port>: the browser needs to trust nothing for oxd. */
  readonly rest: RestServer
  /** Plain ws://127.0.0.1:<port>. */
  readonly ws: WsServer
  /**
   * Base64 SHA-256 of the OP server certificate's SubjectPublicKeyInfo, for Chromium's
   * --ignore-certificate-errors-spki-list: it trusts exactly that certificate, nothing else.
   */
  readonly opSpkiHash: string
  close(): Promise<void>
}

/**
 * The test OP (HTTPS, its own CA) and one oxd core in-process, served as the REST API and the WebSocket API on
 * loopback with plain HTTP; CORS allows the page's origin only.
 */
export const startOxdStack = async (opts: {
  readonly pageOrigin: string
  readonly stateDir: string
}): Promise<OxdStack> => {
  const op = await startTestOp({ stateDir: opts.stateDir })
  const opSpkiHash = spkiHash(readFileSync(join(opts.stateDir, "tls", "server.pem"), "utf8"))
  const stack = await startStack(op, {
    edges: ["rest", "ws"],
    config: { rest_plain_http: true, rest_cors_origins: [opts.pageOrigin], ws_plain: true },
  }).catch(async (e: unknown) => {
    await op.close()
    throw e
  })
  return {
    op,
    oxd: stack.oxd,
    rest: stack.rest,
    ws: stack.ws,
    opSpkiHash,
    close: async () => {
      await stack.close()
      await op.close()
    },
  }
}

export interface RegisteredSite {
  readonly oxdId: string
  readonly protectionToken: string
}

/**
 * What an application's back end does once: a setup client, its protection token, and a site whose
 * authorization_redirect_uri is the page's callback. register_site carries the token, so the site belongs to the
 * setup client and the page may drive it over REST and ws with that token.
 */
export const registerSite = async (stack: OxdStack, redirectUri: string): Promise<RegisteredSite> => {
  const call = async (command: string, params: Record<string, unknown>, protectionToken?: string) => {
    const reply = await stack.oxd.dispatch(command, params, {
      transport: "internal",
      ...(protectionToken ? { protectionToken, requireProtection: true } : {}),
    })
    if (reply.envelope.status !== "ok") throw new Error(`${command} failed: ${JSON.stringify(reply.envelope)}`)
    return reply.envelope.data as Record<string, unknown>
  }
  const op_host = stack.op.issuer
  const setup = await call("setup_client", { op_host, authorization_redirect_uri: redirectUri })
  const { access_token } = await call("get_client_token", {
    op_host,
    client_id: setup["client_id"],
    client_secret: setup["client_secret"],
    scope: ["uma_protection"],
  })
  const site = await call(
    "register_site",
    {
      op_host,
      authorization_redirect_uri: redirectUri,
      scope: ["openid", "profile", "email"],
    },
    String(access_token),
  )
  return { oxdId: String(site["oxd_id"]), protectionToken: String(access_token) }
}
