import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import {
  authorize,
  call,
  failure,
  ok,
  opJson,
  REDIRECT_URI,
  registerAtOp,
  registerSite,
  signIn,
  startOpAndOxd,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const NEW_REDIRECT = "https://rp.example.org/new-callback"

/** A client registered at the OP beforehand, whose registration access token the test keeps to read it back. */
const siteWithKnownRegistration = async () => {
  const client = await registerAtOp(op, { client_name: "before" })
  const oxdId = await registerSite(oxd, op, {
    client_id: client["client_id"],
    client_secret: client["client_secret"],
    client_registration_access_token: client["registration_access_token"],
    client_registration_client_uri: client["registration_client_uri"],
  })
  const readAtOp = async () => {
    const r = await opJson(op, client["registration_client_uri"], {
      headers: { authorization: `Bearer ${client["registration_access_token"]}` },
    })
    expect(r.status).toBe(200)
    return r.body as Record<string, any>
  }
  return { oxdId, client, readAtOp }
}

describe("update_site", () => {
  it("changes redirect_uris and client_name at the OP (RFC 7592)", async () => {
    const { oxdId, client, readAtOp } = await siteWithKnownRegistration()
    expect(await readAtOp()).toMatchObject({ redirect_uris: [REDIRECT_URI], client_name: "before" })
    const before = op.counters()["client_update"] ?? 0
    const data = await ok(
      call(oxd, "update_site", { oxd_id: oxdId, authorization_redirect_uri: NEW_REDIRECT, client_name: "after" }),
    )
    expect(data).toEqual({ oxd_id: oxdId })
    expect(op.counters()["client_update"]).toBe(before + 1)
    const atOp = await readAtOp()
    expect(atOp).toMatchObject({ client_id: client["client_id"], redirect_uris: [NEW_REDIRECT], client_name: "after" })
    // the client keeps its secret
    expect(atOp["client_secret"]).toBe(client["client_secret"])
  })

  // oxd 4.x UpdateSiteParams claims_redirect_uri, UpdateSiteOperation.java:142-144 (master)
  it("changes claims_redirect_uri at the OP (oxd 4.x), and keeps it when absent", async () => {
    const { oxdId, readAtOp } = await siteWithKnownRegistration()
    const claims = ["https://rp.example.org/claims"]
    await ok(call(oxd, "update_site", { oxd_id: oxdId, claims_redirect_uri: claims }))
    expect((await readAtOp())["claims_redirect_uri"]).toEqual(claims)
    await ok(call(oxd, "update_site", { oxd_id: oxdId, client_name: "again" }))
    expect(await readAtOp()).toMatchObject({ claims_redirect_uri: claims, client_name: "again" })
  })

  it("uses the new redirect URI in the next authorization URL, and the OP accepts it", async () => {
    const { oxdId } = await siteWithKnownRegistration()
    await ok(call(oxd, "update_site", { oxd_id: oxdId, authorization_redirect_uri: NEW_REDIRECT }))
    const { code, state, authorizationUrl } = await authorize(oxd, op, oxdId)
    expect(new URL(authorizationUrl).searchParams.get("redirect_uri")).toBe(NEW_REDIRECT)
    const tokens = await ok(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))
    expect(tokens["id_token_claims"]["sub"]).toEqual(["248289761001"])
  })

  it("updates a site oxd registered itself, keeping it usable", async () => {
    const oxdId = await registerSite(oxd, op)
    await ok(
      call(oxd, "update_site", {
        oxd_id: oxdId,
        authorization_redirect_uri: NEW_REDIRECT,
        post_logout_redirect_uri: "https://rp.example.org/bye",
      }),
    )
    const tokens = await signIn(oxd, op, oxdId)
    expect(tokens.access_token).toEqual(expect.any(String))
    const { uri } = await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))
    expect(new URL(uri).searchParams.get("post_logout_redirect_uri")).toBe("https://rp.example.org/bye")
  })

  it("changes the scopes requested in later authorization URLs", async () => {
    const oxdId = await registerSite(oxd, op)
    await ok(call(oxd, "update_site", { oxd_id: oxdId, scope: ["openid", "email"] }))
    const { authorizationUrl } = await authorize(oxd, op, oxdId)
    expect(new URL(authorizationUrl).searchParams.get("scope")).toBe("openid email")
  })

  // U2: no registration_client_uri (a client given with client_id): invalid_registration_client_url, nothing changes
  // (UpdateSiteOperation.java:71-74, ERC:41)
  it("U2: refuses a site without a registration_client_uri with invalid_registration_client_url, changing nothing", async () => {
    const client = await registerAtOp(op)
    const oxdId = await registerSite(oxd, op, {
      client_id: client["client_id"],
      client_secret: client["client_secret"],
    })
    const before = op.counters()["client_update"] ?? 0
    const e = await failure(call(oxd, "update_site", { oxd_id: oxdId, scope: ["openid", "email"] }))
    expect(e).toMatchObject({ error: "invalid_registration_client_url" })
    expect(op.counters()["client_update"] ?? 0).toBe(before)
    const { authorizationUrl } = await authorize(oxd, op, oxdId)
    expect(new URL(authorizationUrl).searchParams.get("scope")).toBe("openid profile email")
  })

  // U5: the reference does not check authorization_redirect_uri; the OP judges it (its refusal: internal_error, U4)
  it("U5: sends a relative authorization_redirect_uri to the OP, whose refusal is internal_error", async () => {
    const { oxdId, readAtOp } = await siteWithKnownRegistration()
    const before = op.counters()["client_update"] ?? 0
    const e = await failure(call(oxd, "update_site", { oxd_id: oxdId, authorization_redirect_uri: "/cb" }))
    expect(e.error).toBe("internal_error")
    expect(op.counters()["client_update"]).toBe(before + 1) // the OP was asked, and refused
    expect(e.error_description).toContain("invalid_redirect_uri")
    expect((await readAtOp())["redirect_uris"]).toEqual([REDIRECT_URI])
  })

  // redirect_uris: the authorization redirect URI, those given and the post-logout URI given (UpdateSiteOperation.java:123-139)
  it("registers redirect_uris, with post_logout_redirect_uri among them; an update without them keeps them", async () => {
    const { oxdId, readAtOp } = await siteWithKnownRegistration()
    const more = ["https://rp.example.org/callback2"]
    await ok(
      call(oxd, "update_site", {
        oxd_id: oxdId,
        redirect_uris: more,
        post_logout_redirect_uri: "https://rp.example.org/bye",
      }),
    )
    expect((await readAtOp())["redirect_uris"]).toEqual([REDIRECT_URI, ...more, "https://rp.example.org/bye"])
    await ok(call(oxd, "update_site", { oxd_id: oxdId, authorization_redirect_uri: NEW_REDIRECT }))
    expect((await readAtOp())["redirect_uris"]).toEqual([NEW_REDIRECT, ...more, "https://rp.example.org/bye"])
    await ok(call(oxd, "update_site", { oxd_id: oxdId, client_name: "again" }))
    expect((await readAtOp())["redirect_uris"]).toEqual([NEW_REDIRECT, ...more, "https://rp.example.org/bye"])
  })

  it("rejects client_token_endpoint_auth_signing_alg XX999 with invalid_algorithm", async () => {
    const oxdId = await registerSite(oxd, op)
    const e = await failure(
      call(oxd, "update_site", { oxd_id: oxdId, client_token_endpoint_auth_signing_alg: "XX999" }),
    )
    expect(e).toMatchObject({ error: "invalid_algorithm", http: 400 })
  })

  // U4 / X9: the OP refusing the update is the reference's internal_error (UpdateSiteOperation.java:94)
  it("U4: answers the OP's refusal of the new metadata with internal_error, and changes nothing locally", async () => {
    const { oxdId, readAtOp } = await siteWithKnownRegistration()
    const e = await failure(
      call(oxd, "update_site", { oxd_id: oxdId, authorization_redirect_uri: "not-a-url:/x", client_name: "x" }),
    )
    expect(e.error).toBe("internal_error")
    expect((await readAtOp())["redirect_uris"]).toEqual([REDIRECT_URI])
    const { authorizationUrl } = await authorize(oxd, op, oxdId)
    expect(new URL(authorizationUrl).searchParams.get("redirect_uri")).toBe(REDIRECT_URI)
  })

  // U3: the reference's RegisterClient call fails on a URL it cannot use: internal_error
  it("U3: refuses a registration_client_uri that is not a URL with internal_error, calling nothing", async () => {
    const client = await registerAtOp(op)
    const oxdId = await registerSite(oxd, op, {
      client_id: client["client_id"],
      client_secret: client["client_secret"],
      client_registration_access_token: client["registration_access_token"],
      client_registration_client_uri: "not a url",
    })
    const e = await failure(call(oxd, "update_site", { oxd_id: oxdId, client_name: "x" }))
    expect(e).toMatchObject({ error: "internal_error", http: 500 })
    expect(e.error_description).toContain("not a url")
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "update_site", { oxd_id: "nope" }))).error).toBe("invalid_oxd_id")
  })
})
