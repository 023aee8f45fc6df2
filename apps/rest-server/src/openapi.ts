import { aliases, commands, errorCodes, type Command } from "@oxd/core"
import { pascalName, restPath } from "@oxd/wire"
import { JsonSchema, Schema } from "effect"
import { HEALTH_PATH } from "./routes.js"

type AnyCommand = Command.AnyCommand

export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }
export type JsonObject = { [k: string]: Json }

/** The OpenAPI 3.1 document of the REST API, as plain JSON. */
export type OpenApiDocument = {
  readonly openapi: "3.1.0"
  readonly info: JsonObject
  readonly paths: Record<string, Record<string, JsonObject>>
  readonly components: {
    readonly schemas: Record<string, JsonObject>
    readonly responses: Record<string, JsonObject>
    readonly securitySchemes: Record<string, JsonObject>
  }
} & JsonObject

/** get_tokens_by_code → GetTokensByCode: the component names of a command's schemas. */

/** Identical branches of anyOf/oneOf collapse into one (optional(NullOr(x)) renders `null` twice). */
const tidy = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(tidy)
  if (typeof value !== "object" || value === null) return value as Json
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) out[k] = tidy(v)
  for (const key of ["anyOf", "oneOf"]) {
    const branches = out[key]
    if (!Array.isArray(branches)) continue
    const seen = new Map<string, Json>()
    for (const b of branches as ReadonlyArray<Json>) seen.set(JSON.stringify(b), b)
    const unique = [...seen.values()]
    if (unique.length === 1 && typeof unique[0] === "object" && unique[0] !== null && !Array.isArray(unique[0])) {
      delete out[key]
      Object.assign(out, unique[0])
    } else out[key] = unique
  }
  return out
}

/**
 * One Effect Schema as OpenAPI 3.1 JSON Schema (its JSON encoding, as the wire carries it); named definitions
 * go into `components`, and a name defined twice differently is an error.
 */
export const toOpenApiSchema = (schema: Schema.Top, components: Record<string, JsonObject>): JsonObject => {
  const doc = Schema.toJsonSchemaDocument(schema)
  const openapi = JsonSchema.toMultiDocumentOpenApi3_1({
    dialect: "draft-2020-12",
    schemas: [doc.schema],
    definitions: doc.definitions,
  })
  for (const [name, definition] of Object.entries(openapi.definitions)) {
    const tidied = tidy(definition) as JsonObject
    const existing = components[name]
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(tidied)) {
      throw new Error(`Two different schemas are named ${name}; give one another identifier`)
    }
    components[name] = tidied
  }
  return tidy(openapi.schemas[0]) as JsonObject
}

const ref = (kind: "schemas" | "responses", name: string) => ({ $ref: `#/components/${kind}/${name}` })
const json = (schema: Json) => ({ "application/json": { schema } })

/** Every error code the server can answer with, with its HTTP status; the text of the ErrorData schema. */
const errorCodeList = (): string => {
  const rows = new Map<string, Set<number>>()
  for (const row of Object.values(errorCodes) as ReadonlyArray<{ http: number; code: unknown }>) {
    if (typeof row.code === "string") rows.set(row.code, (rows.get(row.code) ?? new Set()).add(row.http))
  }
  return [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, http]) => `${code} (${[...http].sort().join("/")})`)
    .join(", ")
}

const errorResponses = (protectedCommand: boolean): JsonObject => ({
  "400": ref("responses", "BadRequest"),
  ...(protectedCommand ? { "403": ref("responses", "Forbidden") } : {}),
  "413": ref("responses", "PayloadTooLarge"),
  "415": ref("responses", "UnsupportedMediaType"),
  "429": ref("responses", "RateLimited"),
  "500": ref("responses", "InternalError"),
  "502": ref("responses", "OpUnreachable"),
})

const operation = (c: AnyCommand, wireName: string, components: Record<string, JsonObject>): JsonObject => {
  const base = pascalName(c.name)
  const isProtected = c.protection !== "none"
  if (components[`${base}Params`] === undefined) {
    components[`${base}Params`] = toOpenApiSchema(c.params, components)
    components[`${base}Result`] = toOpenApiSchema(c.result, components)
    components[`${base}Reply`] = {
      type: "object",
      description: `The reply of ${c.name}: {"status":"ok","data":<${base}Result>}.`,
      required: ["status", "data"],
      properties: {
        status: { type: "string", enum: ["ok"], description: "ok: the command succeeded." },
        data: { ...ref("schemas", `${base}Result`), description: `The result of ${c.name}.` },
      },
    }
  }
  const alias = wireName !== c.name
  return {
    operationId: wireName,
    summary: alias ? `${c.description} (older name of ${c.name})` : c.description,
    description: [
      alias ? `Deprecated: the oxd 3.1 name of \`${restPath(c.name)}\`, answered the same way.` : "",
      `The oxd command \`${c.name}\`: the JSON body is its params, the reply the oxd envelope.`,
      isProtected
        ? "Needs `Authorization: Bearer <protection_access_token>` (that spelling: `Bearer` and one space): a token from `/get-client-token` for the setup client of the site (`oxd_id`); without one, 403 with error `403`. A `protection_access_token` in the body is not used."
        : "Needs no token.",
    ]
      .filter(Boolean)
      .join(" "),
    ...(alias ? { deprecated: true } : {}),
    security: isProtected ? [{ bearer: [] }] : [],
    requestBody: { required: true, content: json(ref("schemas", `${base}Params`)) },
    responses: {
      "200": {
        description: `ok: {"status":"ok","data":<${base}Result>}; with rest_error_status: reference (the default) an oxd error comes with 200 too, as its error envelope.`,
        content: json({ oneOf: [ref("schemas", `${base}Reply`), ref("schemas", "ErrorEnvelope")] }),
      },
      ...errorResponses(isProtected),
    },
  }
}

const errorResponse = (description: string): JsonObject => ({
  description,
  content: json(ref("schemas", "ErrorEnvelope")),
})

/**
 * The OpenAPI 3.1 document of the REST API, built from core's command registry (each command's params and
 * result Effect Schemas) — the same function writes openapi.json and serves /openapi.json.
 */
export const buildOpenApiDocument = (): OpenApiDocument => {
  const schemas: Record<string, JsonObject> = {}
  const paths: Record<string, Record<string, JsonObject>> = {}
  for (const c of Object.values(commands) as ReadonlyArray<AnyCommand>) {
    paths[restPath(c.name)] = { post: operation(c, c.name, schemas) }
  }
  for (const [alias, name] of Object.entries(aliases)) {
    paths[restPath(alias)] = { post: operation(commands[name] as AnyCommand, alias, schemas) }
  }
  paths[HEALTH_PATH] = {
    get: {
      operationId: "health_check",
      summary: "Whether the server runs: `running`, as oxd-https-extension 3.1 answers.",
      description:
        "For load balancers: 200 with the text `running` while the process serves requests, whatever its database (oxd-https-extension 3.1's answer). Whether the database answers: GET /health/ready (JSON, 503 when it does not). Needs no token.",
      security: [],
      responses: {
        "200": {
          description: "The server runs.",
          content: { "text/plain": { schema: { type: "string", enum: ["running"] } } },
        },
      },
    },
  }
  schemas["ErrorData"] = {
    type: "object",
    required: ["error", "error_description"],
    properties: {
      error: {
        type: "string",
        description: `The oxd error code, with its HTTP status under rest_error_status: http: ${errorCodeList()}; invalid_nonce or invalid_id_token_unknown for a rejected ID token (the reason in error_description); for a param, the reference code of that param (e.g. invalid_authorization_redirect_uri); http_status_<NNN> for an OP/AS error passed through (e.g. the AS's refusal of uma_rp_get_rpt; HTTP NNN in both modes); and 403 (HTTP 403 in both modes) for a protected command without a Bearer token.`,
      },
      error_description: { type: "string", description: "What went wrong and what to fix, for people." },
      details: {
        description: "need_info: the UMA authorization server's answer (ticket, required_claims, redirect_user).",
      },
    },
  }
  schemas["ErrorEnvelope"] = {
    type: "object",
    description: 'Every error: {"status":"error","data":{"error":<code>,"error_description":<text>}}.',
    required: ["status", "data"],
    properties: {
      status: { type: "string", enum: ["error"], description: "error: the command failed; data says why." },
      data: { ...ref("schemas", "ErrorData"), description: "The error code and what went wrong." },
    },
  }
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)))
  return {
    openapi: "3.1.0",
    info: {
      title: "oxd-ts REST API",
      version: "3.1",
      description: [
        "The oxd-https-extension API of oxd-ts: every oxd command at `POST /<command-with-dashes>`, its params as the JSON body",
        '(`Content-Type: application/json`), its reply the oxd envelope `{"status":"ok","data":…}` or',
        '`{"status":"error","data":{"error":…,"error_description":…}}`.',
        "HTTP status of an oxd error: with `rest_error_status: reference` (the default, as oxd-https-extension 3.1) 200, the",
        "envelope saying it is an error; with `rest_error_status: http` the status of the error code (400, 403, 429, 500, 502…).",
        "In both modes: a body that is not one JSON object is 400, a protected command without `Authorization: Bearer <token>`",
        "403 with error `403`, an unknown path 404, another method 405, another content type 415, a body too large 413;",
        "an OP/AS error passed through as `http_status_<NNN>` is HTTP NNN. Read the envelope's `status`, not the HTTP status.",
        'Unknown params are ignored; `null` or `""` for an optional param means not given.',
        "Every command except `/setup-client` and `/get-client-token` needs `Authorization: Bearer <protection_access_token>`",
        "from `/get-client-token` for the setup client of the site.",
      ].join(" "),
    },
    paths,
    components: {
      schemas: sortedSchemas,
      responses: {
        BadRequest: errorResponse(
          'Both modes: a body that is not one JSON object ("Invalid parameters. Message: …"). rest_error_status: http also: bad params (a missing or malformed param names it; internal_error for params the reference could not read), or the OP\'s refusal (internal_error, as the reference answers it).',
        ),
        Forbidden: errorResponse(
          'Both modes: no `Authorization: Bearer <token>` header (error `403`, "Forbidden Access…"). rest_error_status: http also: an inactive or another client\'s protection_access_token (inactive_/invalid_protection_access_token, protection_access_token_insufficient_scope); or, for UMA, need_info / request_denied.',
        ),
        PayloadTooLarge: errorResponse("The body is larger than rest_max_body_bytes."),
        UnsupportedMediaType: errorResponse("The body is not sent as application/json."),
        RateLimited: errorResponse(
          "rest_error_status: http: more commands from this address than rate_limit_per_minute allows (rate_limited).",
        ),
        InternalError: errorResponse(
          "An unexpected failure of the REST edge (internal_error, with a request id the server's log also carries); rest_error_status: http also: the OP answered something unusable.",
        ),
        OpUnreachable: errorResponse(
          "rest_error_status: http: the OP could not be reached, timed out or answered something unusable: no_connect_discovery_response (no_uma_discovery_response) for its discovery, internal_error for a later call, as the reference answers them.",
        ),
      },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "The protection_access_token: the access_token /get-client-token returns for the setup client (client_id/client_secret from /setup-client). The server introspects it at the OP.",
        },
      },
    },
  }
}

/** The document as committed (apps/rest-server/openapi.json) and served: 2-space JSON and a final newline. */
export const openApiText = (doc: OpenApiDocument = buildOpenApiDocument()): string =>
  `${JSON.stringify(doc, null, 2)}\n`
