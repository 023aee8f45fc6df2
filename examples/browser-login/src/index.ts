import {
  clientFor,
  describeError,
  loadConfig,
  rememberTransport,
  requireOxdId,
  setStatus,
  type PageConfig,
  type Transport,
} from "./config.js"

/** "Sign in": ask oxd for the OP's authorization URL and go there. */
const signIn = async (config: PageConfig, transport: Transport) => {
  setStatus(`Asking oxd for the sign-in URL (${transport})…`)
  const client = clientFor(config, transport)
  try {
    const { authorization_url } = await client.getAuthorizationUrl({ oxd_id: requireOxdId(config) })
    rememberTransport(transport)
    location.href = authorization_url
  } finally {
    await client.close()
  }
}

const button = (id: string) => document.getElementById(id) as HTMLButtonElement

const config = await loadConfig()
const buttons: ReadonlyArray<[HTMLButtonElement, Transport, string | undefined]> = [
  [button("sign-in-https"), "https", config.restUrl],
  [button("sign-in-ws"), "ws", config.wsUrl],
]
for (const [b, transport, url] of buttons) {
  b.disabled = !url || !config.oxdId
  b.addEventListener("click", () => {
    for (const [other] of buttons) other.disabled = true
    signIn(config, transport).catch((e: unknown) => {
      setStatus(`Sign-in failed: ${describeError(e)}`, "error")
      for (const [other, , u] of buttons) other.disabled = !u
    })
  })
}
setStatus(
  config.oxdId
    ? "Ready."
    : "Not configured: put oxdId, restUrl/wsUrl and protectionToken in config.json, or in the URL (?oxd_id=…&rest=…&token=…).",
  config.oxdId ? "info" : "error",
)
