import { Schema, SchemaTransformation } from "effect"

/**
 * Field schemas shared by command params. Existing oxd clients send null or "" for unset optionals
 * (the Java client serialises nulls), so optionals accept null and handlers treat "" as absent.
 */
export const optional = <S extends Schema.Top>(schema: S) => Schema.optional(Schema.NullOr(schema))

const Scalar = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])
const scalarText = SchemaTransformation.transform<string, string | number | boolean>({
  decode: (v) => (typeof v === "string" ? v : String(v)),
  encode: (v) => v,
})

/**
 * A string param as the reference reads one (Jackson 1.9's String deserializer): a number or boolean is taken as its
 * JSON text (256 → "256", true → "true"); an object or array is a malformed param (audit X3, internal_error).
 * `to` checks the text (e.g. Schema.NonEmptyString); annotations describe the param.
 */
export const textOf = <To extends Schema.Codec<string, string>>(
  to: To,
  annotations: { readonly description?: string } = {},
) => Scalar.annotate(annotations).pipe(Schema.decodeTo(to, scalarText))

export const Text = textOf(Schema.String)
export const NonEmptyText = textOf(Schema.NonEmptyString)

export const OxdId = textOf(Schema.NonEmptyString, {
  description: "The oxd_id returned by register_site (or setup_client).",
})

/** A list of strings (numbers and booleans as their text, as Text); a lone string is accepted as a one-item list, since some clients send one. */
export const StringList = Schema.Union([Schema.Array(Text), Schema.String]).pipe(
  Schema.decodeTo(
    Schema.Array(Schema.String),
    SchemaTransformation.transform<ReadonlyArray<string>, ReadonlyArray<string> | string>({
      decode: (v: ReadonlyArray<string> | string) => (typeof v === "string" ? (v.length > 0 ? [v] : []) : v),
      encode: (v: ReadonlyArray<string>) => v,
    }),
  ),
)

/**
 * A boolean param as the reference reads one (Jackson 1.9's Boolean deserializer): true/false, the strings
 * "true"/"false", or a number (non-zero is true).
 */
export const Flag = Schema.Union([Schema.Boolean, Schema.Literals(["true", "false"]), Schema.Finite]).pipe(
  Schema.decodeTo(
    Schema.Boolean,
    SchemaTransformation.transform<boolean, boolean | "true" | "false" | number>({
      decode: (v) => (typeof v === "boolean" ? v : typeof v === "number" ? v !== 0 : v === "true"),
      encode: (v) => v,
    }),
  ),
)

export const ProtectionAccessToken = optional(Text).annotate({
  description: "Token from get_client_token for the setup client; required when protection is on (always on REST).",
})

/** Claim values as the reference server returns them: a list of strings per claim. */
export const ClaimLists = Schema.Record(Schema.String, Schema.Array(Schema.String))

export const present = (v: string | null | undefined): v is string => typeof v === "string" && v.length > 0
export const list = (v: ReadonlyArray<string> | null | undefined): ReadonlyArray<string> | undefined =>
  v && v.length > 0 ? v : undefined
