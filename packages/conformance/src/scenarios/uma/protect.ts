import { type Ctx, scenario } from "../../scenario.js"
import { hardening, reference } from "../../source.js"
import { photo } from "./flow.js"
import { needsUmaAs } from "./skip.js"

export const umaOverwrite = scenario({
  id: "uma-overwrite",
  title: "protecting twice needs overwrite: true, which replaces the resources",
  checks:
    "uma_rs_protect: uma_protection_exists without overwrite; with overwrite the new resources apply and the old ones do not",
  tags: ["uma"],
  source: reference(
    "uma_protection_exists without overwrite (C/ErrorResponseCode.java:69, S/op/RsProtectOperation.java:150-155); overwrite replaces the resources (:155-168); a path no longer protected: invalid_request (S/op/RsCheckAccessOperation.java:50-57)",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access"],
  skip: needsUmaAs,
  async run(t: Ctx) {
    const oxdId = await t.registerUmaSite()
    await t.ok("uma_rs_protect", { oxd_id: oxdId, resources: photo() })
    await t.fails(
      "uma_rs_protect",
      { oxd_id: oxdId, resources: photo() },
      "uma_protection_exists",
      "a second uma_rs_protect without overwrite",
    )
    await t.fails(
      "uma_rs_protect",
      { oxd_id: oxdId, resources: photo(), overwrite: false },
      "uma_protection_exists",
      "a second uma_rs_protect with overwrite false",
    )
    await t.ok("uma_rs_protect", {
      oxd_id: oxdId,
      overwrite: true,
      resources: [{ path: "/document", conditions: [{ httpMethods: ["GET"], scopes: ["read"] }] }],
    })
    await t.fails(
      "uma_rs_check_access",
      { oxd_id: oxdId, path: "/photo", http_method: "GET", rpt: "" },
      "invalid_request",
      "a path no longer protected after overwrite",
    )
    const denied = await t.ok("uma_rs_check_access", { oxd_id: oxdId, path: "/document", http_method: "GET", rpt: "" })
    t.expect(
      denied["access"] === "denied",
      "uma_rs_check_access: the resource protected by the overwrite must be checked",
    )
  },
})

export const umaDuplicateMethod = scenario({
  id: "uma-duplicate-method",
  title: "a method listed twice for one path is rejected",
  checks: "uma_rs_protect: http_method_not_unique",
  tags: ["uma", "errors"],
  source: reference("http_method_not_unique (C/ErrorResponseCode.java:67, S/op/RsProtectOperation.java:128-130)"),
  commands: ["register_site", "uma_rs_protect"],
  skip: needsUmaAs,
  async run(t: Ctx) {
    const oxdId = await t.registerUmaSite()
    await t.fails(
      "uma_rs_protect",
      {
        oxd_id: oxdId,
        resources: [
          {
            path: "/photo",
            conditions: [
              { httpMethods: ["GET"], scopes: ["view"] },
              { httpMethods: ["POST", "GET"], scopes: ["all"] },
            ],
          },
        ],
      },
      "http_method_not_unique",
      "GET listed twice for /photo",
    )
  },
})

export const umaUnprotectedPath = scenario({
  id: "uma-unprotected-path",
  title: "checking a path that is not protected is an invalid_request error",
  checks: 'uma_rs_check_access: invalid_request "Resource is not protected"',
  tags: ["uma", "errors"],
  source: reference('invalid_request "Resource is not protected …" (S/op/RsCheckAccessOperation.java:50-57)'),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access"],
  skip: needsUmaAs,
  async run(t: Ctx) {
    const oxdId = await t.registerUmaSite()
    await t.ok("uma_rs_protect", { oxd_id: oxdId, resources: photo() })
    const e = await t.fails(
      "uma_rs_check_access",
      { oxd_id: oxdId, path: "/not-protected", http_method: "GET", rpt: "" },
      "invalid_request",
      "an unprotected path",
    )
    t.expect(
      /not protected/i.test(e.error_description),
      `uma_rs_check_access: the description should say the resource is not protected, got "${e.error_description}"`,
    )
    await t.fails(
      "uma_rs_check_access",
      { oxd_id: oxdId, path: "/photo", http_method: "DELETE", rpt: "" },
      "invalid_request",
      "a method the path does not protect",
    )
  },
})

export const umaBadParams = scenario({
  id: "uma-bad-params",
  source: reference(
    "invalid_uma_request (S/op/RsProtectOperation.java:125-127); method names are not checked, an unknown one is registered (audit P6); invalid_http_method, invalid_path_parameter (S/op/RsCheckAccessOperation.java:130-135); a missing ticket is the AS's http_status_400 (S/op/RpGetRptOperation.java:41-44, audit GR2); invalid_claims_redirect_uri_parameter (S/op/RpGetGetClaimsGatheringUrlOperation.java:51-53)",
  ),
  title: "UMA params are checked with the reference error codes",
  checks:
    "uma_rs_protect: invalid_uma_request (no resources), invalid_scope_expressioin (sic); any method name is registered; uma_rs_check_access: invalid_http_method, invalid_path_parameter, invalid_request for a method nothing guards; uma_rp_get_rpt: a missing ticket is the AS's http_status_400; uma_rp_get_claims_gathering_url: invalid_claims_redirect_uri_parameter",
  tags: ["uma", "errors"],
  commands: [
    "register_site",
    "uma_rs_protect",
    "uma_rs_check_access",
    "uma_rp_get_rpt",
    "uma_rp_get_claims_gathering_url",
  ],
  skip: needsUmaAs,
  async run(t: Ctx) {
    const oxdId = await t.registerUmaSite()
    // reference: invalid_uma_request (ErrorResponseCode.java:60, RsProtectOperation.java:125-127)
    await t.fails("uma_rs_protect", { oxd_id: oxdId, resources: [] }, "invalid_uma_request", "an empty resources list")
    // reference: invalid_scope_expressioin, sic (ErrorResponseCode.java:68) for a rule without data (RsProtectOperation.java:138-142)
    await t.fails(
      "uma_rs_protect",
      {
        oxd_id: oxdId,
        resources: [
          { path: "/x", conditions: [{ httpMethods: ["GET"], scope_expression: { rule: { var: 0 }, data: [] } }] },
        ],
      },
      "invalid_scope_expressioin",
      "a scope_expression without data",
    )
    // hardening: the reference accepts a rule it cannot evaluate (it never evaluates it); refused here with its code
    await t.fails(
      "uma_rs_protect",
      {
        oxd_id: oxdId,
        resources: [
          {
            path: "/x",
            conditions: [{ httpMethods: ["GET"], scope_expression: { rule: { no_such_operator: [1] }, data: ["a"] } }],
          },
        ],
      },
      "invalid_scope_expressioin",
      "a scope_expression that is not JsonLogic",
      hardening(
        "the JsonLogic rule of a scope_expression is evaluated at every check here, so one that cannot be evaluated is refused when protecting rather than failing every check; oxd 3.1.4 accepts any non-null rule and never evaluates it (S/op/RsProtectOperation.java:131-148, audit P10)",
      ),
    )
    // reference: method names are not checked; FETCH is registered and guarded (RsProtectOperation.java:124-148)
    await t.ok("uma_rs_protect", {
      oxd_id: oxdId,
      resources: [
        ...(photo() as unknown[]),
        { path: "/x", conditions: [{ httpMethods: ["FETCH"], scopes: ["view"] }] },
      ],
    })
    const fetch = await t.ok("uma_rs_check_access", { oxd_id: oxdId, path: "/x", http_method: "FETCH", rpt: "" })
    t.expect(
      fetch["access"] === "denied",
      `uma_rs_check_access: expected FETCH /x to be guarded (denied without an RPT), got ${JSON.stringify(fetch)}`,
    )
    // reference: invalid_http_method / invalid_path_parameter for a missing one (RsCheckAccessOperation.java:129-135)
    await t.fails(
      "uma_rs_check_access",
      { oxd_id: oxdId, path: "/photo", rpt: "" },
      "invalid_http_method",
      "a missing http_method",
    )
    await t.fails(
      "uma_rs_check_access",
      { oxd_id: oxdId, http_method: "GET", rpt: "" },
      "invalid_path_parameter",
      "a missing path",
    )
    // reference: a method nothing guards is not protected (RsCheckAccessOperation.java:50-57)
    await t.fails(
      "uma_rs_check_access",
      { oxd_id: oxdId, path: "/photo", http_method: "FETCH", rpt: "" },
      "invalid_request",
      "a method nothing guards",
    )
    // reference: the ticket is not checked; the AS refuses a request without one (RpGetRptOperation.java:41-44)
    await t.fails("uma_rp_get_rpt", { oxd_id: oxdId }, "http_status_400", "a missing ticket")
    // reference: invalid_claims_redirect_uri_parameter (ErrorResponseCode.java:64, RpGetGetClaimsGatheringUrlOperation.java:51-53)
    await t.fails(
      "uma_rp_get_claims_gathering_url",
      { oxd_id: oxdId, ticket: "t" },
      "invalid_claims_redirect_uri_parameter",
      "a missing claims_redirect_uri",
    )
    // reference: a missing rpt goes to the AS (introspect_rpt never answers invalid_rpt_parameter): the AS's answer, not checked here
  },
})
