import { type Ctx, scenario } from "../../scenario.js"
import { byTransport, hardening, reference } from "../../source.js"

const protectedOnly = (env: { target: { protection: boolean } }) =>
  env.target.protection ? undefined : "the target does not require protection tokens"

export const blankProtectionToken = scenario({
  id: "protection-blank-token",
  title: "a protected command without protection_access_token is refused",
  checks: "get_authorization_url without protection_access_token: blank_protection_access_token (REST: 403)",
  tags: ["protection", "security"],
  source: reference(
    "blank_protection_access_token before the oxd_id lookup (S/service/ValidationService.java:118-120); REST: HTTP 403, error \"403\" (H/RestResource.java:217-235); inactive_protection_access_token (S/service/ValidationService.java:164-167); the site's setup client's token passes (:138-146)",
  ),
  commands: ["setup_client", "get_client_token", "register_site", "get_authorization_url"],
  skip: protectedOnly,
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const token = t.token
    t.token = undefined
    // reference: REST answers a missing Bearer with 403 and error "403" (oxd-https-extension RestResource.java:217-235, audit H1);
    // TCP and WebSocket with blank_protection_access_token (ValidationService.java:118-120)
    const blank = t.transport.name === "https" ? "403" : "blank_protection_access_token"
    await t.fails("get_authorization_url", { oxd_id: oxdId }, blank, "a missing protection_access_token")
    await t.fails(
      "get_authorization_url",
      { oxd_id: oxdId, protection_access_token: "not-a-token-the-op-issued" },
      "inactive_protection_access_token",
      "a protection_access_token the OP does not know",
      byTransport({
        https: hardening(
          "REST checks every Bearer token at the OP: the oxd-https-extension's shipped config (protect_commands_with_access_token false) accepts any non-blank Bearer unchecked, so anyone who reaches it drives every site (audit H4)",
        ),
      }),
    )
    t.token = token
    await t.ok("get_authorization_url", { oxd_id: oxdId }, "with the site's setup client token")
  },
})

export const otherClientToken = scenario({
  id: "protection-other-client",
  title: "a protection token of another setup client is refused",
  checks: "get_authorization_url with another setup client's token: invalid_protection_access_token",
  tags: ["protection", "security"],
  source: reference(
    "invalid_protection_access_token for a token of another client (S/service/ValidationService.java:142-146, audit X19)",
  ),
  commands: ["setup_client", "get_client_token", "register_site", "get_authorization_url"],
  skip: protectedOnly,
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const other = await t.setupClient()
    await t.fails(
      "get_authorization_url",
      { oxd_id: oxdId, protection_access_token: other.token },
      "invalid_protection_access_token",
      "a token of another setup client",
    )
  },
})
