import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort, otherStops } from "../proc.js"

const APACHE = "/usr/sbin/apache2"
const MODULES = "/usr/lib/apache2/modules"
/** The body both locations answer: the same small static response, protected or not. */
export const PEER_BODY = '{"ok":true}\n'

/** Whether Debian's Apache httpd and mod_auth_openidc are installed (apt-get install apache2 libapache2-mod-auth-openidc). */
export const apacheAvailable = (): boolean =>
  existsSync(APACHE) &&
  existsSync(join(MODULES, "mod_auth_openidc.so")) &&
  existsSync(join(MODULES, "mod_mpm_event.so"))

export interface ApacheOptions {
  /** The test OP's CA (PEM file): mod_auth_openidc trusts the OP through it, never with checks turned off. */
  readonly opCaFile: string
  /** RFC 7662 introspection: endpoint and the resource server's client at the OP. */
  readonly introspection: { readonly endpoint: string; readonly clientId: string; readonly clientSecret: string }
  /** `AuthType openid-connect` on /login (a relying party's sign-in): the OP's metadata URL and a registered client. */
  readonly login?: {
    readonly metadataUrl: string
    readonly clientId: string
    readonly clientSecret: string
    /** Must be registered at the OP: http://127.0.0.1:<port>/login/callback, so the port is chosen by the caller. */
    readonly port: number
  }
}

export interface ApacheProcess {
  readonly origin: string
  /** The parent and its worker processes: their CPU time added up is Apache's. */
  pids(): ReadonlyArray<number>
  stop(): Promise<void>
}

/** As root, httpd serves as www-data: its folder must be readable by it (a mkdtemp folder is 0700). */
const asRoot = process.getuid?.() === 0

/**
 * Apache httpd (mpm_event) in a folder of its own on a loopback port: `/open/` answers a static file, `/protected/`
 * the same file behind mod_auth_openidc as an OAuth 2.0 resource server (a bearer token, introspected at the OP,
 * the answer cached in shared memory until the token's exp), and `/login/` behind `AuthType openid-connect` when
 * asked. Two worker processes of 64 threads (the load generator's connections), no recycling, keep-alive unbounded.
 */
export const startApache = async (opts: ApacheOptions): Promise<ApacheProcess> => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-bench-apache-"))
  chmodSync(dir, 0o755)
  for (const sub of ["www/open", "www/protected", "www/login", "run"]) mkdirSync(join(dir, sub), { recursive: true })
  for (const sub of ["open", "protected", "login"]) writeFileSync(join(dir, "www", sub, "ok.json"), PEER_BODY)
  copyFileSync(opts.opCaFile, join(dir, "op-ca.pem"))
  chmodSync(join(dir, "op-ca.pem"), 0o644)
  if (asRoot) chownSync(join(dir, "run"), uid("www-data"), uid("www-data"))
  const port = opts.login?.port ?? (await freePort())
  const conf = join(dir, "httpd.conf")
  writeFileSync(conf, config(dir, port, opts))
  const child = spawn(APACHE, ["-f", conf, "-DFOREGROUND"], { stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  child.once("error", (e) => (output += String(e)))
  child.stdout.on("data", (d: Buffer) => (output += d.toString()))
  child.stderr.on("data", (d: Buffer) => (output += d.toString()))
  const stop = async () => {
    otherStops.delete(stop)
    if (child.exitCode === null && child.pid !== undefined) {
      // graceful-stop would wait for keep-alive connections: TERM ends the workers at once
      const exited = new Promise((r) => child.once("exit", r))
      child.kill("SIGTERM")
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
      if (child.exitCode === null) child.kill("SIGKILL")
    }
    rmSync(dir, { recursive: true, force: true })
  }
  otherStops.add(stop)
  const origin = `http://127.0.0.1:${port}`
  const until = performance.now() + 20_000
  for (;;) {
    const failed =
      child.exitCode !== null
        ? `apache2 exited ${child.exitCode}`
        : performance.now() > until
          ? `apache2 did not answer on ${origin} within 20 s`
          : undefined
    if (failed) {
      const log = readIfThere(join(dir, "error.log"))
      await stop()
      throw new Error(`${failed}: ${output}${log}`)
    }
    const up = await fetch(`${origin}/open/ok.json`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    await new Promise((r) => setTimeout(r, 100))
  }
  otherStops.add(stop)
  return { origin, pids: () => [child.pid!, ...childrenOf(child.pid!)], stop }
}

const config = (dir: string, port: number, opts: ApacheOptions) => {
  const login = opts.login
  return `# written by pnpm bench (bench/src/peer/apache.ts); removed when the run ends
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/run/httpd.pid
Mutex file:${dir}/run
ErrorLog ${dir}/error.log
LogLevel warn
${asRoot ? "User www-data\nGroup www-data" : ""}
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authn_core_module ${MODULES}/mod_authn_core.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule authz_user_module ${MODULES}/mod_authz_user.so
LoadModule mime_module ${MODULES}/mod_mime.so
LoadModule auth_openidc_module ${MODULES}/mod_auth_openidc.so
TypesConfig /etc/mime.types
StartServers 2
ServerLimit 2
ThreadsPerChild 64
MaxRequestWorkers 128
MinSpareThreads 1
MaxSpareThreads 128
MaxConnectionsPerChild 0
KeepAlive On
MaxKeepAliveRequests 0
KeepAliveTimeout 30
DocumentRoot ${dir}/www
<Directory ${dir}/www>
  Require all granted
</Directory>
OIDCCacheType shm
OIDCCryptoPassphrase ${randomBytes(24).toString("hex")}
OIDCCABundlePath ${dir}/op-ca.pem
OIDCOAuthSSLValidateServer On
OIDCOAuthIntrospectionEndpoint ${opts.introspection.endpoint}
OIDCOAuthIntrospectionEndpointAuth client_secret_basic
OIDCOAuthClientID ${opts.introspection.clientId}
OIDCOAuthClientSecret ${opts.introspection.clientSecret}
OIDCOAuthAcceptTokenAs header
# a client_credentials token names no user: the calling client is the remote user
OIDCOAuthRemoteUserClaim client_id
<Location /protected>
  AuthType oauth20
  Require valid-user
</Location>
${
  login
    ? `OIDCProviderMetadataURL ${login.metadataUrl}
OIDCSSLValidateServer On
OIDCClientID ${login.clientId}
OIDCClientSecret ${login.clientSecret}
OIDCRedirectURI http://127.0.0.1:${port}/login/callback
OIDCScope "openid"
OIDCResponseType code
OIDCPKCEMethod S256
OIDCProviderTokenEndpointAuth client_secret_basic
OIDCCookieSameSite On
<Location /login>
  AuthType openid-connect
  Require valid-user
</Location>
`
    : ""
}`
}

const uid = (user: string) => {
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((l) => l.split(":"))
    .find((f) => f[0] === user)
  if (!entry) throw new Error(`running as root, and there is no ${user} user for Apache to serve as`)
  return Number(entry[2])
}

const readIfThere = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").slice(-2000) : "")

/** The processes whose parent is `pid` (Apache's workers), read from /proc. */
const childrenOf = (pid: number): number[] =>
  readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, "utf8")
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
