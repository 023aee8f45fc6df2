import { type Ctx, scenario } from "../../scenario.js"
import { byTransport, hardening, reference } from "../../source.js"

export const unknownOxdId = scenario({
  id: "unknown-oxd-id",
  title: "an oxd_id no site has is refused",
  checks:
    "get_authorization_url, update_site: invalid_oxd_id for an unknown oxd_id; get_tokens_by_code: its state first (bad_request), invalid_oxd_id with protection on",
  tags: ["errors"],
  source: reference(
    "invalid_oxd_id (C/ErrorResponseCode.java:42): get_authorization_url S/op/GetAuthorizationUrlOperation.java:40, update_site S/service/ValidationService.java:103-106; get_tokens_by_code checks its state first, S/op/GetTokensByCodeOperation.java:43-45,111-113 (audit TC7)",
  ),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code", "update_site"],
  async run(t: Ctx) {
    await t.registerSite() // a protected target needs a token before site commands
    const ghost = "6f9619ff-8b86-4011-b42d-00cf4fc964ff"
    await t.fails("get_authorization_url", { oxd_id: ghost }, "invalid_oxd_id", "an unknown oxd_id")
    // reference: the state is checked before the oxd_id (GetTokensByCodeOperation.java:43-45,111-113) — unless protection is
    // on: the protection token is checked first, against the site (ValidationService.java:125-127), so invalid_oxd_id
    if (t.env.target.protection)
      await t.fails(
        "get_tokens_by_code",
        { oxd_id: ghost, code: "c", state: "s" },
        "invalid_oxd_id",
        "an unknown oxd_id",
      )
    else
      await t.fails(
        "get_tokens_by_code",
        { oxd_id: ghost, code: "c", state: "s" },
        "bad_request",
        "an unknown oxd_id with a state it never issued",
      )
    await t.fails("update_site", { oxd_id: ghost, scope: ["openid"] }, "invalid_oxd_id", "an unknown oxd_id")
  },
})

export const missingParam = scenario({
  id: "missing-param",
  title: "a missing required param is named in a clear error",
  checks:
    "get_tokens_by_code without code: bad_request naming code; register_site without authorization_redirect_uri: invalid_authorization_redirect_uri; get_authorization_url without oxd_id: bad_request",
  tags: ["errors"],
  source: reference(
    "bad_request \"'code' is empty or not specified.\" (S/op/GetTokensByCodeOperation.java:105-107, C/ErrorResponseCode.java:23); invalid_authorization_redirect_uri (S/op/RegisterSiteOperation.java:144-149); a missing oxd_id: bad_request (S/service/ValidationService.java:29-33)",
  ),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const e = await t.fails("get_tokens_by_code", { oxd_id: oxdId, state: "s" }, "bad_request", "a missing code")
    t.expect(
      e.error_description.includes("code"),
      `get_tokens_by_code: the description should name the missing param "code", got "${e.error_description}"`,
    )
    await t.fails(
      "register_site",
      { op_host: t.env.op.issuer },
      "invalid_authorization_redirect_uri",
      "a missing authorization_redirect_uri",
    )
    await t.fails("get_authorization_url", {}, "bad_request", "a missing oxd_id")
  },
})

export const unknownCommand = scenario({
  id: "unknown-command",
  title: "an unknown command gets a clear error and the server keeps serving",
  checks: "unknown command: error unsupported_operation; the next command succeeds",
  tags: ["errors"],
  source: reference(
    "unsupported_operation (C/ErrorResponseCode.java:46): C/CommandType.java:60-70, S/Processor.java:81-82; the connection serves on",
  ),
  commands: ["register_site"],
  async run(t: Ctx) {
    await t.fails(
      "no_such_command",
      {},
      "unsupported_operation",
      "an unknown command",
      byTransport({
        https: hardening(
          "REST: an unknown path is the reference's HTTP 404, with an oxd error body naming how commands are called, so a client can tell a typo from an outage; the oxd-https-extension answers Jersey's bare 404 (audit H12)",
        ),
      }),
    )
    await t.registerSite()
  },
})
