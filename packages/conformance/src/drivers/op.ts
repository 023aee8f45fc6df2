import type { Readable, Writable } from "node:stream"
import { reasonOf } from "../errors.js"
import type { IdTokenFault, OpDriver, UmaDriver } from "../scenario.js"
import { trustList } from "../tls.js"
import { gatherClaimsByForm } from "./claims.js"
import { formLogin, type FormLoginOptions } from "./formLogin.js"
import { send, sendJson } from "./http.js"
import { manualLogin } from "./manualLogin.js"

export type LoginKind = "test-op" | "form" | "manual"
export const LOGIN_KINDS: ReadonlyArray<LoginKind> = ["test-op", "form", "manual"]

export interface ConnectOpOptions {
  /** Extra certificates to trust for the OP's TLS (PEM), on top of Node's roots. */
  readonly ca?: ReadonlyArray<string>
  /** How a user logs in; default test-op when the OP has the test admin endpoints, else form. */
  readonly login?: LoginKind
  /** Credentials and field names of the form driver (and the test OP's user). */
  readonly form?: Omit<FormLoginOptions, "ca">
  /** The redirect URI of the probe registration (see clientManagement); default https://client.example.org/cb. */
  readonly redirectUri?: string
  /** Where the manual driver talks to the person; default stdin / stderr. */
  readonly manual?: { readonly input: Readable; readonly output: Writable }
}

export interface ConnectedOp {
  readonly driver: OpDriver
  /** The OP answers the test control API (GET <issuer>/__test/info): misbehaviour, key rotation, UMA policies. */
  readonly admin: boolean
  /** The OP publishes /.well-known/uma2-configuration. */
  readonly uma: boolean
  /** RFC 7592 client management (registration_client_uri); undefined when the OP has no registration endpoint. */
  readonly clientManagement: boolean | undefined
  readonly login: LoginKind
  close(): void
}

/** The OP could not be used at all: no discovery document, TLS not trusted, not answering. */
export class OpUnavailable extends Error {
  override readonly name = "OpUnavailable"
}

const under = (issuer: string, path: string) => new URL(`${issuer.replace(/\/$/, "")}/${path}`)

/**
 * An OP the suite did not start, by its issuer: checks its discovery document, probes the test control API
 * (`GET <issuer>/__test/info`) and the UMA 2 configuration, and returns a driver whose capabilities say truthfully
 * what the suite can make it do. The control API, when there, is reset first (no pending misbehaviour).
 */
export const connectOp = async (issuerUrl: string, opts: ConnectOpOptions = {}): Promise<ConnectedOp> => {
  const ca = trustList(opts.ca)
  let issuer: string
  let registrationEndpoint: string | undefined
  try {
    const discovery = await sendJson("GET", under(issuerUrl, ".well-known/openid-configuration"), {
      ca,
      timeoutMs: 10_000,
    })
    const doc = discovery.json as { issuer?: unknown } | undefined
    if (discovery.status !== 200 || typeof doc?.issuer !== "string") {
      throw new Error(
        `GET /.well-known/openid-configuration answered ${discovery.status}${typeof doc?.issuer === "string" ? "" : " without an issuer"}`,
      )
    }
    issuer = doc.issuer
    const reg = (doc as { registration_endpoint?: unknown }).registration_endpoint
    registrationEndpoint = typeof reg === "string" ? reg : undefined
  } catch (e) {
    const why = reasonOf(e)
    throw new OpUnavailable(
      `the OP ${issuerUrl} cannot be used: ${why}${/certificate|self.signed|CERT_/i.test(why) ? " (trust its CA with --ca <file>)" : ""}`,
    )
  }
  const probe = async (path: string) => {
    try {
      return await sendJson("GET", under(issuer, path), { ca, timeoutMs: 10_000 })
    } catch {
      return undefined
    }
  }
  const [info, uma] = await Promise.all([probe("__test/info"), probe(".well-known/uma2-configuration")])
  const admin = info?.status === 200 && typeof (info.json as { issuer?: unknown } | undefined)?.issuer === "string"
  const offersUma = uma?.status === 200 && typeof uma.json === "object" && uma.json !== null

  const post = async (path: string, json: unknown) => {
    const r = await sendJson("POST", under(issuer, `__test/${path}`), { ca, json })
    if (r.status !== 200)
      throw new Error(`the OP's control API refused POST /__test/${path}: ${r.status} ${r.body.slice(0, 200)}`)
    return r.json as Record<string, unknown>
  }
  if (admin) await post("reset", {})
  const clientManagement = registrationEndpoint
    ? await probeClientManagement(registrationEndpoint, opts.redirectUri ?? "https://client.example.org/cb", ca)
    : undefined

  const login = opts.login ?? (admin ? "test-op" : "form")
  const manual =
    login === "manual" ? manualLogin(opts.manual ?? { input: process.stdin, output: process.stderr }) : undefined
  const form: FormLoginOptions = { ...opts.form, ca }
  // the test OP's headless login is a form login with its field names and users (alice / alice-password): the
  // form driver does it without loading the test OP's code (oidc-provider) into this process
  const loginFn: OpDriver["login"] = async (url) => (manual ? manual.login(url) : formLogin(url, form))

  const umaDriver: UmaDriver = {
    setPolicy: async (scope, policy) => {
      await post("uma/policy", { scope, ...policy })
    },
    gatherClaims: (url, claims) => gatherClaimsByForm(url, claims, { ca }),
    setRptTtl: async (seconds) => {
      await post("uma/rpt-ttl", { seconds })
    },
    introspections: async () => {
      const r = await sendJson("GET", under(issuer, "__test/counters"), { ca })
      return Number((r.json as Record<string, unknown> | undefined)?.["uma.introspection"] ?? 0)
    },
  }
  const driver: OpDriver = {
    issuer,
    offersUma,
    ...(clientManagement !== undefined ? { clientManagement } : {}),
    login: loginFn,
    ...(admin
      ? {
          misbehave: async (fault: IdTokenFault) => {
            await post("misbehave", { kind: fault, once: true })
          },
          rotateKeys: async () => {
            await post("rotate-keys", {})
          },
          ...(offersUma ? { uma: umaDriver } : {}),
        }
      : {}),
  }
  return { driver, admin, uma: offersUma, clientManagement, login, close: () => manual?.close() }
}

/**
 * Whether the OP offers RFC 7592 client management: one registration of a code-flow client (the scenarios register
 * dozens), whose answer has a registration_client_uri or not (RFC 7591 §3.2.1); deleted again when it has one
 * (RFC 7592 §2.3). An OP that refuses the probe is assumed to offer it (the scenarios then say what fails).
 */
const probeClientManagement = async (
  endpoint: string,
  redirectUri: string,
  ca: ReadonlyArray<string> | undefined,
): Promise<boolean> => {
  try {
    const r = await sendJson("POST", new URL(endpoint), {
      ca,
      timeoutMs: 10_000,
      json: {
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        client_name: "oxd-conformance probe: RFC 7592 client management?",
      },
    })
    const answer = r.json as { registration_client_uri?: unknown; registration_access_token?: unknown } | undefined
    if (r.status !== 201 && r.status !== 200) return true
    if (typeof answer?.registration_client_uri !== "string") return false
    if (typeof answer.registration_access_token === "string") {
      await send("DELETE", new URL(answer.registration_client_uri), {
        ca,
        timeoutMs: 10_000,
        headers: { authorization: `Bearer ${answer.registration_access_token}` },
      }).catch(() => undefined)
    }
    return true
  } catch {
    return true
  }
}
