import { clientFor, describeError, loadConfig, rememberedTransport, requireOxdId, setStatus } from "./config.js"

const first = (claim: unknown): string =>
  Array.isArray(claim) ? String(claim[0] ?? "") : claim === undefined ? "" : String(claim)

const show = (id: string, text: string) => {
  const el = document.getElementById(id)
  if (el) el.textContent = text
}

/** Back from the OP with ?code&state: oxd exchanges the code (and checks state, nonce, the ID token), then userinfo. */
const finish = async () => {
  const query = new URLSearchParams(location.search)
  const error = query.get("error")
  if (error)
    throw new Error(
      `the OP refused: ${error}${query.get("error_description") ? ` (${query.get("error_description")})` : ""}`,
    )
  const code = query.get("code")
  const state = query.get("state")
  if (!code || !state) throw new Error("no code and state in the URL: start from the sign-in page")
  // a code is single-use: reloading this page must not send it again
  history.replaceState(null, "", location.pathname)

  const config = await loadConfig()
  const oxd_id = requireOxdId(config)
  const transport = rememberedTransport()
  const client = clientFor(config, transport)
  try {
    const tokens = await client.getTokensByCode({ oxd_id, code, state })
    const { claims } = await client.getUserInfo({ oxd_id, access_token: tokens.access_token })
    const name = first(claims["name"]) || first(claims["preferred_username"]) || first(claims["sub"])
    show("user-name", name)
    show("user-email", first(claims["email"]))
    show("user-sub", first(claims["sub"]))
    document.getElementById("user")?.removeAttribute("hidden")
    setStatus(`Signed in as ${name}`, "ok")
    document.body.dataset["transport"] = transport
  } finally {
    await client.close()
  }
}

finish().catch((e: unknown) => setStatus(`Sign-in failed: ${describeError(e)}`, "error"))
