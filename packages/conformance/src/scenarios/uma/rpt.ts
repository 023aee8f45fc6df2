import { type Ctx, scenario } from "../../scenario.js"
import { hardening, reference } from "../../source.js"
import { photo } from "./flow.js"
import { needsDrivableUma } from "./skip.js"

const needsUma = needsDrivableUma("the AS cannot be driven by the suite")

export const umaExpiredRpt = scenario({
  id: "uma-expired-rpt",
  title: "an expired RPT is denied (with a fresh ticket)",
  checks: "uma_rs_check_access: denied + ticket once the RPT's exp has passed",
  tags: ["uma", "security"],
  source: reference(
    "every check introspects the RPT at the AS (S/op/RsCheckAccessOperation.java:71-75): an inactive one is denied with a new ticket (:100-136)",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rp_get_rpt"],
  skip: needsUma,
  async run(t: Ctx) {
    const uma = t.env.op.uma!
    await uma.setPolicy("view", { kind: "grant" })
    await uma.setRptTtl(2)
    try {
      const oxdId = await t.registerUmaSite()
      const ticket = await t.protectAndTicket(oxdId, photo(), "/photo", "GET")
      const rpt = await t.ok("uma_rp_get_rpt", { oxd_id: oxdId, ticket })
      const granted = await t.ok("uma_rs_check_access", {
        oxd_id: oxdId,
        path: "/photo",
        http_method: "GET",
        rpt: rpt["access_token"],
      })
      t.expect(granted["access"] === "granted", "uma_rs_check_access: expected granted while the RPT is fresh")
      await new Promise((r) => setTimeout(r, 3000))
      const denied = await t.ok("uma_rs_check_access", {
        oxd_id: oxdId,
        path: "/photo",
        http_method: "GET",
        rpt: rpt["access_token"],
      })
      t.expect(
        denied["access"] === "denied" && typeof denied["ticket"] === "string",
        `uma_rs_check_access: expected denied with a ticket for an expired RPT, got ${JSON.stringify(denied)}`,
      )
    } finally {
      await uma.setRptTtl(3600)
    }
  },
})

export const umaIntrospectionCache = scenario({
  id: "uma-introspection-cache",
  title: "repeated checks with one RPT introspect it at the AS once",
  checks:
    "uma_rs_check_access: 20 checks with the same RPT → 1 introspection at the AS (per instance behind the target)",
  tags: ["uma", "performance"],
  source: hardening(
    "availability of the AS: RPT introspections are cached (rpt_cache_seconds, never past the RPT's exp, RFC 7662 §4), so a busy resource is not one AS call per request; oxd 3.1.4 introspects on every check (S/op/RsCheckAccessOperation.java:71)",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rp_get_rpt"],
  skip: needsUma,
  async run(t: Ctx) {
    const uma = t.env.op.uma!
    await uma.setPolicy("view", { kind: "grant" })
    const oxdId = await t.registerUmaSite()
    const ticket = await t.protectAndTicket(oxdId, photo(), "/photo", "GET")
    const rpt = await t.ok("uma_rp_get_rpt", { oxd_id: oxdId, ticket })
    const before = await uma.introspections()
    for (let i = 0; i < 20; i++) {
      const r = await t.ok("uma_rs_check_access", {
        oxd_id: oxdId,
        path: "/photo",
        http_method: "GET",
        rpt: rpt["access_token"],
      })
      t.expect(r["access"] === "granted", "uma_rs_check_access: expected granted")
    }
    const made = (await uma.introspections()) - before
    // RPT answers are cached per instance: behind a load balancer each instance introspects once
    const instances = t.env.target.instances ?? 1
    t.expect(
      made === instances,
      `uma_rs_check_access: expected ${instances} introspection(s) at the AS for 20 checks with one RPT (one per instance), the AS counted ${made}`,
    )
  },
})

export const umaScopeExpression = scenario({
  id: "uma-scope-expression",
  title: "scope_expression: (all or add) and internalClient",
  checks: "uma_rs_check_access: granted only when the RPT's scopes satisfy the JsonLogic rule",
  tags: ["uma"],
  source: hardening(
    "UMA scope_expression: the JsonLogic rule is evaluated against the RPT's scopes and ticketScopes are honoured; oxd 3.1.4 never evaluates the rule (any shared scope grants, S/op/RsCheckAccessOperation.java:75-97) and answers a cached RPT on the next round (S/service/UmaTokenService.java:73-84, audit F29)",
  ),
  commands: ["register_site", "uma_rs_protect", "uma_rs_check_access", "uma_rp_get_rpt"],
  skip: needsUma,
  async run(t: Ctx) {
    const uma = t.env.op.uma!
    for (const s of ["all", "add", "internalClient"]) await uma.setPolicy(s, { kind: "grant" })
    const oxdId = await t.registerUmaSite()
    const expression = {
      rule: { and: [{ or: [{ var: 0 }, { var: 1 }] }, { var: 2 }] },
      data: ["all", "add", "internalClient"],
    }
    // ticketScopes decide which scopes the ticket, and so the RPT, carries (oxd-ts: the reference ignores ticketScopes of a
    // scope_expression condition and asks for every data scope, uma-rs RsResource.getScopesForTicket; and it never evaluates
    // the rule, granting any overlap, RsCheckAccessOperation.java:75-97 — hardening: the rule is evaluated)
    const check = async (scopes: string[]) => {
      await t.ok("uma_rs_protect", {
        oxd_id: oxdId,
        overwrite: true,
        resources: [
          {
            path: "/photo",
            conditions: [{ httpMethods: ["GET"], scope_expression: expression, ticketScopes: scopes }],
          },
        ],
      })
      const denied = await t.ok("uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "GET", rpt: "" })
      const rpt = await t.ok("uma_rp_get_rpt", { oxd_id: oxdId, ticket: denied["ticket"] })
      const r = await t.ok("uma_rs_check_access", {
        oxd_id: oxdId,
        path: "/photo",
        http_method: "GET",
        rpt: rpt["access_token"],
      })
      return r["access"]
    }
    t.expect(
      (await check(["add", "internalClient"])) === "granted",
      "uma_rs_check_access: add + internalClient satisfies (all or add) and internalClient",
    )
    t.expect(
      (await check(["all", "internalClient"])) === "granted",
      "uma_rs_check_access: all + internalClient satisfies the rule",
    )
    t.expect(
      (await check(["all", "add"])) === "denied",
      "uma_rs_check_access: all + add without internalClient must be denied",
    )
  },
})
