import * as client from "openid-client"
import { headlessLogin, type HeadlessLoginOptions } from "../headlessLogin.js"
import { startTestOp, type StartTestOpOptions, type TestOp } from "../server.js"

export const REDIRECT_URI = "https://client.example.org/cb"

export function startOp(opts: StartTestOpOptions = {}): Promise<TestOp> {
  const stateDir = process.env.OXD_TEST_OP_STATE_DIR
  if (!stateDir || !process.env.NODE_EXTRA_CA_CERTS)
    throw new Error("run the tests through vitest.config.ts (it prepares the CA)")
  return startTestOp({ stateDir, ...opts })
}

/** Registers a confidential web client via RFC 7591 with openid-client. */
export function register(op: TestOp, metadata: Partial<client.ClientMetadata> = {}): Promise<client.Configuration> {
  return client.dynamicClientRegistration(new URL(op.issuer), {
    redirect_uris: [REDIRECT_URI],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    post_logout_redirect_uris: ["https://client.example.org/logged-out"],
    ...metadata,
  })
}

export interface CodeFlowResult {
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
  nonce: string
  state: string
}

/** Full authorization code flow with PKCE, nonce and state, logging in headlessly. */
export async function codeFlow(
  op: TestOp,
  config: client.Configuration,
  opts: { scope?: string; login?: Partial<HeadlessLoginOptions>; params?: Record<string, string> } = {},
): Promise<CodeFlowResult> {
  const verifier = client.randomPKCECodeVerifier()
  const nonce = client.randomNonce()
  const state = client.randomState()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: opts.scope ?? "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    nonce,
    state,
    ...opts.params,
  })
  const { redirectUrl } = await headlessLogin(url.href, { ca: op.caPem, ...opts.login })
  const tokens = await client.authorizationCodeGrant(config, new URL(redirectUrl), {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: state,
  })
  return { tokens, nonce, state }
}

export async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init)
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}
