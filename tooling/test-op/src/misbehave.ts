import { createHash, randomBytes } from "node:crypto"
import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose"
import { TEST_USERS, type TestUser } from "./accounts.js"
import { isSigningAlg, type KeyRing } from "./keys.js"

/**
 * Kinds that tamper the ID token of a `/token` answer (code and refresh_token grants). `wrong_sub`: another test
 * user's sub (bob's for alice), re-signed; `no_id_token`: the answer carries none; `not_a_jwt`: its id_token is a
 * string that is no JWT; `no_expires_in`: the answer leaves out expires_in (the ID token untouched); `with_at_hash`: the
 * ID token gets the right at_hash of the answer's access token (OIDC Core 3.3.2.11; oidc-provider writes none at the
 * token endpoint), re-signed — no fault, an OP that binds its access tokens.
 */
export const ID_TOKEN_MISBEHAVIOURS = [
  "bad_signature",
  "wrong_nonce",
  "wrong_aud",
  "expired",
  "wrong_issuer",
  "bad_at_hash",
  "unknown_kid",
  "clock_ahead",
  "wrong_sub",
  "no_id_token",
  "not_a_jwt",
  "no_expires_in",
  "with_at_hash",
] as const
/**
 * Kinds that tamper a `/me` (userinfo) answer: `userinfo_other_subject` answers another test user's claims (their
 * `sub`, and their values of the claims the token's user had), as an OP that mixed up tokens would;
 * `userinfo_no_subject` drops `sub`.
 */
export const USERINFO_MISBEHAVIOURS = ["userinfo_other_subject", "userinfo_no_subject"] as const
export const MISBEHAVIOUR_KINDS = [...ID_TOKEN_MISBEHAVIOURS, ...USERINFO_MISBEHAVIOURS] as const
export type MisbehaviourKind = (typeof MISBEHAVIOUR_KINDS)[number]
/** What a kind tampers with. */
export type MisbehaviourTarget = "id_token" | "userinfo"

const targetOf = (kind: MisbehaviourKind): MisbehaviourTarget =>
  (USERINFO_MISBEHAVIOURS as readonly string[]).includes(kind) ? "userinfo" : "id_token"

export interface Misbehaviour {
  kind: MisbehaviourKind
  /** Only ID tokens issued to (userinfo answers for access tokens of) this client; any client when omitted. */
  clientId?: string
  /** Apply to the next matching ID token (userinfo answer) only (default true); false = until reset(). */
  once?: boolean
  /** clock_ahead: how far ahead of real time the OP's clock is (s, default 30; negative: behind); iat, auth_time and exp move by it. */
  seconds?: number
}

export function isMisbehaviourKind(kind: unknown): kind is MisbehaviourKind {
  return typeof kind === "string" && (MISBEHAVIOUR_KINDS as readonly string[]).includes(kind)
}

/** Pending misbehaviours. Several may match one token; all of them are applied together. */
export class Misbehaviours {
  #rules: Array<
    Required<Pick<Misbehaviour, "kind" | "once">> & { clientId: string | undefined; seconds: number | undefined }
  > = []
  #seconds: number | undefined

  add(m: Misbehaviour): void {
    if (!isMisbehaviourKind(m.kind)) {
      throw new TypeError(
        `unknown misbehaviour kind ${JSON.stringify(m.kind)}; expected one of ${MISBEHAVIOUR_KINDS.join(", ")}`,
      )
    }
    if (m.seconds !== undefined && (typeof m.seconds !== "number" || !Number.isFinite(m.seconds)))
      throw new TypeError("seconds must be a number")
    this.#rules.push({ kind: m.kind, clientId: m.clientId, once: m.once ?? true, seconds: m.seconds })
  }

  /** Kinds to apply to an ID token (or a userinfo answer) for `clientId`; consumes matching `once` rules of that target. */
  take(clientId: string | undefined, target: MisbehaviourTarget = "id_token"): MisbehaviourKind[] {
    const matching = this.#rules.filter(
      (r) => targetOf(r.kind) === target && (r.clientId === undefined || r.clientId === clientId),
    )
    this.#rules = this.#rules.filter((r) => !(r.once && matching.includes(r)))
    if (target === "id_token") this.#seconds = matching.find((r) => r.kind === "clock_ahead")?.seconds
    return [...new Set(matching.map((r) => r.kind))]
  }

  /** The clock_ahead seconds of the rules the last take() matched. */
  aheadSeconds(): number | undefined {
    return this.#seconds
  }

  list(): Misbehaviour[] {
    return this.#rules.map(({ seconds, ...r }) => ({
      ...r,
      clientId: r.clientId,
      ...(seconds !== undefined ? { seconds } : {}),
    }))
  }

  clear(): void {
    this.#rules = []
  }
}

const junk = () => randomBytes(16).toString("base64url")

/** at_hash (OIDC Core 3.3.2.11): the left half of the value's hash by the ID token's alg, base64url. */
const leftHalfHash = (value: string, alg: string): string => {
  const digest = alg.endsWith("384") ? "sha384" : alg.endsWith("512") ? "sha512" : "sha256"
  const full = createHash(digest).update(value, "ascii").digest()
  return full.subarray(0, full.length / 2).toString("base64url")
}

/**
 * Returns `idToken` modified per `kinds`. Claim changes are re-signed with the OP's real key (same kid),
 * so each misbehaviour is isolated: only the named check should fail on the client.
 */
export async function tamperIdToken(
  idToken: string,
  kinds: readonly MisbehaviourKind[],
  keys: KeyRing,
  opts: { aheadSeconds?: number | undefined; accessToken?: string | undefined } = {},
): Promise<string> {
  const header = decodeProtectedHeader(idToken)
  const payload: JWTPayload = { ...decodeJwt(idToken) }
  const has = (k: MisbehaviourKind) => kinds.includes(k)
  const now = Math.floor(Date.now() / 1000)

  if (has("wrong_nonce")) payload.nonce = `wrong-${junk()}`
  if (has("wrong_aud")) payload.aud = `not-you-${junk()}`
  if (has("wrong_issuer")) payload.iss = "https://evil.example.org"
  if (has("bad_at_hash")) payload.at_hash = junk().slice(0, 22) // right length, wrong value
  if (has("with_at_hash") && opts.accessToken) payload.at_hash = leftHalfHash(opts.accessToken, String(header.alg))
  if (has("wrong_sub")) payload.sub = otherUser(payload.sub, TEST_USERS).sub
  if (has("clock_ahead")) {
    // the OP's clock runs ahead: every time it writes moves together
    const ahead = opts.aheadSeconds ?? 30
    for (const claim of ["iat", "exp", "auth_time", "nbf"] as const)
      if (typeof payload[claim] === "number") payload[claim] = (payload[claim] as number) + ahead
  }
  if (has("expired")) {
    // Well past any clock tolerance (openid-client default 30s, oxd typically ≤ 5 min).
    payload.iat = now - 7200
    payload.exp = now - 3600
    if (typeof payload.auth_time === "number") payload.auth_time = Math.min(payload.auth_time, now - 7200)
  }

  const alg = header.alg
  if (!isSigningAlg(alg)) throw new Error(`cannot re-sign an ID token with alg ${String(alg)}`)
  const signer = has("unknown_kid") ? await keys.rogueKey(alg) : await keys.privateKeyFor(String(header.kid))
  if (!signer) throw new Error(`signing key ${String(header.kid)} not found`)

  let jwt = await new SignJWT(payload).setProtectedHeader({ ...header, alg, kid: signer.jwk.kid }).sign(signer.key)

  if (has("bad_signature")) {
    // Same header and claims, signature bytes flipped: only signature verification can catch it.
    const [h, p, s] = jwt.split(".") as [string, string, string]
    const sig = Buffer.from(s, "base64url")
    for (let i = 0; i < sig.length; i += 7) sig[i] = (sig[i] ?? 0) ^ 0xff
    jwt = `${h}.${p}.${sig.toString("base64url")}`
  }
  return jwt
}

/**
 * Returns the userinfo claims changed per `kinds` (userinfo kinds only): another user's answer, or one without sub.
 * The other user is the first of `users` whose sub differs from the token's.
 */
export function tamperUserinfo(
  claims: Record<string, unknown>,
  kinds: readonly MisbehaviourKind[],
  users: ReadonlyArray<TestUser>,
): Record<string, unknown> {
  let out = claims
  if (kinds.includes("userinfo_other_subject")) {
    const other = otherUser(claims.sub, users)
    out = { sub: other.sub }
    for (const name of Object.keys(claims)) if (name !== "sub" && name in other.claims) out[name] = other.claims[name]
  }
  if (kinds.includes("userinfo_no_subject")) {
    const { sub: _dropped, ...rest } = out
    out = rest
  }
  return out
}

function otherUser(sub: unknown, users: ReadonlyArray<TestUser>): TestUser {
  const other = users.find((u) => u.sub !== sub)
  if (!other) throw new Error("another subject needs a second test user")
  return other
}
