import { commands } from "@oxd/core"

/**
 * The oxd 4.x REST API's paths, as its RestResource declares them (GluuFederation/oxd `master`,
 * oxd-server/src/main/java/org/gluu/oxd/server/RestResource.java, cited `RR:n`): path, method and the core command
 * that answers it. A row whose command is not in core's registry is not served (404 until the command exists):
 * a command lights up here as soon as it is registered. Protection is the core command's, not 4.x's CommandType
 * (docs/compatibility.md, the 4.x section).
 */
export interface V4Path {
  readonly path: string
  readonly method: "GET" | "POST"
  readonly command: string
  /** Where RestResource declares it (`RR:n`); for a path of oxd-ts's own, why it is here. */
  readonly source: string
  /** A GET path's last segment, given to the command as this param (`/get-request-object/{request_object_id}`). */
  readonly pathParam?: string
  /** A GET path's query params given to the command as params of the same names. */
  readonly queryParams?: ReadonlyArray<string>
  /** The reply is the result's text (RR:56 `@Produces(TEXT_PLAIN)`), not JSON. */
  readonly text?: true
}

export const V4_PATHS: ReadonlyArray<V4Path> = [
  {
    path: "/get-request-object",
    method: "GET",
    command: "get_request_object",
    source: "RR:54-59",
    pathParam: "request_object_id",
    text: true,
  },
  { path: "/get-rp-jwks", method: "GET", command: "get_rp_jwks", source: "RR:61-66" },
  { path: "/get-client-token", method: "POST", command: "get_client_token", source: "RR:68-74" },
  { path: "/introspect-access-token", method: "POST", command: "introspect_access_token", source: "RR:76-82" },
  { path: "/introspect-rpt", method: "POST", command: "introspect_rpt", source: "RR:84-90" },
  { path: "/register-site", method: "POST", command: "register_site", source: "RR:92-98" },
  { path: "/update-site", method: "POST", command: "update_site", source: "RR:100-106" },
  { path: "/remove-site", method: "POST", command: "remove_site", source: "RR:108-114" },
  { path: "/get-authorization-url", method: "POST", command: "get_authorization_url", source: "RR:116-122" },
  { path: "/get-authorization-code", method: "POST", command: "get_authorization_code", source: "RR:124-130" },
  { path: "/get-tokens-by-code", method: "POST", command: "get_tokens_by_code", source: "RR:132-138" },
  { path: "/get-user-info", method: "POST", command: "get_user_info", source: "RR:140-146" },
  { path: "/get-logout-uri", method: "POST", command: "get_logout_uri", source: "RR:148-154" },
  {
    path: "/get-access-token-by-refresh-token",
    method: "POST",
    command: "get_access_token_by_refresh_token",
    source: "RR:156-162",
  },
  { path: "/uma-rs-protect", method: "POST", command: "uma_rs_protect", source: "RR:164-170" },
  { path: "/uma-rs-modify", method: "POST", command: "uma_rs_modify", source: "RR:172-178" },
  { path: "/uma-rs-check-access", method: "POST", command: "uma_rs_check_access", source: "RR:180-186" },
  { path: "/uma-rp-get-rpt", method: "POST", command: "uma_rp_get_rpt", source: "RR:188-194" },
  {
    path: "/uma-rp-get-claims-gathering-url",
    method: "POST",
    command: "uma_rp_get_claims_gathering_url",
    source: "RR:196-202",
  },
  { path: "/authorization-code-flow", method: "POST", command: "authorization_code_flow", source: "RR:204-210" },
  { path: "/check-access-token", method: "POST", command: "check_access_token", source: "RR:212-218" },
  { path: "/check-id-token", method: "POST", command: "check_id_token", source: "RR:220-226" },
  { path: "/get-rp", method: "POST", command: "get_rp", source: "RR:228-234" },
  { path: "/get-jwks", method: "POST", command: "get_jwks", source: "RR:236-242" },
  { path: "/get-discovery", method: "POST", command: "get_discovery", source: "RR:244-250" },
  { path: "/get-issuer", method: "POST", command: "get_issuer", source: "RR:252-258" },
  { path: "/get-request-object-uri", method: "POST", command: "get_request_object_uri", source: "RR:260-266" },
  // 4.x runs implicit_flow over its command protocol only (CommandType.java:47, no RestResource method); a path here so
  // the 4.x API offers every 4.x test helper; served only with test_helpers_enabled (the command's enabledBy)
  {
    path: "/implicit-flow",
    method: "POST",
    command: "implicit_flow",
    source: "oxd-ts's own path: 4.x has the command (CommandType.java:47) and no RestResource method",
  },
  // RR:268-274 GET /initiate-third-party-login/{oxd_id}?iss=&login_hint=&target_link_uri=, protected (CommandType.java:56)
  {
    path: "/initiate-third-party-login",
    method: "GET",
    command: "initiate_third_party_login",
    source: "RR:268-274",
    pathParam: "oxd_id",
    queryParams: ["iss", "login_hint", "target_link_uri"],
  },
]

/** The rows whose command core's registry has now: what the 4.x API serves. */
export const servedV4Paths = (): ReadonlyArray<V4Path> => V4_PATHS.filter((p) => Object.hasOwn(commands, p.command))

/** The rows not served yet (their command is not in the registry), for the docs and the test that lists them. */
export const unservedV4Paths = (): ReadonlyArray<V4Path> => V4_PATHS.filter((p) => !Object.hasOwn(commands, p.command))
