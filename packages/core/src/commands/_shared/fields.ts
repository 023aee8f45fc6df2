import { Schema, SchemaTransformation } from "effect"

/**
 * Field schemas shared by command params. Existing oxd clients send null or "" for unset optionals
 * (the Java client serialises nulls), so optionals accept null and handlers treat "" as absent.
 */
export const optional = <S extends Schema.Top>(schema: S) => Schema.optional(Schema.NullOr(schema))

export const OxdId = Schema.NonEmptyString.annotate({ description: "The oxd_id returned by register_site (or setup_client)." })

/** A list of strings; a lone string is accepted as a one-item list, since some clients send one. */
export const StringList = Schema.Union([Schema.Array(Schema.String), Schema.String]).pipe(
  Schema.decodeTo(
    Schema.Array(Schema.String),
    SchemaTransformation.transform<ReadonlyArray<string>, ReadonlyArray<string> | string>({
      decode: (v: ReadonlyArray<string> | string) => (typeof v === "string" ? (v.length > 0 ? [v] : []) : v),
      encode: (v: ReadonlyArray<string>) => v,
    }),
  ),
)

export const ProtectionAccessToken = optional(Schema.String).annotate({
  description: "Token from get_client_token for the setup client; required when protection is on (always on REST).",
})

/** Claim values as the reference server returns them: a list of strings per claim. */
export const ClaimLists = Schema.Record(Schema.String, Schema.Array(Schema.String))

export const present = (v: string | null | undefined): v is string => typeof v === "string" && v.length > 0
export const list = (v: ReadonlyArray<string> | null | undefined): ReadonlyArray<string> | undefined =>
  v && v.length > 0 ? v : undefined
