import { parseArgs } from "node:util"
import { startLemonldap } from "./index.js"

const HELP = `oxd-lemonldap-op — a LemonLDAP::NG OpenID Provider on https://127.0.0.1 for trying oxd-ts against an OP that is
not oidc-provider (Debian's lemonldap-ng package; nginx in front). Its config, keys and CA live in a temporary folder,
removed when it stops (Ctrl-C).

Usage: oxd-lemonldap-op [--issuer-path /a/b] [--log-level warn] [--raw]

  --issuer-path P   serve the issuer under a path (https://127.0.0.1:<port>/a/b)
  --log-level L     LemonLDAP::NG's log level: error, warn (default), notice, info, debug (on stderr)
  --raw             dynamic registration exactly as packaged: without the OxdTest::ClientMetadata plugin, clients get
                    no client credentials grant, no refresh tokens, no post-logout redirect URIs
  -h, --help        this help

Users (Demo backend): dwho, rtyler, msmith; each one's password is its name. Registration is open.
`

const { values } = parseArgs({
  options: {
    "issuer-path": { type: "string" },
    "log-level": { type: "string", default: "warn" },
    raw: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
})
if (values.help) {
  process.stdout.write(HELP)
} else {
  const op = await startLemonldap({
    logLevel: values["log-level"],
    clientMetadataPlugin: !values.raw,
    ...(values["issuer-path"] ? { issuerPath: values["issuer-path"] } : {}),
  })
  process.stdout.write(
    [
      "LemonLDAP::NG is ready.",
      `  issuer   ${op.issuer}`,
      `  portal   ${op.portal}`,
      `  CA file  ${op.caFile}`,
      `  users    ${op.users.map((u) => `${u}/${u}`).join(", ")}`,
      "oxd-server needs --trusted-ca-file <CA file> --allowed-op-hosts <issuer origin>; sites need",
      "client_token_endpoint_auth_method=client_secret_post (docs/providers.md). Ctrl-C stops it.",
      "",
    ].join("\n"),
  )
  const stop = () => {
    void op.stop().then(() => process.exit(0))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}
