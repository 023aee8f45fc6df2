// A stranger's Node app (copied into a project outside the workspace and compiled with a strict tsconfig against the
// installed tarballs): a whole login over tcp, https and ws, plus @oxd/client-rest. Prints one JSON line per check.
import { readFileSync } from "node:fs"
import { createOxdClient, OxdError, type OxdClient } from "@oxd/client/node"
import { createOxdRestClient } from "@oxd/client-rest"
import { headlessLogin } from "@oxd/test-op/headless-login"

const env = (name: string): string => {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set`)
  return v
}
const opHost = env("OP_ISSUER")
const opCa = readFileSync(env("OP_CA_FILE"))
const [tcpHost, tcpPort] = env("OXD_TCP").split(":") as [string, string]
const restUrl = env("OXD_REST")
const wsUrl = env("OXD_WS")
const redirect = "https://app.example.org/callback"
const transports = ["tcp", "https", "ws"] as const
type Transport = (typeof transports)[number]

// the server's self-signed https and wss certificate, trusted with the Node entry's `ca` option (a PEM file's path)
const ca = env("OXD_CA_FILE")
const client = (transport: Transport, token?: string): OxdClient => {
  const auth = token === undefined ? {} : { token }
  switch (transport) {
    case "tcp":
      return createOxdClient({ transport, host: tcpHost, port: Number(tcpPort), ...auth })
    case "https":
      return createOxdClient({ transport, baseUrl: restUrl, ca, ...auth })
    case "ws":
      return createOxdClient({ transport, url: wsUrl, ca, ...auth })
  }
}

const login = async (transport: Transport) => {
  const started = Date.now()
  const anon = client(transport)
  const setup = await anon.setupClient({ op_host: opHost, authorization_redirect_uri: redirect })
  const { access_token: token } = await anon.getClientToken({
    op_host: opHost,
    client_id: setup.client_id,
    client_secret: setup.client_secret ?? "",
  })
  await anon.close()
  const oxd = client(transport, token)
  try {
    const { oxd_id } = await oxd.registerSite({ op_host: opHost, authorization_redirect_uri: redirect })
    const { authorization_url } = await oxd.getAuthorizationUrl({ oxd_id })
    const { code, state } = await headlessLogin(authorization_url, { ca: opCa })
    if (state === null) throw new Error("the OP sent no state back")
    const tokens = await oxd.getTokensByCode({ oxd_id, code, state })
    const claims = await oxd.getUserInfo({ oxd_id, access_token: tokens.access_token })
    // a state is single-use: the same code and state again is an oxd error, an OxdError instance across the package
    let reuse = "accepted"
    try {
      await oxd.getTokensByCode({ oxd_id, code, state })
    } catch (e) {
      reuse = e instanceof OxdError ? `OxdError ${e.error}` : `other: ${String(e)}`
    }
    return {
      transport,
      oxd_id,
      sub: claims.claims["sub"]?.[0],
      id_token: tokens.id_token.split(".").length === 3,
      reuse,
      ms: Date.now() - started,
      token,
    }
  } finally {
    await oxd.close()
  }
}

let lastToken = ""
let lastOxdId = ""
for (const transport of transports) {
  const r = await login(transport)
  lastToken = r.token
  lastOxdId = r.oxd_id
  console.log(JSON.stringify({ ...r, token: undefined }))
}

// @oxd/client-rest, with the last setup client's token and site (its certificate trusted with NODE_EXTRA_CA_CERTS)
const rest = createOxdRestClient({ baseUrl: restUrl, token: lastToken })
const url = await rest.call("get_authorization_url", { oxd_id: lastOxdId })
console.log(
  JSON.stringify({
    transport: "client-rest",
    status: url.status,
    authorization_url: url.status === "ok" && url.data.authorization_url.startsWith(`${opHost}/`),
  }),
)
