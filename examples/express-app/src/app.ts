/**
 * The app a user copies: sign-in (login, callback, logout) and an API that oxd protects with UMA. It is given any
 * oxd client: here a core in this process, but tcp, https or ws work the same.
 */
import type { OxdClient } from "@oxd/client"
import { accessOf, auth, protect, sessionOf } from "@oxd/middleware/express"
import express from "express"
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

export const createApp = (o: AppOptions): express.Express => {
  const app = express()
  const a = auth({ client: o.client, oxdId: o.oxdId, secret: o.secret, postLogoutRedirectUri: o.postLogoutRedirectUri })
  app.get("/login", a.login())
  app.get("/callback", a.callback)
  app.get("/logout", a.logout)
  app.get("/", a.session, async (_req, res, next) => {
    const session = sessionOf(res)
    try {
      // the user's claims on demand (get_user_info with the session's access token)
      const claims = session ? await a.core.userInfo(session) : undefined
      res.type("html").send(page(claims, "Express + oxd"))
    } catch (e) {
      next(e)
    }
  })
  // The browser's side of UMA, kept on the server: the ticket of a 401 exchanged for an RPT (uma_rp_get_rpt),
  // for a signed-in user only.
  app.get("/rpt", a.session, async (req, res, next) => {
    if (!sessionOf(res)) return void res.status(401).json({ error: "sign in first" })
    const ticket = typeof req.query["ticket"] === "string" ? req.query["ticket"] : ""
    try {
      const { access_token } = await o.client.umaRpGetRpt({ oxd_id: o.oxdId, ticket })
      res.json({ rpt: access_token })
    } catch (e) {
      next(e)
    }
  })
  // Every /api request is checked by oxd: the RPT from Authorization: Bearer, the path and the method.
  app.use("/api", protect({ client: o.client, oxdId: o.oxdId }))
  app.get("/api/photos", (_req, res) => {
    res.json({ photos: ["sunrise.jpg", "harbour.jpg"], access: accessOf(res)?.access })
  })
  return app
}
