import { parseArgs } from "node:util"
import { UsageError } from "../errors.js"
import { LOGIN_KINDS, type LoginKind } from "../drivers/op.js"
import { REPORTERS, type ReporterName } from "../reporters/index.js"
import { isProfile, PROFILES, PROFILES_4, type Profile } from "../source.js"
import { isTransportName, transportOfAddress, TRANSPORTS, TRANSPORTS_4, type TransportName } from "../targets.js"

export const HELP = `oxd-conformance — checks an oxd server (oxd 3.1 behaviour) over its legacy TCP protocol, REST API and WebSocket API

Usage: oxd-conformance [--transport tcp|https|ws|https4]… [--target [transport=]address]… [--op <issuer URL>]
                       [--profile reference|strict|reference-4] [options]

Targets
  --transport T          tcp, https or ws; repeatable (default: the transports --target names, else all three);
                         https4: the oxd 4.x REST API (--profile reference-4 only; oxd-ts: rest4_port,
                         https://127.0.0.1:8543)
  --target [T=]ADDR      where the server listens; repeatable, or one per transport:
                           --target tcp=127.0.0.1:8099 --target https=https://127.0.0.1:8443 --target ws=wss://127.0.0.1:8445
                         a bare address applies to the one --transport given, or to the transport its scheme names
                         (tcp://, https://, wss://). Default: oxd-server's defaults (the three addresses above)
  --ca FILE              PEM certificate(s) to trust for the target's and the OP's TLS, on top of the system roots;
                         repeatable (e.g. the REST API's self-signed cert.pem, a test OP's ca.pem). TLS is always verified
  --protect              the TCP target requires protection_access_token (protect_commands_with_access_token);
                         REST and WebSocket targets are always treated as protected
  A transport named with --target or --transport that does not answer (refused, TLS not trusted: --ca, not an oxd
  API) fails every scenario, with what to fix; only oxd-server's default addresses are skipped when they do not answer

Profile
  --profile P            reference (default): check only what the reference oxd 3.1.4 does — hardening checks are
                         not evaluated, a scenario that is hardening as a whole is reported "not in profile";
                         strict: also oxd-ts's hardening (PKCE, single-use and site-bound states, …), which a 3.1.4
                         server fails. Every scenario and assertion is reported with its source: a citation of the
                         oxd 3.1.4 source or documentation, or the standard or threat its hardening answers;
                         reference-4: what oxd 4.x does (its source cited): its commands (get_rp, check_id_token,
                         request objects…) over its REST API (--transport https4, the default then) and over tcp, https
                         and ws, which carry them in the 3.1 envelope (name them: --transport tcp,ws,https,https4);
                         the scenarios about the 4.x REST API itself (register_site without setup_client, bare
                         replies, 4.x errors and statuses) run over https4 only

OpenID Provider
  --op URL               the issuer the server under test uses. Without it, the bundled test OP is started in this
                         process; its issuer and CA file are printed: the server must trust that CA (--trusted-ca-file)
                         and allow its origin (--allowed-op-hosts: it is on loopback)
  --op-port N            port of the started test OP (default: a free one)
  --op-state-dir DIR     where the started test OP keeps its CA and certificate (default ./.oxd/test-op)
  --login KIND           how a user signs in at the OP:
                           test-op  the bundled test OP's headless login (default when the OP has its control API)
                           form     a plain HTML login form: follows redirects with cookies, fills the first form with
                                    a password field, submits consent-like forms once (default otherwise)
                           manual   prints each authorization URL; paste the redirect URL from the browser on stdin
  --auth-method M        how the sites and setup clients the scenarios register authenticate at the OP's token
                         endpoint: client_secret_basic or client_secret_post (sent as client_token_endpoint_auth_method
                         with register_site/setup_client, authentication_method with get_client_token); default:
                         none sent (the server's default). LemonLDAP::NG 2.16 needs client_secret_post (docs/providers.md)
  --username U, --password P                  the user (default alice / alice-password); also the one the 4.x test
                         helpers log in by password (reference-4, v4-test-helpers)
  --username-field NAME, --password-field NAME the login form's field names (default: username / password when
                         the form has them, else its only text or email field / its only password field)

Selection and reports
  --only ID|TAG          run only these scenarios (id or tag, repeatable); --skip ID|TAG leaves them out
  --list                 list the scenarios (id, tags, what each checks, its source) and exit
  --reporter R           table (default, stdout), tap (stdout or --out), junit (--out), json (stdout or --out); repeatable
  --out [R=]FILE         file of a reporter (junit=report.xml, json=result.json); a bare FILE goes to the one
                         file reporter asked for
  --timeout S            time limit of one scenario in seconds (default 60; 600 with --login manual)
  -h, --help             this help

Capabilities are probed, and what cannot be checked is skipped with the reason: a transport at a default address
that does not answer, a command the server does not offer (unsupported_operation / HTTP 404; e.g. the 3.1.1 name
update_site_registration, an optional check), ID-token faults, key rotation and UMA policies unless the OP has the
test control API (GET <issuer>/__test/info), UMA unless the OP publishes a UMA 2 configuration, restarts and state
expiry (an external server cannot be restarted or reconfigured by the suite).

Output: the profile, one line per scenario (✓ passed, ✗ failed, − skipped, ○ not in the profile), the reports, and
last \`N passed, M failed, K skipped[, P not in the reference profile]\` (on stderr instead when tap or json go to
stdout). Exit code: 0 all checked scenarios passed, 1 a scenario failed (a named transport that does not answer
fails) or nothing could be checked or the OP is unusable, 2 usage error.
`

export interface CliOptions {
  readonly help: boolean
  readonly list: boolean
  readonly transports: ReadonlyArray<TransportName>
  /** Transports named with --transport or --target: each must answer (one that does not is a failure). */
  readonly named: ReadonlyArray<TransportName>
  readonly targets: Partial<Record<TransportName, string>>
  readonly profile: Profile
  readonly op: string | undefined
  readonly opPort: number
  readonly opStateDir: string | undefined
  readonly caFiles: ReadonlyArray<string>
  readonly protect: boolean
  readonly only: ReadonlyArray<string>
  readonly skip: ReadonlyArray<string>
  readonly reporters: ReadonlyArray<ReporterName>
  /** File per reporter; a reporter without one writes to stdout. */
  readonly outs: Partial<Record<ReporterName, string>>
  readonly timeout: number
  readonly login: LoginKind | undefined
  readonly username: string
  readonly password: string
  readonly authMethod: string | undefined
  readonly usernameField: string | undefined
  readonly passwordField: string | undefined
}

const FILE_REPORTERS: ReadonlyArray<ReporterName> = ["junit", "json", "tap"]

export const parseCliArgs = (argv: ReadonlyArray<string>): CliOptions => {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h", default: false },
        list: { type: "boolean", default: false },
        transport: { type: "string", multiple: true, default: [] },
        target: { type: "string", multiple: true, default: [] },
        op: { type: "string" },
        "op-port": { type: "string", default: "0" },
        "op-state-dir": { type: "string" },
        ca: { type: "string", multiple: true, default: [] },
        protect: { type: "boolean", default: false },
        profile: { type: "string", default: "reference" },
        only: { type: "string", multiple: true, default: [] },
        skip: { type: "string", multiple: true, default: [] },
        reporter: { type: "string", multiple: true, default: [] },
        out: { type: "string", multiple: true, default: [] },
        timeout: { type: "string" },
        login: { type: "string" },
        "auth-method": { type: "string" },
        username: { type: "string", default: "alice" },
        password: { type: "string", default: "alice-password" },
        "username-field": { type: "string" },
        "password-field": { type: "string" },
      },
    }))
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }

  const transports: TransportName[] = []
  for (const t of values.transport.flatMap((v) => v.split(","))) {
    if (!isTransportName(t))
      throw new UsageError(`--transport ${t}: expected one of ${[...TRANSPORTS, ...TRANSPORTS_4].join(", ")}`)
    if (!transports.includes(t)) transports.push(t)
  }

  const targets: Partial<Record<TransportName, string>> = {}
  for (const v of values.target) {
    const named = /^(tcp|https4|https|ws)=(.+)$/.exec(v)
    const transport: TransportName | undefined = named
      ? (named[1] as TransportName)
      : transports.length === 1
        ? transports[0]
        : transportOfAddress(v)
    if (!transport)
      throw new UsageError(
        `--target ${v}: say which transport it is for (tcp=${v}, https=…, ws=…), or give one --transport`,
      )
    if (targets[transport])
      throw new UsageError(
        `--target: two addresses for ${transport} (${targets[transport]} and ${named ? named[2] : v})`,
      )
    targets[transport] = named ? named[2]! : v
  }
  // reference-4 runs over the 4.x REST API (its default) and over the 3.1 API's three, whose envelope carries the 4.x
  // commands too; the 3.1 profiles only over the 3.1 API's three (https4 has no 3.1 command)
  const v4 = values.profile === "reference-4"
  const pool = v4 ? [...TRANSPORTS, ...TRANSPORTS_4] : TRANSPORTS
  const https4 = [...transports, ...(Object.keys(targets) as TransportName[])].includes("https4")
  if (!v4 && https4)
    throw new UsageError(
      "https4 is the oxd 4.x REST API: only the reference-4 profile runs over it (add --profile reference-4)",
    )
  const chosen = transports.length
    ? transports
    : pool.filter((t) => targets[t]).length
      ? pool.filter((t) => targets[t])
      : [...(v4 ? TRANSPORTS_4 : TRANSPORTS)]
  for (const t of Object.keys(targets) as TransportName[]) {
    if (!chosen.includes(t))
      throw new UsageError(`--target ${t}=${targets[t]} but --transport ${t} is not among ${chosen.join(", ")}`)
  }

  if (!isProfile(values.profile))
    throw new UsageError(`--profile ${values.profile}: expected one of ${[...PROFILES, ...PROFILES_4].join(", ")}`)
  const named = [...TRANSPORTS, ...TRANSPORTS_4].filter((t) => transports.includes(t) || targets[t] !== undefined)

  const reporters: ReporterName[] = []
  for (const r of values.reporter.flatMap((v) => v.split(","))) {
    if (!(REPORTERS as ReadonlyArray<string>).includes(r))
      throw new UsageError(`--reporter ${r}: expected one of ${REPORTERS.join(", ")}`)
    if (!reporters.includes(r as ReporterName)) reporters.push(r as ReporterName)
  }
  if (reporters.length === 0) reporters.push("table")

  const outs: Partial<Record<ReporterName, string>> = {}
  const bare: string[] = []
  for (const v of values.out) {
    const named = /^(table|tap|junit|json)=(.+)$/.exec(v)
    if (!named) {
      bare.push(v)
      continue
    }
    const r = named[1] as ReporterName
    if (r === "table") throw new UsageError("--out table=…: the table reporter writes to stdout")
    if (!reporters.includes(r)) reporters.push(r)
    outs[r] = named[2]!
  }
  if (bare.length) {
    const candidates = reporters.filter((r) => FILE_REPORTERS.includes(r) && outs[r] === undefined)
    if (bare.length > 1 || candidates.length !== 1) {
      throw new UsageError(
        `--out ${bare.join(", ")}: ${candidates.length === 0 ? "no file reporter (junit, json, tap) to write it; add --reporter junit" : "say which reporter each file is for: --out junit=report.xml --out json=result.json"}`,
      )
    }
    outs[candidates[0]!] = bare[0]!
  }
  if (reporters.includes("junit") && !outs.junit)
    throw new UsageError("--reporter junit writes XML to a file: add --out <file>")

  if (values.login !== undefined && !(LOGIN_KINDS as ReadonlyArray<string>).includes(values.login)) {
    throw new UsageError(`--login ${values.login}: expected one of ${LOGIN_KINDS.join(", ")}`)
  }
  const login = values.login as LoginKind | undefined
  const authMethod = values["auth-method"]
  if (authMethod !== undefined && !["client_secret_basic", "client_secret_post"].includes(authMethod)) {
    throw new UsageError(`--auth-method ${authMethod}: expected client_secret_basic or client_secret_post`)
  }

  const timeout = values.timeout === undefined ? (login === "manual" ? 600 : 60) : Number(values.timeout)
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError(`--timeout ${values.timeout}: expected a number of seconds > 0`)
  const opPort = Number(values["op-port"])
  if (!Number.isInteger(opPort) || opPort < 0 || opPort > 65535)
    throw new UsageError(`--op-port ${values["op-port"]}: expected a port number`)
  if (values.op !== undefined) {
    const url = URL.parse(values.op)
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
      throw new UsageError(`--op ${values.op}: expected the OP's issuer URL, e.g. https://op.example.com`)
  }

  return {
    help: values.help,
    list: values.list,
    transports: chosen,
    named,
    targets,
    profile: values.profile,
    op: values.op,
    opPort,
    opStateDir: values["op-state-dir"],
    caFiles: values.ca,
    protect: values.protect,
    only: values.only.flatMap((v) => v.split(",")).filter(Boolean),
    skip: values.skip.flatMap((v) => v.split(",")).filter(Boolean),
    reporters,
    outs,
    timeout,
    login,
    username: values.username,
    password: values.password,
    authMethod: values["auth-method"],
    usernameField: values["username-field"],
    passwordField: values["password-field"],
  }
}
