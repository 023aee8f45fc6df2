import { spawn, type ChildProcess } from "node:child_process"
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs"
import { generateKeyPairSync, randomBytes } from "node:crypto"
import { request } from "node:https"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { ensureCertificates } from "@oxd/test-op/certs"
import { freePort } from "@oxd/testkit"
import { DEMO_USERS, lemonldapIni, lmConf, nginxConf } from "./config.js"

export { DEMO_USERS } from "./config.js"

/** Debian's lemonldap-ng package: its FastCGI server, its portal, and nginx (which it pulls in). */
export const LLNG_FASTCGI_SERVER = "/usr/sbin/llng-fastcgi-server"
const LLNG_ISSUER_MODULE = "/usr/share/perl5/Lemonldap/NG/Portal/Issuer/OpenIDConnect.pm"
/** OxdTest::ClientMetadata, the plugin of `clientMetadataPlugin` (from src/ or dist/). */
const PERL_DIR = fileURLToPath(new URL("../perl", import.meta.url))
const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx"]

export const findNginx = (): string | undefined => NGINX_CANDIDATES.find((f) => existsSync(f))

/**
 * Whether LemonLDAP::NG can be started here. Without it: under CI=true this throws (CI installs it, so its absence is
 * a broken CI, not a reason to skip); elsewhere it returns the reason to print with the skip.
 */
export const lemonldapAvailability = ():
  { readonly available: true } | { readonly available: false; readonly reason: string } => {
  const missing = [
    existsSync(LLNG_FASTCGI_SERVER) ? undefined : LLNG_FASTCGI_SERVER,
    existsSync(LLNG_ISSUER_MODULE) ? undefined : LLNG_ISSUER_MODULE,
    findNginx() ? undefined : "nginx",
  ].filter((m): m is string => m !== undefined)
  if (missing.length === 0) return { available: true }
  const reason = `LemonLDAP::NG not found (${missing.join(", ")} missing): apt-get install lemonldap-ng (Debian's package; it brings lemonldap-ng-fastcgi-server and nginx)`
  if (process.env["CI"] === "true") throw new Error(`${reason}: required under CI=true`)
  return { available: false, reason }
}

export interface LemonldapOptions {
  /** A path for the issuer (e.g. "/api/oidc"): the issuer is then https://127.0.0.1:<port>/api/oidc. Default none. */
  readonly issuerPath?: string
  /** LemonLDAP::NG's log level (error, warn, notice, info, debug); default warn. Its log is kept for error messages. */
  readonly logLevel?: string
  /**
   * Let dynamic registration honour the client metadata LemonLDAP::NG 2.16 ignores (grant_types: client_credentials
   * and refresh_token; post_logout_redirect_uris; token_endpoint_auth_method none) with the OxdTest::ClientMetadata
   * plugin (perl/), as an administrator would set them per client in the Manager. Default true; false: LemonLDAP::NG
   * exactly as packaged (no client credentials nor refresh tokens for dynamically registered clients).
   */
  readonly clientMetadataPlugin?: boolean
  /** Milliseconds to wait for the portal to answer; default 30 s. */
  readonly startTimeoutMs?: number
}

export interface RunningLemonldap {
  /** The OpenID Connect issuer (no trailing slash). */
  readonly issuer: string
  /** The portal (login page), ends with "/". */
  readonly portal: string
  /** PEM file of the CA that issued the TLS certificate: clients must trust it. */
  readonly caFile: string
  readonly caPem: string
  /** The Demo users; each one's password is its name. */
  readonly users: ReadonlyArray<string>
  /** The last lines LemonLDAP::NG and nginx logged (for failure messages). */
  log(): string
  /** Stops nginx and the FastCGI server and removes the temporary folder. Safe to call twice. */
  stop(): Promise<void>
}

/** llng-fastcgi-server refuses to run as root: as root it runs as www-data (or nobody), which must own the folder. */
const serviceUser = (): { name: string; uid: number; gid: number; group: string } | undefined => {
  if (process.getuid?.() !== 0) return undefined
  const passwd = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((l) => l.split(":"))
  const groups = readFileSync("/etc/group", "utf8")
    .split("\n")
    .map((l) => l.split(":"))
  const entry = passwd.find((f) => f[0] === "www-data") ?? passwd.find((f) => f[0] === "nobody")
  if (!entry)
    throw new Error("running as root, and neither a www-data nor a nobody user exists to run llng-fastcgi-server as")
  const group = groups.find((g) => g[2] === entry[3])?.[0]
  if (!group) throw new Error(`no group with id ${entry[3]} for ${entry[0]}`)
  return { name: entry[0]!, uid: Number(entry[2]), gid: Number(entry[3]), group }
}

const chownTree = (dir: string, uid: number, gid: number) => {
  chownSync(dir, uid, gid)
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    chownSync(join(e.parentPath, e.name), uid, gid)
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  )

/** GET over TLS trusting `ca`: status and body. */
const get = (url: string, ca: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { ca, agent: false, timeout: 5000 }, (res) => {
      let body = ""
      res.on("data", (d: Buffer) => (body += d.toString()))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
      res.on("error", reject)
    })
    req.on("timeout", () => req.destroy(new Error("timeout")))
    req.on("error", reject)
    req.end()
  })

/**
 * Starts a LemonLDAP::NG OpenID Provider on https://127.0.0.1:<free port>: a temporary folder with its own CA and
 * server certificate, RSA signing key, lemonldap-ng.ini and File configuration backend (lmConf-1.json: Demo users,
 * OIDC issuer with dynamic registration open); llng-fastcgi-server on a unix socket there, nginx terminating TLS in
 * front of it. Both are stopped by stop(), and killed if this process exits first.
 */
export const startLemonldap = async (options: LemonldapOptions = {}): Promise<RunningLemonldap> => {
  const availability = lemonldapAvailability()
  if (!availability.available) throw new Error(availability.reason)
  const nginx = findNginx()!
  const issuerPath = (options.issuerPath ?? "").replace(/\/+$/, "")
  if (issuerPath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(issuerPath))
    throw new Error(`issuerPath ${issuerPath}: expected /segment[/segment…]`)
  const root = mkdtempSync(join(tmpdir(), "oxd-llng-"))
  const children: ChildProcess[] = []
  // kill both process groups if the test process ends without stop(): no server outlives its tests
  const killAll = (signal: NodeJS.Signals) => {
    for (const c of children) {
      try {
        if (c.pid) process.kill(-c.pid, signal)
      } catch {
        /* already gone */
      }
    }
  }
  const onExit = () => killAll("SIGKILL")
  process.once("exit", onExit)
  let log = ""
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-8000)
  }
  const cleanup = async () => {
    killAll("SIGTERM")
    const killer = setTimeout(() => killAll("SIGKILL"), 5000)
    await Promise.all(children.map(exited))
    clearTimeout(killer)
    process.off("exit", onExit)
    rmSync(root, { recursive: true, force: true })
  }
  try {
    const certs = await ensureCertificates(join(root, "tls-state"))
    const data = join(root, "data")
    const confDir = join(root, "conf")
    for (const d of [
      confDir,
      join(data, "sessions", "lock"),
      join(data, "psessions", "lock"),
      join(data, "cache"),
      join(root, "tmp"),
    ])
      mkdirSync(d, { recursive: true })
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
    const socket = join(root, "llng.sock")
    const iniFile = join(root, "lemonldap-ng.ini")
    writeFileSync(iniFile, lemonldapIni(confDir, options.logLevel ?? "warn"))
    const user = serviceUser()
    // the plugin is loaded by the FastCGI user: from this instance's folder (its own), not from the checkout, whose
    // parent folders that user may not be allowed to enter (a clone in a 0700 temp folder)
    const perlDir = join(root, "perl")
    cpSync(PERL_DIR, perlDir, { recursive: true })
    if (user) chownTree(root, user.uid, user.gid)

    const fastcgi = spawn(
      LLNG_FASTCGI_SERVER,
      [
        "--foreground",
        "-n",
        "1",
        "-s",
        socket,
        "-p",
        join(root, "llng.pid"),
        ...(user ? ["-u", user.name, "-g", user.group] : []),
      ],
      {
        detached: true, // its own process group: stop() ends the FCGI manager and its worker together
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          PERL5LIB: perlDir,
          LLNG_DEFAULTCONFFILE: iniFile,
          LLNG_DEFAULTLOGGER: "Lemonldap::NG::Common::Logger::Std",
        },
      },
    )
    children.push(fastcgi)
    fastcgi.stdout?.on("data", keep)
    fastcgi.stderr?.on("data", keep)

    // the port is free when chosen, but another process may take it before nginx binds: then try another
    for (let attempt = 1; ; attempt++) {
      const port = await freePort()
      const portal = `https://127.0.0.1:${port}/`
      const issuer = `https://127.0.0.1:${port}${issuerPath}`
      writeFileSync(
        join(confDir, "lmConf-1.json"),
        JSON.stringify(
          lmConf({
            portal,
            issuer,
            dataDir: data,
            clientMetadataPlugin: options.clientMetadataPlugin ?? true,
            signingKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
            signingPublicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
            keyId: randomBytes(6).toString("hex"),
          }),
          null,
          2,
        ),
      )
      if (user) chownTree(root, user.uid, user.gid)
      const nginxFile = join(root, "nginx.conf")
      writeFileSync(
        nginxFile,
        nginxConf({
          dir: root,
          port,
          cert: join(certs.dir, "server.pem"),
          key: join(certs.dir, "server-key.pem"),
          socket,
          asRoot: user !== undefined,
          issuerPath,
        }),
      )
      const server = spawn(nginx, ["-c", nginxFile, "-p", root, "-e", join(root, "nginx-error.log")], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      })
      children.push(server)
      server.stdout?.on("data", keep)
      server.stderr?.on("data", keep)
      const ready = await waitReady(
        `${issuer}/.well-known/openid-configuration`,
        certs.caPem,
        [fastcgi, server],
        options.startTimeoutMs ?? 30_000,
        () => `${log}\n${readTail(join(root, "nginx-error.log"))}`,
      ).then(
        () => undefined,
        (e: unknown) => e as Error,
      )
      if (ready) {
        const bindFailed = /Address already in use|bind\(\) to/.test(readTail(join(root, "nginx-error.log")))
        if (attempt < 3 && bindFailed && fastcgi.exitCode === null) {
          try {
            process.kill(-server.pid!, "SIGKILL")
          } catch {
            /* gone */
          }
          await exited(server)
          children.splice(children.indexOf(server), 1)
          continue
        }
        throw ready
      }
      let stopped: Promise<void> | undefined
      return {
        issuer,
        portal,
        caFile: certs.caFile,
        caPem: certs.caPem,
        users: DEMO_USERS,
        log: () => `${log}\n${readTail(join(root, "nginx-error.log"))}`,
        stop: () => (stopped ??= cleanup()),
      }
    }
  } catch (e) {
    await cleanup()
    throw e
  }
}

const readTail = (file: string) => {
  try {
    return statSync(file).size ? readFileSync(file, "utf8").slice(-4000) : ""
  } catch {
    return ""
  }
}

/** Resolves once discovery answers 200; rejects when a process exits first or nothing answers in time. */
const waitReady = async (
  url: string,
  ca: string,
  processes: ReadonlyArray<ChildProcess>,
  timeoutMs: number,
  log: () => string,
) => {
  const deadline = Date.now() + timeoutMs
  let last: string
  for (;;) {
    const dead = processes.find((p) => p.exitCode !== null || p.signalCode !== null)
    if (dead)
      throw new Error(
        `${dead.spawnfile} exited (${dead.exitCode ?? dead.signalCode}) before LemonLDAP::NG answered:\n${log()}`,
      )
    try {
      const r = await get(url, ca)
      if (r.status === 200 && r.body.includes('"issuer"')) return
      last = `${r.status} ${r.body.slice(0, 300)}`
    } catch (e) {
      last = String(e)
    }
    if (Date.now() > deadline)
      throw new Error(`LemonLDAP::NG did not answer GET ${url} in time (last: ${last}):\n${log()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
