import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { PassThrough } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { formLogin, manualLogin } from "../src/index.js"

/**
 * A small OP-like site with plain HTML pages, unlike the test OP's: a session cookie set on a redirect, a login form
 * with other field names, a CSRF field and a named submit button, then a consent form with Allow / Deny buttons, then
 * the redirect to the client.
 */
let base: string
const seen: Array<Record<string, string>> = []
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://x")
  const cookie = req.headers.cookie ?? ""
  const body = async (r: IncomingMessage) => {
    let b = ""
    for await (const c of r) b += String(c)
    return Object.fromEntries(new URLSearchParams(b))
  }
  const html = (s: string) => {
    res.setHeader("content-type", "text/html")
    res.end(`<!doctype html><html><body>${s}</body></html>`)
  }
  if (url.pathname === "/authorize") {
    res.writeHead(302, { location: `/login?${url.searchParams}`, "set-cookie": "sid=s1; Path=/; HttpOnly" })
    return res.end()
  }
  if (!cookie.includes("sid=s1")) {
    res.statusCode = 400
    return html("<p>no session</p>")
  }
  if (url.pathname === "/login" && req.method === "GET") {
    return html(`<h1>Sign in</h1><form method="post" action="/login?${url.searchParams.toString().replace(/&/g, "&amp;")}">
      <input type="hidden" name="csrf" value="t&amp;k"><input name="email" type="email"><input name="pass" type="password">
      <input type="checkbox" name="remember"><button type="submit" name="action" value="login">Sign in</button></form>`)
  }
  if (url.pathname === "/login" && req.method === "POST") {
    const form = await body(req)
    seen.push(form)
    if (form["email"] !== "carol@example.org" || form["pass"] !== "s3cret")
      return html(`<p>wrong</p><form method="post"><input name="email"><input name="pass" type="password"></form>`)
    res.writeHead(303, { location: `/consent?${url.searchParams}`, "set-cookie": "auth=yes; Path=/consent" })
    return res.end()
  }
  if (url.pathname === "/consent" && req.method === "GET") {
    return html(`<form method="post" action="/consent?${url.searchParams.toString().replace(/&/g, "&amp;")}"><p>Allow the app?</p>
      <button name="decision" value="deny">Deny</button><button name="decision" value="allow">Allow</button></form>`)
  }
  if (url.pathname === "/consent" && req.method === "POST") {
    const form = await body(req)
    seen.push(form)
    if (!cookie.includes("auth=yes")) {
      res.statusCode = 400
      return html("<p>not signed in</p>")
    }
    const back = new URL(url.searchParams.get("redirect_uri")!)
    if (form["decision"] === "allow") back.searchParams.set("code", "the-code")
    else back.searchParams.set("error", "access_denied")
    back.searchParams.set("state", url.searchParams.get("state")!)
    res.writeHead(302, { location: back.href })
    return res.end()
  }
  res.statusCode = 404
  html("<p>not found</p>")
})

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
})

const authorizationUrl = () =>
  `${base}/authorize?client_id=c&redirect_uri=${encodeURIComponent("https://rp.example/cb")}&state=st-1`

describe("form login driver", () => {
  it("follows redirects with cookies, fills the password form (configured field names, hidden fields kept), accepts consent, stops at the redirect_uri", async () => {
    seen.length = 0
    const r = await formLogin(authorizationUrl(), {
      username: "carol@example.org",
      password: "s3cret",
      usernameField: "email",
      passwordField: "pass",
    })
    expect(r).toEqual({
      code: "the-code",
      state: "st-1",
      redirectUrl: "https://rp.example/cb?code=the-code&state=st-1",
    })
    expect(seen[0]).toEqual({ csrf: "t&k", email: "carol@example.org", pass: "s3cret", action: "login" })
    expect(seen[1]).toEqual({ decision: "allow" })
  })

  it("says so when the credentials are refused, and when the form's fields are named otherwise", async () => {
    await expect(
      formLogin(authorizationUrl(), {
        username: "carol@example.org",
        password: "nope",
        usernameField: "email",
        passwordField: "pass",
      }),
    ).rejects.toThrow(/showed its login form again/)
    await expect(formLogin(authorizationUrl(), { usernameField: "login" })).rejects.toThrow(
      /has no fields "login" and "pass" \(it has: csrf, email, pass\)/,
    )
  })

  it("finds the fields itself when none are named: the form's only text or email field and its only password field", async () => {
    seen.length = 0
    const r = await formLogin(authorizationUrl(), { username: "carol@example.org", password: "s3cret" })
    expect(r.code).toBe("the-code")
    expect(seen[0]).toEqual({ csrf: "t&k", email: "carol@example.org", pass: "s3cret", action: "login" })
  })
})

describe("manual login driver", () => {
  it("prints the authorization URL and reads the pasted redirect URL (retrying on a line without a code)", async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    let printed = ""
    output.on("data", (d: Buffer) => {
      printed += d.toString()
    })
    const manual = manualLogin({ input, output })
    const result = manual.login("https://op.example/authorize?redirect_uri=https%3A%2F%2Frp.example%2Fcb&state=s")
    input.write("hello\n")
    input.write("https://rp.example/cb?code=abc&state=s\n")
    await expect(result).resolves.toMatchObject({ code: "abc", state: "s" })
    expect(printed).toContain("https://op.example/authorize?redirect_uri=")
    expect(printed).toContain("not a URL with a code parameter")
    input.end()
    await expect(manual.login("https://op.example/authorize")).rejects.toThrow(/input ended/)
    manual.close()
  })
})
