/**
 * The app a user copies: Hono on @oxd/middleware's Fetch API core (no adapter: Hono's requests are fetch Requests),
 * sign-in and an API that oxd protects with UMA. It is given any oxd client: here tcp to an oxd server.
 */
import type { OxdClient } from "@oxd/client"
import { createAuth, protect, type AccessDecision, type Session } from "@oxd/middleware"
import { Hono } from "hono"
import { createMiddleware } from "hono/factory"
import { page } from "./page.js"

export interface AppOptions {
  readonly client: OxdClient
  /** The site: registered with authorization_redirect_uri <app>/callback, its API protected with uma_rs_protect. */
  readonly oxdId: string
  /** ≥ 32 random characters: seals the session cookie. */
  readonly secret: string
  /** Where the OP sends the browser after sign-out (registered with the site). */
  readonly postLogoutRedirectUri: string
}

type Env = { Variables: { session: Session | undefined; access: AccessDecision } }

export const createApp = (o: AppOptions): Hono<Env> => {
  const auth = createAuth({
    client: o.client,
    oxdId: o.oxdId,
    secret: o.secret,
    postLogoutRedirectUri: o.postLogoutRedirectUri,
  })
  const guard = protect({ client: o.client, oxdId: o.oxdId })
  // the session (refreshed when due) for the handler; a refreshed or cleared cookie goes out with its response
  const withSession = createMiddleware<Env>(async (c, next) => {
    const { session, headers } = await auth.session(c.req.raw)
    for (const [name, value] of headers) c.header(name, value, { append: true })
    c.set("session", session)
    await next()
  })

  const app = new Hono<Env>()
  app.get("/login", (c) => auth.fetch.login(c.req.raw))
  app.get("/callback", (c) => auth.fetch.callback(c.req.raw))
  app.get("/logout", (c) => auth.fetch.logout(c.req.raw))
  app.get("/", withSession, async (c) => {
    const session = c.get("session")
    // the user's claims on demand (get_user_info with the session's access token)
    return c.html(page(session ? await auth.userInfo(session) : undefined, "Hono + oxd"))
  })
  // The browser's side of UMA, kept on the server: the ticket of a 401 exchanged for an RPT (uma_rp_get_rpt),
  // for a signed-in user only.
  app.get("/rpt", withSession, async (c) => {
    if (!c.get("session")) return c.json({ error: "sign in first" }, 401)
    const { access_token } = await o.client.umaRpGetRpt({ oxd_id: o.oxdId, ticket: c.req.query("ticket") ?? "" })
    return c.json({ rpt: access_token })
  })
  // Every /api request is checked by oxd: the RPT from Authorization: Bearer, the path and the method.
  app.use("/api/*", async (c, next) => {
    const verdict = await guard.check(c.req.raw)
    if (!verdict.ok) return verdict.response()
    c.set("access", verdict.decision)
    await next()
  })
  app.get("/api/photos", (c) => c.json({ photos: ["sunrise.jpg", "harbour.jpg"], access: c.get("access").access }))
  return app
}
