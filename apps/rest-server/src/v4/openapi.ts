import { commands, type Command } from "@oxd/core"
import { pascalName } from "@oxd/wire"
import { toOpenApiSchema, type JsonObject, type OpenApiDocument } from "../openapi.js"
import { HEALTH_PATH } from "../routes.js"
import { V4_API_VERSION } from "./dialect.js"
import { servedV4Paths, type V4Path } from "./paths.js"

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: JsonObject) => ({ "application/json": { schema } })
const errorResponse = (description: string): JsonObject => ({ description, content: json(ref("ErrorResponse")) })

/** The path as the document names it: a GET path param in braces (/get-request-object/{request_object_id}). */
const documentedPath = (p: V4Path) => (p.pathParam ? `${p.path}/{${p.pathParam}}` : p.path)

const operation = (p: V4Path, schemas: Record<string, JsonObject>): JsonObject => {
  const c = (commands as Record<string, Command.AnyCommand>)[p.command]!
  const base = pascalName(c.name)
  const isProtected = c.protection === "site"
  if (p.method === "POST") schemas[`${base}Params`] ??= toOpenApiSchema(c.params, schemas)
  // the 4.x reply where it differs from 3.1 (get_user_info, register_site)
  schemas[`${base}Result`] ??= toOpenApiSchema(c.result4 ?? c.result, schemas)
  const parameters: JsonObject[] = [
    ...(p.pathParam ? [{ name: p.pathParam, in: "path", required: true, schema: { type: "string" } }] : []),
    ...(p.queryParams ?? []).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
    ...(isProtected
      ? [
          {
            name: "AuthorizationOxdId",
            in: "header",
            required: false,
            description:
              "The oxd_id the token is checked for; here it may only be the params' own oxd_id (400 invalid_authorization_oxd_id otherwise).",
            schema: { type: "string" },
          },
        ]
      : []),
  ]
  return {
    operationId: c.name,
    summary: c.description,
    description: [
      `The oxd command \`${c.name}\` (${p.source.startsWith("RR:") ? `oxd 4.x RestResource.java, ${p.source.replace("RR:", ":")}` : p.source}); the reply is its result as bare JSON, an error 4.x's ErrorResponse with the code's HTTP status.`,
      isProtected
        ? "Needs `Authorization: Bearer <token>`: a token from `/get-client-token` for this site's own client (client_id and client_secret from `/register-site`); without one, 403 blank_access_token."
        : "Needs no token.",
    ].join(" "),
    security: isProtected ? [{ bearer: [] }] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(p.method === "POST" ? { requestBody: { required: true, content: json(ref(`${base}Params`)) } } : {}),
    responses: {
      "200": {
        description: `The result of ${c.name}.`,
        content: p.text ? { "text/plain": { schema: { type: "string" } } } : json(ref(`${base}Result`)),
      },
      "400": errorResponse("Bad params, or a body that is no JSON object."),
      ...(isProtected
        ? {
            "403": errorResponse(
              "No, an inactive or another client's token: blank_access_token, inactive_access_token, invalid_access_token, access_token_insufficient_scope.",
            ),
          }
        : {}),
      "500": errorResponse("The OP failed or answered something unusable, or an unexpected failure."),
    },
  }
}

/**
 * The OpenAPI 3.1 document of the oxd 4.x REST API, built from the path table (paths.ts) and the same command schemas
 * as the 3.1 document: what GET /openapi.json answers on the 4.x listener and openapi-4.json holds.
 */
export const buildOpenApi4Document = (): OpenApiDocument => {
  const schemas: Record<string, JsonObject> = {}
  const paths: Record<string, Record<string, JsonObject>> = {}
  for (const p of servedV4Paths()) paths[documentedPath(p)] = { [p.method.toLowerCase()]: operation(p, schemas) }
  paths[HEALTH_PATH] = {
    get: {
      operationId: "health_check",
      summary: "Whether the server runs, as oxd 4.x answers (RestResource.java:40-52).",
      security: [],
      responses: {
        "200": {
          description: "The server runs.",
          content: json(ref("HealthCheck")),
        },
      },
    },
  }
  schemas["HealthCheck"] = {
    type: "object",
    required: ["application", "version", "status"],
    properties: {
      application: { type: "string", enum: ["oxd"] },
      version: { type: "string" },
      status: { type: "string", enum: ["running"] },
    },
  }
  schemas["ErrorResponse"] = {
    type: "object",
    description:
      "Every error, as oxd 4.x writes it (ErrorResponse.java): the code, its description, details (need_info: the AS's answer) and reason (null). An AS/OP error passed through (http_status_<NNN>) comes as the AS's own body with its status.",
    required: ["error", "error_description"],
    properties: {
      error: { type: "string" },
      error_description: { type: "string" },
      details: {},
      reason: {},
    },
  }
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)))
  return {
    openapi: "3.1.0",
    info: {
      title: "oxd-ts: the oxd 4.x REST API",
      version: V4_API_VERSION,
      description: [
        "The oxd 4.x REST API of oxd-ts (GluuFederation/oxd `master`), on its own listener (rest4_port): each command at the path",
        "oxd 4.x's RestResource gives it, its params as the JSON body, its reply the result as bare JSON (no envelope);",
        "an error is `{error, error_description, details, reason}` with the code's HTTP status (400, 403, 404, 500…).",
        "There is no setup_client: `/register-site` needs no token and answers the site's client_id and client_secret;",
        "`/get-client-token` with them (scope `oxd`) gives the token every other command needs as `Authorization: Bearer <token>`.",
      ].join(" "),
    },
    paths,
    components: {
      schemas: sortedSchemas,
      responses: {},
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "The access_token /get-client-token returns for the site's own client (client_id/client_secret from /register-site), with the `oxd` scope. The server introspects it at the site's OP.",
        },
      },
    },
  }
}

/** The document as committed (apps/rest-server/openapi-4.json) and served: 2-space JSON and a final newline. */
export const openApi4Text = (doc: OpenApiDocument = buildOpenApi4Document()): string =>
  `${JSON.stringify(doc, null, 2)}\n`
