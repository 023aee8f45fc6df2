// Type-checked against the built declarations (dist/*.d.ts) by src/consumerTypes.test.ts; never run.
import { createOxdClient, OxdError, type OxdEvent } from "@oxd/client"
import { createOxdClient as createHttpsClient, type GetUserInfoResult } from "@oxd/client/https"
import { createOxdClient as createWsClient, DEFAULT_CONNECT_TIMEOUT_MS } from "@oxd/client/ws"

export const signIn = async (code: string, state: string): Promise<string> => {
  const https = createHttpsClient({ transport: "https", baseUrl: "https://127.0.0.1:8443", token: () => "token" })
  const { oxd_id } = await https.registerSite({
    authorization_redirect_uri: "https://rp.example/cb",
    scope: ["openid"],
  })
  const tokens = await https.getTokensByCode({ oxd_id, code, state })
  const info: GetUserInfoResult = await https.getUserInfo({ oxd_id, access_token: tokens.access_token })
  // @ts-expect-error -- a misspelt method
  await https.getUserInfos({ oxd_id })
  // @ts-expect-error -- oxd_id is required
  await https.getAuthorizationUrl({})
  // @ts-expect-error -- a param of the wrong type
  await https.getAuthorizationUrl({ oxd_id, scope: [{}] })
  // @ts-expect-error -- a field the result does not have
  void tokens.acess_token
  return info.claims["sub"]?.[0] ?? ""
}

export const follow = (onEvent: (e: OxdEvent) => void): (() => void) => {
  const ws = createWsClient({
    transport: "ws",
    url: "wss://127.0.0.1:8445",
    WebSocket,
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
  })
  void ws.trpc.getAuthorizationUrl.mutate({ oxd_id: "o" }).then((r) => r.authorization_url.length)
  return ws.events(
    {},
    {
      onEvent: (e) => {
        if (e.type === "tokens_issued") onEvent(e)
      },
    },
  )
}

export const either = async (): Promise<void> => {
  const client = createOxdClient({ transport: "ws", url: "wss://127.0.0.1:8445" })
  try {
    await client.getAuthorizationUrl({ oxd_id: "o" })
  } catch (e) {
    if (e instanceof OxdError && e.error === "invalid_oxd_id") await client.close()
  }
}
