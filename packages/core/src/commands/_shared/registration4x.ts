import { Effect, Schema } from "effect"
import { InvalidAlgorithm, InvalidParams } from "../../errors.js"
import { Flag, list, optional, present, StringList, Text } from "./fields.js"

/**
 * The client metadata oxd 4.x's register_site and update_site take beyond 3.1's (RegisterSiteParams, UpdateSiteParams
 * on GluuFederation/oxd master), each sent to the OP under its registration name (OpenID Connect Dynamic Client
 * Registration 1.0 §2, and Gluu's access_token_as_jwt, rpt_as_jwt, access_token_signing_alg, access_token_lifetime,
 * authorized_origins, id_token_token_binding_cnf, allow_spontaneous_scopes, spontaneous_scopes,
 * run_introspection_script_before_access_token_as_jwt_creation_and_include_claims: oxAuth's RegisterRequestParam) and
 * kept with the site (get_rp shows them); jwks and custom_attributes below. Left out: the client sync settings
 * (sync_client_from_op, sync_client_period_in_seconds: docs/compatibility.md); and the logout ones
 * (front_channel_logout_session_required, post_logout_redirect_uris).
 */
const FIELDS = [
  ["access_token_as_jwt", "access_token_as_jwt", "flag"],
  ["access_token_signing_alg", "access_token_signing_alg", "alg"],
  ["rpt_as_jwt", "rpt_as_jwt", "flag"],
  ["logo_uri", "logo_uri", "text"],
  ["client_uri", "client_uri", "text"],
  ["policy_uri", "policy_uri", "text"],
  ["tos_uri", "tos_uri", "text"],
  ["subject_type", "subject_type", "subject_type"],
  ["id_token_signed_response_alg", "id_token_signed_response_alg", "alg"],
  ["id_token_encrypted_response_alg", "id_token_encrypted_response_alg", "text"],
  ["id_token_encrypted_response_enc", "id_token_encrypted_response_enc", "text"],
  ["user_info_signed_response_alg", "userinfo_signed_response_alg", "alg"],
  ["user_info_encrypted_response_alg", "userinfo_encrypted_response_alg", "text"],
  ["user_info_encrypted_response_enc", "userinfo_encrypted_response_enc", "text"],
  ["request_object_signing_alg", "request_object_signing_alg", "alg"],
  ["request_object_encryption_alg", "request_object_encryption_alg", "text"],
  ["request_object_encryption_enc", "request_object_encryption_enc", "text"],
  ["default_max_age", "default_max_age", "int"],
  ["require_auth_time", "require_auth_time", "flag"],
  ["initiate_login_uri", "initiate_login_uri", "text"],
  ["authorized_origins", "authorized_origins", "list"],
  ["access_token_lifetime", "access_token_lifetime", "int"],
  ["software_id", "software_id", "text"],
  ["software_version", "software_version", "text"],
  ["software_statement", "software_statement", "text"],
  ["tls_client_auth_subject_dn", "tls_client_auth_subject_dn", "text"],
  ["id_token_binding_cnf", "id_token_token_binding_cnf", "text"],
  // 4.x's param name lacks an underscore; the registration member is oxAuth's (RegisterRequestParam.java:287)
  [
    "run_introspection_script_beforeaccess_token_as_jwt_creation_and_include_claims",
    "run_introspection_script_before_access_token_as_jwt_creation_and_include_claims",
    "flag",
  ],
  ["allow_spontaneous_scopes", "allow_spontaneous_scopes", "flag"],
  ["spontaneous_scopes", "spontaneous_scopes", "list"],
] as const

type Kind = (typeof FIELDS)[number][2]
type Param = (typeof FIELDS)[number][0]

const schemaOf = {
  flag: optional(Flag),
  alg: optional(Text),
  text: optional(Text),
  subject_type: optional(Text),
  int: optional(Schema.Int),
  list: optional(StringList),
} as const satisfies Record<Kind, unknown>

const describe = (param: string, metadata: string) =>
  `oxd 4.x: sent to the OP as ${metadata} (client registration) and kept with the site.`

const JwksField = optional(Schema.Union([Text, Schema.Record(Schema.String, Schema.Unknown)])).annotate({
  description:
    "oxd 4.x: the client's public JSON Web Key Set by value (JSON text, as 4.x takes it, or an object), sent as jwks; not with client_jwks_uri (OpenID Connect Dynamic Client Registration §2). A key with private members is refused.",
})

const CustomAttributesField = optional(Schema.Record(Schema.String, Schema.NullOr(Text))).annotate({
  description:
    "oxd 4.x: further registration members, each sent as given (a Gluu OP keeps them as the client's custom attributes). A name the registration has a param for (redirect_uris, grant_types, scope…) or oxAuthTrustedClient (use trusted_client) is refused with bad_request.",
})

export const Registration4xFields = {
  ...(Object.fromEntries(
    FIELDS.map(([param, metadata, kind]) => [
      param,
      schemaOf[kind].annotate({ description: describe(param, metadata) }),
    ]),
  ) as unknown as { readonly [K in (typeof FIELDS)[number] as K[0]]: (typeof schemaOf)[K[2]] }),
  jwks: JwksField,
  custom_attributes: CustomAttributesField,
}

/** JWK members that only a private or secret key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

/** A JWK Set to send by value, or why not: JSON text or an object with a keys array of public keys. */
const publicJwks = (v: unknown): Record<string, unknown> | InvalidParams => {
  const refuse = (detail: string) => new InvalidParams({ code: "bad_request", field: "jwks", detail })
  let set: unknown = v
  if (typeof v === "string") {
    try {
      set = JSON.parse(v)
    } catch {
      return refuse('is not JSON: a JSON Web Key Set, {"keys":[…]}')
    }
  }
  if (typeof set !== "object" || set === null || !Array.isArray((set as { keys?: unknown }).keys))
    return refuse('is not a JSON Web Key Set: an object with a "keys" array')
  const keys = (set as { keys: ReadonlyArray<unknown> }).keys
  for (const [i, key] of keys.entries()) {
    if (typeof key !== "object" || key === null || typeof (key as { kty?: unknown }).kty !== "string")
      return refuse(`keys[${i}] is not a JSON Web Key (an object with kty)`)
    const secret = PRIVATE_MEMBERS.find((m) => Object.hasOwn(key, m))
    if (secret)
      return refuse(
        `keys[${i}] has the private member ${secret}: register public keys only, the OP must never hold the private ones`,
      )
  }
  return set as Record<string, unknown>
}

/**
 * Registration members custom_attributes may not name: those a param of register_site or update_site sets (so the
 * site's record and its registration cannot disagree), and the consent skip, which is trusted_client's (4.x drops
 * names containing oxAuthTrustedClient quietly, RegisterSiteOperation.java:735; refused here, so the caller knows).
 */
const OWNED_MEMBERS = new Set([
  "redirect_uris",
  "post_logout_redirect_uris",
  "response_types",
  "grant_types",
  "application_type",
  "client_name",
  "jwks_uri",
  "jwks",
  "token_endpoint_auth_method",
  "token_endpoint_auth_signing_alg",
  "request_uris",
  "frontchannel_logout_uri",
  "frontchannel_logout_session_required",
  "backchannel_logout_uri",
  "backchannel_logout_session_required",
  "sector_identifier_uri",
  "contacts",
  "scope",
  "default_acr_values",
  "claims_redirect_uri",
  "client_id",
  "client_secret",
  "registration_access_token",
  "registration_client_uri",
  "client_id_issued_at",
  "client_secret_expires_at",
  ...FIELDS.map(([, metadata]) => metadata),
])

const customAttributes = (v: unknown): Record<string, string> | InvalidParams => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries((v ?? {}) as Record<string, string | null>)) {
    if (value === null) continue
    if (OWNED_MEMBERS.has(name) || name.toLowerCase().includes("oxauthtrustedclient"))
      return new InvalidParams({
        code: "bad_request",
        field: `custom_attributes.${name}`,
        detail: "is not allowed: the registration member has a param of its own",
      })
    Object.defineProperty(out, name, { value, enumerable: true, configurable: true, writable: true })
  }
  return out
}

/** The algorithms a JWS may name (RFC 7518 §3.1, and EdDSA): what the reference's SignatureAlgorithm knows. */
const JWS_ALGS = [
  "none",
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
]

/**
 * The registration members the params give, checked as the reference checks them (RegisterSiteOperation on master:
 * an unknown signature algorithm is invalid_algorithm, ErrorResponseCode.java:75; a subject type other than public or
 * pairwise invalid_subject_type, :77); the OP judges the rest.
 */
export const registration4xMetadata = (
  p: { readonly [K in Param]?: unknown } & { readonly jwks?: unknown; readonly custom_attributes?: unknown },
) =>
  Effect.suspend((): Effect.Effect<Record<string, unknown>, InvalidAlgorithm | InvalidParams> => {
    const out: Record<string, unknown> = {}
    for (const [param, metadata, kind] of FIELDS) {
      const v = p[param]
      if (v === undefined || v === null) continue
      if (kind === "alg" || kind === "text" || kind === "subject_type") {
        if (!present(v as string)) continue
        if (kind === "alg" && !JWS_ALGS.includes(v as string))
          return Effect.fail(new InvalidAlgorithm({ algorithm: v as string }))
        if (kind === "subject_type" && v !== "public" && v !== "pairwise")
          return Effect.fail(
            new InvalidParams({ code: "invalid_subject_type", field: param, detail: "must be public or pairwise" }),
          )
      }
      if (kind === "list" && !list(v as ReadonlyArray<string>)) continue
      out[metadata] = v
    }
    if (p.jwks !== undefined && p.jwks !== null && !(typeof p.jwks === "string" && !present(p.jwks.trim()))) {
      const jwks = publicJwks(p.jwks)
      if (jwks instanceof InvalidParams) return Effect.fail(jwks)
      out["jwks"] = jwks
    }
    const custom = customAttributes(p.custom_attributes)
    if (custom instanceof InvalidParams) return Effect.fail(custom)
    // first, so no member of the params' can be overridden (OWNED_MEMBERS already refuses them)
    return Effect.succeed({ ...custom, ...out })
  })
