import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Config } from "../../config/OxdConfig.js"
import type { Oxd } from "../../makeOxd.js"
import {
  call,
  failure,
  ok,
  oxdFor,
  registerAtOp,
  registerSite,
  signIn,
  startOp,
  type SignedIn,
} from "../../../test/support.js"

// OpenID Connect Core 5.3.2: a userinfo answer whose sub is not the ID token's must not be used. The test OP is made
// to answer another user's (bob's) claims for alice's access token (misbehaviour userinfo_other_subject).

const ALICE = "248289761001"
const BOB = "248289761002"

let op: TestOp
let oxd: Oxd
let oxdId: string
const others: Oxd[] = []
const dirs: string[] = []
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  oxdId = await registerSite(oxd, op)
})
afterAll(async () => {
  await Promise.all([oxd, ...others].map((o) => o?.dispose()))
  await op?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const another = (overrides: Partial<Config> = {}) => {
  const o = oxdFor(op, overrides)
  others.push(o)
  return o
}
const clientIdOf = (t: SignedIn) => t.id_token_claims["aud"]![0]!
const userInfo = (on: Oxd, site: string, access_token: string) =>
  call(on, "get_user_info", { oxd_id: site, access_token })
const subOf = async (on: Oxd, site: string, access_token: string) =>
  (await ok<{ claims: Record<string, ReadonlyArray<string>> }>(userInfo(on, site, access_token))).claims["sub"]
const refresh = (site: string, refresh_token: string | null) =>
  ok<{ access_token: string; refresh_token: string }>(
    call(oxd, "get_access_token_by_refresh_token", { oxd_id: site, refresh_token }),
  )

/** The OP answers bob's claims for the next userinfo request of this client; the call must be refused for it. */
const expectRefusedForBob = async (on: Oxd, site: string, t: SignedIn, accessToken = t.access_token) => {
  op.misbehave({ kind: "userinfo_other_subject", clientId: clientIdOf(t) })
  const e = await failure(userInfo(on, site, accessToken))
  expect(op.pendingMisbehaviours()).toEqual([]) // the OP did answer, for bob
  expect(e).toMatchObject({ error: "internal_error", http: 500 })
  expect(e.error_description).toContain("userinfo sub does not match the sub of the ID token")
  expect(e.error_description).not.toContain(BOB)
}

describe("get_user_info against the ID token's sub", () => {
  it("answers alice's claims for her token, and refuses the OP's answer about another user with internal_error", async () => {
    const alice = await signIn(oxd, op, oxdId)
    expect(await subOf(oxd, oxdId, alice.access_token)).toEqual([ALICE])
    await expectRefusedForBob(oxd, oxdId, alice)
    expect(await subOf(oxd, oxdId, alice.access_token)).toEqual([ALICE]) // the OP is right again
  })

  it("refuses an answer without sub (openid-client refuses it before the check, as an unusable OP answer)", async () => {
    const alice = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "userinfo_no_subject", clientId: clientIdOf(alice) })
    const e = await failure(userInfo(oxd, oxdId, alice.access_token))
    expect(op.pendingMisbehaviours()).toEqual([])
    // X10: an OP answer that cannot be used is the reference's internal_error (HTTP 502: the OP failed)
    expect(e).toMatchObject({ error: "internal_error", http: 502 })
  })

  it("lets an access token this server did not issue pass, as before: nothing is known of its sub", async () => {
    // one client at the OP, two servers with their own databases: the token comes from the first
    const client = await registerAtOp(op)
    const issuer = another()
    const issuedBy = await registerSite(issuer, op, {
      client_id: client["client_id"],
      client_secret: client["client_secret"],
    })
    const alice = await signIn(issuer, op, issuedBy)
    const site = await registerSite(oxd, op, { client_id: client["client_id"], client_secret: client["client_secret"] })
    op.misbehave({ kind: "userinfo_other_subject", clientId: client["client_id"] })
    expect(await subOf(oxd, site, alice.access_token)).toEqual([BOB])
  })

  it("forgets the sub after token_subject_max_age_in_seconds, then behaves as before", async () => {
    const short = another({ token_subject_max_age_in_seconds: 2 })
    const site = await registerSite(short, op)
    const alice = await signIn(short, op, site)
    await expectRefusedForBob(short, site, alice)
    await new Promise((r) => setTimeout(r, 2_100))
    op.misbehave({ kind: "userinfo_other_subject", clientId: clientIdOf(alice) })
    expect(await subOf(short, site, alice.access_token)).toEqual([BOB])
  })

  it("shares the sub with every instance on the database, and keeps it across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-userinfo-"))
    dirs.push(dir)
    const shared = { database_url: `file:${join(dir, "oxd.db")}` }
    const a = another(shared)
    const b = another(shared)
    const site = await registerSite(a, op)
    const alice = await signIn(a, op, site)
    expect(await subOf(b, site, alice.access_token)).toEqual([ALICE])
    await expectRefusedForBob(b, site, alice)
    await a.dispose()
    await b.dispose()
    const restarted = another(shared)
    await expectRefusedForBob(restarted, site, alice)
    expect(await subOf(restarted, site, alice.access_token)).toEqual([ALICE])
  })
})

describe("refreshed access tokens", () => {
  it("are bound to the sign-in's sub, with the refreshed ID token or without one", async () => {
    const alice = await signIn(oxd, op, oxdId)
    const first = await refresh(oxdId, alice.refresh_token)
    await expectRefusedForBob(oxd, oxdId, alice, first.access_token)
    // no ID token in the refresh answer: the sub recorded for the refresh token binds the new access token
    op.misbehave({ kind: "no_id_token", clientId: clientIdOf(alice) })
    const second = await refresh(oxdId, first.refresh_token)
    expect(op.pendingMisbehaviours()).toEqual([])
    await expectRefusedForBob(oxd, oxdId, alice, second.access_token)
    expect(await subOf(oxd, oxdId, second.access_token)).toEqual([ALICE])
  })

  it("are bound to the refreshed ID token's sub when the refresh token's is forgotten", async () => {
    const forgetful = another({ refresh_token_subject_max_age_in_seconds: 1 })
    const site = await registerSite(forgetful, op)
    const alice = await signIn(forgetful, op, site)
    await new Promise((r) => setTimeout(r, 1_100))
    const { access_token } = await ok<{ access_token: string }>(
      call(forgetful, "get_access_token_by_refresh_token", { oxd_id: site, refresh_token: alice.refresh_token }),
    )
    await expectRefusedForBob(forgetful, site, alice, access_token)
  })

  it("are not bound at all when neither is known: no refresh record, no ID token", async () => {
    const forgetful = another({ refresh_token_subject_max_age_in_seconds: 1 })
    const site = await registerSite(forgetful, op)
    const alice = await signIn(forgetful, op, site)
    await new Promise((r) => setTimeout(r, 1_100))
    op.misbehave({ kind: "no_id_token", clientId: clientIdOf(alice) })
    const { access_token } = await ok<{ access_token: string }>(
      call(forgetful, "get_access_token_by_refresh_token", { oxd_id: site, refresh_token: alice.refresh_token }),
    )
    op.misbehave({ kind: "userinfo_other_subject", clientId: clientIdOf(alice) })
    expect(await subOf(forgetful, site, access_token)).toEqual([BOB])
  })

  it("refuse a refreshed ID token about another sub than the sign-in's with invalid_id_token_unknown (OpenID Connect Core 12.2)", async () => {
    const alice = await signIn(oxd, op, oxdId)
    op.misbehave({ kind: "wrong_sub", clientId: clientIdOf(alice) })
    const e = await failure(
      call(oxd, "get_access_token_by_refresh_token", { oxd_id: oxdId, refresh_token: alice.refresh_token }),
    )
    expect(op.pendingMisbehaviours()).toEqual([])
    expect(e).toMatchObject({ error: "invalid_id_token_unknown", http: 500 })
    expect(e.error_description).toContain("sub")
    // the refused ID token is not remembered for logout
    const { uri } = await ok<{ uri: string }>(call(oxd, "get_logout_uri", { oxd_id: oxdId }))
    expect(new URL(uri).searchParams.get("id_token_hint")).toBe(alice.id_token)
  })
})
