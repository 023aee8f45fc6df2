import { Effect, Schema } from "effect"
import { InvalidAlgorithm, InvalidParams } from "../../errors.js"
import { Flag, list, optional, present, StringList, Text } from "./fields.js"

/**
 * The client metadata oxd 4.x's register_site and update_site take beyond 3.1's (RegisterSiteParams, UpdateSiteParams
 * on GluuFederation/oxd master), each sent to the OP under its registration name (OpenID Connect Dynamic Client
 * Registration 1.0 §2, and Gluu's access_token_as_jwt, rpt_as_jwt, access_token_signing_alg, access_token_lifetime,
 * authorized_origins: oxAuth's RegisterRequest) and kept with the site (get_rp shows them). Left out: jwks,
 * custom_attributes, tls_client_auth_subject_dn, id_token_binding_cnf, the introspection-script flag, the client sync
 * and spontaneous-scope settings; and the logout ones (front_channel_logout_session_required, post_logout_redirect_uris).
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

export const Registration4xFields = Object.fromEntries(
  FIELDS.map(([param, metadata, kind]) => [param, schemaOf[kind].annotate({ description: describe(param, metadata) })]),
) as unknown as { readonly [K in (typeof FIELDS)[number] as K[0]]: (typeof schemaOf)[K[2]] }

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
export const registration4xMetadata = (p: { readonly [K in Param]?: unknown }) =>
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
    return Effect.succeed(out)
  })
