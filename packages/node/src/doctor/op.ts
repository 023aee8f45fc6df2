import { discoveryUrl, type Config, type ProtectionCheck } from "@oxd/core"
import { bad, ok, skip, type CheckResult } from "./check.js"
import { isTlsTrustError, jsonObject, NOT_ALLOWED, ProbeError, type Probe } from "./probe.js"

const strings = (v: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined

/** Registration answers that say "closed to you" rather than "your (empty) metadata is wrong". */
const CLOSED_ERRORS = new Set([
  "access_denied",
  "unauthorized_client",
  "invalid_token",
  "unapproved_software_statement",
])

export interface OpCheckContext {
  readonly config: Config
  readonly probe: Probe
  /** Whether some stored site at this OP uses UMA (scope uma_protection). */
  readonly usesUma: boolean
  /** The setup client's protection token, through core (undefined: the store is not available). */
  readonly protection: (() => Promise<ProtectionCheck>) | undefined
}

const allowedOk = (config: Config, opHost: string) =>
  ok(
    "op.allowed",
    config.allowed_op_hosts.length > 0 ? "allowed by allowed_op_hosts" : "a public address (allowed_op_hosts empty)",
    opHost,
  )

/**
 * An OP, in the order a first setup_client meets it: allowed_op_hosts, TLS trust, discovery, the clock, registration, grant types and
 * scopes, UMA, and a protection token for the setup client. A step that cannot run because an earlier one failed says so.
 */
export async function* checkOp(opHost: string, ctx: OpCheckContext): AsyncGenerator<CheckResult> {
  const { config, probe } = ctx
  const url = discoveryUrl(opHost, config.default_op_discovery_path)
  let answer
  try {
    answer = await probe(url)
  } catch (e) {
    const err = e instanceof ProbeError ? e : new ProbeError("ERROR", String(e))
    const untrusted = isTlsTrustError(err)
    if (err.code === NOT_ALLOWED) {
      yield bad(
        "fail",
        "op.allowed",
        `the server would not call ${url}: ${err.message.replace(/; add .*/, "")}`,
        err.message.replace(/^.*; (add )/, "$1"),
        opHost,
      )
      for (const id of ["tls", "discovery", "clock", "registration", "grants", "scopes", "uma", "protection"])
        yield skip(`op.${id}`, "skipped: allowed_op_hosts refuses the OP", opHost)
      return
    }
    yield allowedOk(config, opHost)
    if (untrusted) {
      yield bad(
        "fail",
        "op.tls",
        `the OP's certificate is not trusted (${err.code}: ${err.message})`,
        config.trusted_ca_file
          ? `trusted_ca_file (${config.trusted_ca_file}) is not the CA that signed it: set trusted_ca_file to the PEM of the OP's CA`
          : `set trusted_ca_file to the PEM of the CA that signed the OP's certificate`,
        opHost,
      )
    } else {
      yield skip("op.tls", "not reached", opHost)
      yield bad(
        "fail",
        "op.reachable",
        `cannot reach ${url} (${err.code}: ${err.message})`,
        "check op_host (or default_op_host), that the OP runs, and the network/proxy between them",
        opHost,
      )
    }
    const why = untrusted ? "skipped: no trusted connection to the OP" : "skipped: the OP did not answer"
    for (const id of ["discovery", "clock", "registration", "grants", "scopes", "uma", "protection"])
      yield skip(`op.${id}`, why, opHost)
    return
  }
  // allowed_op_hosts admits https:// only: a plain-http OP was refused above
  yield allowedOk(config, opHost)
  yield ok("op.tls", `certificate trusted (system CAs${config.trusted_ca_file ? " + trusted_ca_file" : ""})`, opHost)

  const doc = answer.status === 200 ? jsonObject(answer.body) : undefined
  const issuer = doc?.["issuer"]
  if (!doc || typeof issuer !== "string") {
    yield bad(
      "fail",
      "op.discovery",
      `${url} answered HTTP ${answer.status}${doc ? " without an issuer" : ", not a JSON discovery document"}`,
      "check op_host and default_op_discovery_path (op_discovery_path)",
      opHost,
    )
    return
  }
  if (issuer.replace(/\/+$/, "") !== opHost.replace(/\/+$/, ""))
    yield bad(
      "fail",
      "op.discovery",
      `the discovery document names issuer ${issuer}, not ${opHost}: ID tokens would be refused`,
      `set op_host to ${issuer}`,
      opHost,
    )
  else yield ok("op.discovery", `issuer ${issuer}`, opHost)

  yield clockCheck(answer.headers["date"], answer.at, config.clock_skew_in_seconds, opHost)

  const registration = doc["registration_endpoint"]
  if (typeof registration !== "string") {
    yield bad(
      "fail",
      "op.registration",
      "the OP advertises no registration_endpoint: register_site and setup_client cannot register clients",
      "turn on dynamic client registration at the OP (OpenID Connect Dynamic Registration)",
      opHost,
    )
  } else yield await registrationCheck(probe, registration, opHost)

  const grants = strings(doc["grant_types_supported"]) ?? ["authorization_code", "implicit"]
  const needsClientCredentials = config.rest_enabled || config.protect_commands_with_access_token
  const missingGrants = config.default_grant_types.filter((g) => !grants.includes(g))
  if (missingGrants.length > 0)
    yield bad(
      "fail",
      "op.grants",
      `the OP does not offer grant types ${missingGrants.join(", ")} of default_grant_types (offers ${grants.join(", ")})`,
      "remove them from default_grant_types, or allow them at the OP",
      opHost,
    )
  else if (!grants.includes("client_credentials"))
    yield bad(
      needsClientCredentials ? "fail" : "warn",
      "op.grants",
      "the OP does not offer client_credentials: setup clients cannot get protection tokens (get_client_token)",
      "allow the client_credentials grant at the OP",
      opHost,
    )
  else yield ok("op.grants", `offers ${grants.join(", ")}`, opHost)

  const scopes = strings(doc["scopes_supported"])
  if (!scopes) yield skip("op.scopes", "the OP lists no scopes_supported", opHost)
  else {
    const missingProtection = config.protection_scope.filter((s) => !scopes.includes(s))
    const missingDefault = config.default_scope.filter((s) => !scopes.includes(s))
    if (missingProtection.length > 0)
      yield bad(
        "fail",
        "op.scopes",
        `the OP does not offer ${missingProtection.join(", ")} of protection_scope: setup_client registers with every one of them`,
        `leave ${missingProtection.join(", ")} out of protection_scope, or add the scope at the OP`,
        opHost,
      )
    else if (missingDefault.length > 0)
      yield bad(
        "warn",
        "op.scopes",
        `the OP does not offer ${missingDefault.join(", ")} of default_scope: it may refuse or drop them`,
        `leave them out of default_scope, or add them at the OP`,
        opHost,
      )
    else yield ok("op.scopes", `offers ${[...config.protection_scope, ...config.default_scope].join(", ")}`, opHost)
  }

  if (ctx.usesUma || config.protection_scope.includes("uma_protection"))
    yield await umaCheck(probe, opHost, ctx.usesUma)
  else yield skip("op.uma", "UMA not used (no uma_protection in protection_scope or a site's scope)", opHost)

  if (!ctx.protection) yield skip("op.protection", "skipped: the store did not open", opHost)
  else yield protectionResult(await ctx.protection(), needsClientCredentials, opHost)
}

const clockCheck = (date: string | undefined, at: number, leeway: number, opHost: string): CheckResult => {
  const theirs = date ? Date.parse(date) : Number.NaN
  if (Number.isNaN(theirs)) return skip("op.clock", "the OP's answer has no Date header", opHost)
  // the header has whole seconds (truncated): the OP's time is within the second after it
  const skew = Math.round((theirs + 500 - at) / 1000)
  const how = skew === 0 ? "in step" : `${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"} this machine`
  return Math.abs(skew) > leeway
    ? bad(
        "fail",
        "op.clock",
        `the OP's clock is ${how}, beyond clock_skew_in_seconds (${leeway}): its tokens are refused as not yet valid or expired`,
        "set both machines' clocks by NTP (raising clock_skew_in_seconds only hides it)",
        opHost,
      )
    : ok("op.clock", `${how} (leeway ${leeway} s)`, opHost)
}

/** Registration is probed with an empty client (never registered): open OPs refuse its metadata, closed ones the request. */
const registrationCheck = async (probe: Probe, endpoint: string, opHost: string): Promise<CheckResult> => {
  let r
  try {
    r = await probe(endpoint, { method: "POST", body: "{}", headers: { "content-type": "application/json" } })
  } catch (e) {
    const err = e as ProbeError
    return bad(
      "fail",
      "op.registration",
      `${endpoint} did not answer (${err.code}: ${err.message})`,
      "check the OP's registration_endpoint (a proxy may block it)",
      opHost,
    )
  }
  const error = jsonObject(r.body)?.["error"]
  const closed =
    r.status === 401 ||
    r.status === 403 ||
    r.status === 404 ||
    r.status === 405 ||
    (typeof error === "string" && CLOSED_ERRORS.has(error))
  if (closed)
    return bad(
      "fail",
      "op.registration",
      `the OP refuses client registration at ${endpoint} (HTTP ${r.status}${typeof error === "string" ? ` ${error}` : ""})`,
      "open dynamic client registration at the OP for this server (an initial access token is not supported)",
      opHost,
    )
  if (r.status === 400 || r.status === 201 || r.status === 200)
    return ok(
      "op.registration",
      `open (${endpoint} answered an empty client with HTTP ${r.status}${typeof error === "string" ? ` ${error}` : ""})`,
      opHost,
    )
  return bad(
    "warn",
    "op.registration",
    `${endpoint} answered HTTP ${r.status}`,
    "check the OP's registration endpoint",
    opHost,
  )
}

const UMA_ENDPOINTS = [
  "token_endpoint",
  "permission_endpoint",
  "resource_registration_endpoint",
  "introspection_endpoint",
]

const umaCheck = async (probe: Probe, opHost: string, sitesUseIt: boolean): Promise<CheckResult> => {
  const url = `${opHost.replace(/\/+$/, "")}/.well-known/uma2-configuration`
  const why = sitesUseIt ? "sites here protect UMA resources" : "protection_scope has uma_protection"
  let answer
  try {
    answer = await probe(url)
  } catch (e) {
    return bad(
      "fail",
      "op.uma",
      `${url} did not answer (${(e as ProbeError).code})`,
      "check the OP's UMA 2 support",
      opHost,
    )
  }
  const doc = answer.status === 200 ? jsonObject(answer.body) : undefined
  if (!doc)
    return bad(
      sitesUseIt ? "fail" : "warn",
      "op.uma",
      `no UMA 2 configuration at ${url} (HTTP ${answer.status}), and ${why}`,
      sitesUseIt
        ? "turn on UMA 2 at the OP"
        : "turn on UMA 2 at the OP, or leave uma_protection out of protection_scope",
      opHost,
    )
  const missing = UMA_ENDPOINTS.filter((k) => typeof doc[k] !== "string")
  if (missing.length > 0)
    return bad(
      "fail",
      "op.uma",
      `the UMA 2 configuration names no ${missing.join(", ")}`,
      "check the OP's UMA 2 setup",
      opHost,
    )
  return ok(
    "op.uma",
    "UMA 2 configuration with token, permission, resource registration and introspection endpoints",
    opHost,
  )
}

const protectionResult = (r: ProtectionCheck, needed: boolean, opHost: string): CheckResult => {
  if (r.status === "ok")
    return ok(
      "op.protection",
      `setup client ${r.client_id} (oxd_id ${r.setup_oxd_id}) got a token with scope ${r.scope}`,
      opHost,
    )
  if (r.status === "no_setup_client")
    return needed
      ? bad(
          "warn",
          "op.protection",
          "no setup client at this OP yet: REST calls (and TCP with protect_commands_with_access_token) need a protection token from one",
          "run setup_client (or register_site through a setup client) for this OP",
          opHost,
        )
      : skip("op.protection", "no setup client at this OP (none needed: REST off, TCP unprotected)", opHost)
  return bad(
    "fail",
    "op.protection",
    `setup client ${r.client_id} (oxd_id ${r.setup_oxd_id}) got no protection token: ${r.detail}`,
    "the setup client needs grant type client_credentials and a scope of protection_scope at the OP; run setup_client again if the OP lost it",
    opHost,
  )
}
