// A stranger's browser app (type-checked with the DOM lib, no Node types): the https and ws entries and client-rest.
import { createOxdClient, OxdError, OxdTransportError } from "@oxd/client"
import { createOxdRestClient } from "@oxd/client-rest"

export const signIn = async (token: string, oxdId: string): Promise<void> => {
  const https = createOxdClient({ transport: "https", baseUrl: "https://127.0.0.1:8443", token })
  const ws = createOxdClient({ transport: "ws", url: "wss://127.0.0.1:8445", token })
  try {
    const { authorization_url } = await https.getAuthorizationUrl({ oxd_id: oxdId })
    window.location.assign(authorization_url)
    const stop = ws.events({}, { onEvent: (e) => console.log(e.type, e.oxd_id) })
    stop()
  } catch (e) {
    if (e instanceof OxdError) document.title = `${e.error}: ${e.error_description}`
    else if (e instanceof OxdTransportError) document.title = e.message
    else throw e
  } finally {
    await Promise.all([https.close(), ws.close()])
  }
  const rest = createOxdRestClient({ baseUrl: "https://127.0.0.1:8443", token })
  const reply = await rest.call("get_authorization_url", { oxd_id: oxdId })
  if (reply.status === "ok") window.location.assign(reply.data.authorization_url)
}
