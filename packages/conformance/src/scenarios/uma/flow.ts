import { type Ctx, scenario } from "../../scenario.js"
import { hardening, reference } from "../../source.js"
import { needsDrivableUma } from "./skip.js"

const needsUma = needsDrivableUma("the AS cannot be told which policy to apply")

export const photo = (extra: Record<string, unknown> = {}) => [
  {
    path: "/photo",
    conditions: [
      { httpMethods: ["GET"], scopes: ["view"], ...extra },
      { httpMethods: ["PUT", "POST"], scopes: ["all", "add"], ticketScopes: ["add"] },
    ],
  },
]

export const umaFlow = scenario({
  id: "uma-flow",
  title: "protect → denied with ticket → RPT → granted → introspect_rpt",
  checks:
    "uma_rs_protect: oxd_id; uma_rs_check_access: denied + ticket + www-authenticate_header, then granted; uma_rp_get_rpt: access_token, token_type, pct, updated; introspect_rpt: active, permissions",
  tags: ["uma"],
  source: reference(
    "S/op/RsProtectOperation.java:49-170; S/op/RsCheckAccessOperation.java:46-136 with uma-rs RptPreProcessInterceptor.java:186-189 (the WWW-Authenticate header); S/op/RpGetRptOperation.java:30-56, C/response/RpGetRptResponse.java:15-22 (updated); S/op/IntrospectRptOperation.java:30-35, C/introspection/CorrectRptIntrospectionResponse.java:16-30",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rp_get_rpt", "introspect_rpt"],
  skip: needsUma,
  async run(t: Ctx) {
    await t.env.op.uma!.setPolicy("view", { kind: "grant" })
    const oxdId = await t.registerUmaSite()
    const protectedReply = await t.ok("uma_rs_protect", { oxd_id: oxdId, resources: photo() })
    t.expect(protectedReply["oxd_id"] === oxdId, "uma_rs_protect: expected data.oxd_id")
    const denied = await t.ok("uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "GET", rpt: "" })
    t.expect(
      denied["access"] === "denied",
      `uma_rs_check_access: expected access denied without an RPT, got ${String(denied["access"])}`,
    )
    const ticket = String(denied["ticket"])
    const header = String(denied["www-authenticate_header"])
    t.expect(
      header.startsWith("UMA ") &&
        header.includes(`ticket="${ticket}"`) &&
        header.includes('error="insufficient_scope"') &&
        header.includes("as_uri="),
      `uma_rs_check_access: expected a WWW-Authenticate header UMA realm=…,as_uri=…,error="insufficient_scope",ticket="<ticket>", got ${header}`,
    )
    const rpt = await t.ok("uma_rp_get_rpt", { oxd_id: oxdId, ticket })
    t.expect(
      typeof rpt["access_token"] === "string" && rpt["token_type"] === "Bearer",
      "uma_rp_get_rpt: expected access_token and token_type Bearer",
    )
    // reference: the reply names it updated (RpGetRptResponse.java:21-22), and has no upgraded (oxd-java's Jackson 1.9 fails on it)
    t.expect(
      typeof rpt["updated"] === "boolean" && !("upgraded" in rpt),
      "uma_rp_get_rpt: expected updated (boolean), and no upgraded",
    )
    const granted = await t.ok("uma_rs_check_access", {
      oxd_id: oxdId,
      path: "/photo",
      http_method: "GET",
      rpt: rpt["access_token"],
    })
    t.expect(
      granted["access"] === "granted",
      `uma_rs_check_access: expected access granted with the RPT, got ${JSON.stringify(granted)}`,
    )
    const other = await t.ok("uma_rs_check_access", {
      oxd_id: oxdId,
      path: "/photo",
      http_method: "POST",
      rpt: rpt["access_token"],
    })
    t.expect(
      other["access"] === "denied",
      "uma_rs_check_access: an RPT for GET /photo must not open POST /photo (other scopes)",
    )
    const introspection = await t.ok("introspect_rpt", { oxd_id: oxdId, rpt: rpt["access_token"] })
    t.expect(introspection["active"] === true, "introspect_rpt: expected active true")
    const permissions = introspection["permissions"] as Array<Record<string, unknown>> | undefined
    t.expect(
      Array.isArray(permissions) &&
        permissions.some(
          (p) => Array.isArray(p["resource_scopes"]) && (p["resource_scopes"] as string[]).includes("view"),
        ),
      "introspect_rpt: expected permissions with resource_scopes including view",
    )
  },
})

export const umaNeedInfo = scenario({
  id: "uma-need-info",
  title: "need_info → claims-gathering URL → the user gives the claim → RPT with the new ticket → granted",
  checks:
    "uma_rp_get_rpt: need_info with details (ticket, required_claims, redirect_user); uma_rp_get_claims_gathering_url: url, state; uma_rp_get_rpt with the new ticket and state: RPT",
  tags: ["uma"],
  source: reference(
    "need_info with the AS's details (C/ErrorResponseCode.java:66, S/service/UmaTokenService.java:36-40); S/op/RpGetGetClaimsGatheringUrlOperation.java:28-54 (url with ticket and state, :35-39)",
  ),
  commands: [
    "register_site",
    "uma_rs_protect",
    "uma_rs_check_access",
    "uma_rp_get_rpt",
    "uma_rp_get_claims_gathering_url",
  ],
  skip: needsUma,
  async run(t: Ctx) {
    await t.env.op.uma!.setPolicy("view", { kind: "require_claim", name: "country", value: "US" })
    const oxdId = await t.registerUmaSite()
    const ticket = await t.protectAndTicket(oxdId, photo(), "/photo", "GET")
    const reply = await t.call("uma_rp_get_rpt", { oxd_id: oxdId, ticket })
    t.expect(
      reply.status === "error" && reply.data.error === "need_info",
      `uma_rp_get_rpt: expected error need_info when the policy needs a claim, got ${JSON.stringify(reply)}`,
    )
    const details = (reply.data as { details?: Record<string, unknown> }).details
    t.expect(
      details && typeof details["ticket"] === "string" && Array.isArray(details["required_claims"]),
      "uma_rp_get_rpt: need_info must carry details.ticket and details.required_claims",
    )
    const gathering = await t.ok("uma_rp_get_claims_gathering_url", {
      oxd_id: oxdId,
      ticket: details["ticket"],
      claims_redirect_uri: t.env.claimsRedirectUri,
    })
    t.expect(
      typeof gathering["url"] === "string" && typeof gathering["state"] === "string",
      "uma_rp_get_claims_gathering_url: expected url and state",
    )
    const url = new URL(String(gathering["url"]))
    t.expect(
      url.searchParams.get("state") === gathering["state"] && url.searchParams.get("ticket") === details["ticket"],
      "uma_rp_get_claims_gathering_url: the url must carry the ticket and the state",
    )
    const back = await t.env.op.uma!.gatherClaims(url.href, { country: "US" })
    t.expect(back.state === gathering["state"], "the AS must return the state to claims_redirect_uri")
    const rpt = await t.ok(
      "uma_rp_get_rpt",
      { oxd_id: oxdId, ticket: back.ticket, state: back.state },
      "with the ticket from claims gathering",
    )
    const granted = await t.ok("uma_rs_check_access", {
      oxd_id: oxdId,
      path: "/photo",
      http_method: "GET",
      rpt: rpt["access_token"],
    })
    t.expect(
      granted["access"] === "granted",
      "uma_rs_check_access: expected granted with the RPT issued after claims gathering",
    )
    // hardening: the reference never reads this state (RpGetRptParams.java:31-32); here it is accepted once, and refused with the
    // reference's code for a state it does not know: bad_request "'state' is not registered." (ErrorResponseCode.java:25)
    await t.fails(
      "uma_rp_get_rpt",
      { oxd_id: oxdId, ticket: back.ticket, state: back.state },
      "bad_request",
      "a claims-gathering state used twice",
      hardening(
        "RFC 6749 §10.12 (CSRF) for the claims-gathering redirect: its state is single-use; oxd 3.1.4 never reads uma_rp_get_rpt's state (C/params/RpGetRptParams.java:31-32, audit GR8)",
      ),
    )
  },
})

export const umaDenied = scenario({
  id: "uma-deny-policy",
  title: "a deny policy: no RPT, and the resource stays closed",
  checks: "uma_rp_get_rpt: http_status_403 (the AS's request_denied) under a deny policy",
  tags: ["uma"],
  source: reference(
    "the AS's refusal is passed on as http_status_<status> with its body (S/op/RpGetRptOperation.java:41-44, audit GR6)",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rp_get_rpt"],
  skip: needsUma,
  async run(t: Ctx) {
    await t.env.op.uma!.setPolicy("view", { kind: "deny" })
    const oxdId = await t.registerUmaSite()
    const ticket = await t.protectAndTicket(oxdId, photo(), "/photo", "GET")
    // reference: the AS's refusal is passed on as http_status_<its status>, its body the description (RpGetRptOperation.java:41-44)
    const e = await t.fails("uma_rp_get_rpt", { oxd_id: oxdId, ticket }, "http_status_403", "a deny policy")
    t.expect(
      e.error_description.includes("request_denied"),
      `uma_rp_get_rpt: the description should be the AS's answer, got "${e.error_description}"`,
    )
  },
})

export const umaInvalidTicket = scenario({
  id: "uma-invalid-ticket",
  title: "a ticket the AS does not know (or one used already) is refused with the AS's answer",
  checks: "uma_rp_get_rpt: http_status_400 (the AS's invalid_grant)",
  tags: ["uma"],
  source: reference(
    "an unknown ticket: the AS's refusal passed on as http_status_<status> (S/op/RpGetRptOperation.java:41-44, audit GR3)",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rp_get_rpt"],
  skip: needsUma,
  async run(t: Ctx) {
    await t.env.op.uma!.setPolicy("view", { kind: "grant" })
    const oxdId = await t.registerUmaSite()
    // reference: http_status_<the AS's status>, the AS's body as the description (RpGetRptOperation.java:41-44)
    await t.fails("uma_rp_get_rpt", { oxd_id: oxdId, ticket: "no-such-ticket" }, "http_status_400", "an unknown ticket")
    const ticket = await t.protectAndTicket(oxdId, photo(), "/photo", "GET")
    await t.ok("uma_rp_get_rpt", { oxd_id: oxdId, ticket })
    // hardening: the reference answers the site's cached RPT here, whatever the ticket (UmaTokenService.java:73-84); the AS is asked
    await t.fails(
      "uma_rp_get_rpt",
      { oxd_id: oxdId, ticket },
      "http_status_400",
      "a ticket used once already",
      hardening(
        "UMA 2.0 Grant: a permission ticket stands for one access request, the AS refuses it once used (invalid_grant); oxd 3.1.4 answers the site's cached RPT without asking the AS, whatever the ticket (S/service/UmaTokenService.java:73-84, audit GR7)",
      ),
    )
  },
})
