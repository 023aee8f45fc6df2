/**
 * The same checks of an app served by a real framework (Express, Fastify) over HTTP: protect() on /photos (and
 * /public, which the site does not protect, passed), the sign-in routes, a page needing the session.
 */
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { expect } from "vitest"
import type { OxdClient } from "@oxd/client"
import { rptFor } from "./oxd.js"

const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0]!
    const name = pair.slice(0, pair.indexOf("="))
    if (/Max-Age=0\b/.test(c)) jar.delete(name)
    else jar.set(name, pair.slice(pair.indexOf("=") + 1))
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([n, v]) => `${n}=${v}`).join("; ")

export const checkProtected = async (base: string, client: OxdClient, oxdId: string) => {
  const denied = await fetch(`${base}/photos?page=2`)
  expect(denied.status).toBe(401)
  const challenge = denied.headers.get("www-authenticate") ?? ""
  expect(challenge).toMatch(
    /^UMA realm="[^"]+",as_uri="https:\/\/127\.0\.0\.1:\d+",error="insufficient_scope",ticket="[^"]+"$/,
  )
  const rpt = await rptFor(client, oxdId, challenge)
  const granted = await fetch(`${base}/photos?page=2`, { headers: { authorization: `Bearer ${rpt}` } })
  expect([granted.status, await granted.json()]).toEqual([
    200,
    { photos: ["a.jpg"], access: { access: "granted", path: "/photos", method: "GET", rpt } },
  ])
  // POST needs scope add, which this RPT does not hold
  expect((await fetch(`${base}/photos`, { method: "POST", headers: { authorization: `Bearer ${rpt}` } })).status).toBe(
    401,
  )
  const open = await fetch(`${base}/public`)
  expect([open.status, await open.json()]).toEqual([
    200,
    { access: { access: "unprotected", path: "/public", method: "GET" } },
  ])
}

export const checkSignIn = async (base: string, op: TestOp) => {
  const jar = new Map<string, string>()
  const me = await fetch(`${base}/me`, { redirect: "manual" })
  expect([me.status, me.headers.get("location")]).toEqual([302, "/login?returnTo=/me"])
  const login = await fetch(`${base}/login?returnTo=/me`, { redirect: "manual" })
  expect(login.status).toBe(302)
  cookiesOf(login, jar)
  const { redirectUrl } = await headlessLogin(login.headers.get("location")!, { ca: op.caPem })
  expect(redirectUrl.startsWith(`${base}/callback?`)).toBe(true)
  const callback = await fetch(redirectUrl, { redirect: "manual", headers: { cookie: cookieHeader(jar) } })
  expect([callback.status, callback.headers.get("location")]).toEqual([302, "/me"])
  cookiesOf(callback, jar)
  expect([...jar.keys()]).toEqual(["oxd_session"])
  const signedIn = await fetch(`${base}/me`, { headers: { cookie: cookieHeader(jar) } })
  expect([signedIn.status, await signedIn.json()]).toEqual([200, { sub: ["248289761001"], name: expect.any(Array) }])
  const logout = await fetch(`${base}/logout`, { redirect: "manual", headers: { cookie: cookieHeader(jar) } })
  expect(logout.status).toBe(302)
  expect(new URL(logout.headers.get("location")!).origin).toBe(new URL(op.issuer).origin)
  const old = cookieHeader(jar)
  cookiesOf(logout, jar)
  expect(jar.size).toBe(0)
  // the cookie from before the sign-out opens nothing
  expect((await fetch(`${base}/me`, { redirect: "manual", headers: { cookie: old } })).status).toBe(302)
}
