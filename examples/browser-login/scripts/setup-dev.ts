/**
 * For trying the page by hand against `pnpm dev` (see README.md): registers a setup client and a site whose
 * redirect URI is the Vite dev server's callback page, over the REST API, and writes public/config.json.
 *
 *   pnpm --filter browser-login setup-dev [--rest http://127.0.0.1:8443] [--ws ws://127.0.0.1:8445]
 *                                         [--page http://127.0.0.1:5173] [--op-host https://127.0.0.1:9443]
 *                                         [--op-tls-dir <repository root>/.oxd/test-op/tls]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { createOxdClient, OxdError, OxdTransportError } from "@oxd/client"
import { spkiHash } from "./spki.js"

const args = process.argv.slice(2)
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const restUrl = flag("--rest", "http://127.0.0.1:8443")
const wsUrl = flag("--ws", "ws://127.0.0.1:8445")
const pageOrigin = flag("--page", "http://127.0.0.1:5173")
const opHost = flag("--op-host", "https://127.0.0.1:9443")
const redirectUri = `${pageOrigin}/callback.html`
/** Where `pnpm dev`, run from the repository root, keeps the test OP's certificates. */
const opTlsDir = flag("--op-tls-dir", fileURLToPath(new URL("../../../.oxd/test-op/tls", import.meta.url)))

try {
  // setup_client and get_client_token need no protection token; register_site carries the new one, so the site
  // belongs to that setup client and the page may drive it with the token
  const open = createOxdClient({ transport: "https", baseUrl: restUrl })
  const setup = await open.setupClient({ op_host: opHost, authorization_redirect_uri: redirectUri })
  const { access_token } = await open.getClientToken({
    op_host: opHost,
    client_id: setup.client_id,
    client_secret: setup.client_secret,
    scope: ["uma_protection"],
  })
  const client = createOxdClient({ transport: "https", baseUrl: restUrl, token: access_token })
  const { oxd_id } = await client.registerSite({
    op_host: opHost,
    authorization_redirect_uri: redirectUri,
    scope: ["openid", "profile", "email"],
  })

  const publicDir = fileURLToPath(new URL("../public", import.meta.url))
  mkdirSync(publicDir, { recursive: true })
  const file = join(publicDir, "config.json")
  writeFileSync(file, `${JSON.stringify({ restUrl, wsUrl, oxdId: oxd_id, protectionToken: access_token }, null, 2)}\n`)
  process.stdout.write(
    `Wrote ${file} (oxd_id ${oxd_id}; the protection token is valid for the test OP's client_credentials lifetime, 10 minutes).\n`,
  )
  process.stdout.write(`Now: pnpm --filter browser-login dev, and open ${pageOrigin}/\n`)

  const opCert = join(opTlsDir, "server.pem")
  if (existsSync(opCert)) {
    process.stdout.write(
      `\nThe test OP's certificate is signed by its own CA (${join(opTlsDir, "ca.pem")}).\n` +
        `Accept the browser's warning once, or start a throw-away Chromium that trusts exactly that certificate:\n` +
        `  chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors-spki-list=${spkiHash(readFileSync(opCert, "utf8"))} ${pageOrigin}/\n`,
    )
  }
} catch (e) {
  if (e instanceof OxdTransportError) {
    process.stderr.write(
      `Cannot reach oxd's REST API at ${restUrl}: ${e.message}\n` +
        `Is it running? From the repository root: pnpm dev --rest-plain-http --ws-plain --rest-cors-origins ${pageOrigin}\n`,
    )
  } else if (e instanceof OxdError) {
    process.stderr.write(`oxd refused: ${e.error}: ${e.error_description}\n`)
  } else throw e
  process.exitCode = 1
}
