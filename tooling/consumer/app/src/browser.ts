// A stranger's browser app (type-checked with the DOM lib, no Node types): the one-transport entries
// (@oxd/client/https, @oxd/client/ws), the combined one (@oxd/client) and @oxd/client-rest.
import { createOxdClient, OxdError, OxdTransportError } from "@oxd/client"
import { createOxdClient as createHttpsClient } from "@oxd/client/https"
import { createOxdClient as createWsClient } from "@oxd/client/ws"
import { createOxdRestClient } from "@oxd/client-rest"

const baseUrl = "https://127.0.0.1:8443"

export const signIn = async (token: string, oxdId: string): Promise<void> => {
  const https = createHttpsClient({ transport: "https", baseUrl, token })
  const ws = createWsClient({ transport: "ws", url: "wss://127.0.0.1:8445", token })
  const combined = createOxdClient({ transport: "ws", url: "wss://127.0.0.1:8445", token })
  try {
    const { authorization_url } = await https.getAuthorizationUrl({ oxd_id: oxdId })
    const stop = ws.events({}, { onEvent: (e) => console.log(e.type, e.oxd_id) })
    stop()
    await combined.getAuthorizationUrl({ oxd_id: oxdId })
    window.location.assign(authorization_url)
  } catch (e) {
    if (e instanceof OxdError) document.title = `${e.error}: ${e.error_description}`
    else if (e instanceof OxdTransportError) document.title = e.message
    else throw e
  } finally {
    await Promise.all([https.close(), ws.close(), combined.close()])
  }
  const rest = createOxdRestClient({ baseUrl, token })
  const reply = await rest.call("get_authorization_url", { oxd_id: oxdId })
  if (reply.status === "ok") window.location.assign(reply.data.authorization_url)
}
