import { CookieJar, send, type Page } from "./http.js"
import { parseForms, text } from "./html.js"

/**
 * The requesting party at a UMA claims-gathering URL, without a browser: opens it, fills the first form's fields
 * named by `claims`, submits it and follows redirects up to the claims_redirect_uri, which is never requested: the
 * new ticket and the state it carries.
 */
export const gatherClaimsByForm = async (
  url: string,
  claims: Record<string, string>,
  opts: { readonly ca?: ReadonlyArray<string> | undefined } = {},
): Promise<{ ticket: string; state: string | null }> => {
  const start = new URL(url)
  const back = URL.parse(start.searchParams.get("claims_redirect_uri") ?? "")
  const jar = new CookieJar()
  const isBack = (u: URL) =>
    back ? u.origin === back.origin && u.pathname === back.pathname : u.origin !== start.origin
  let page: Page = await send("GET", start, { jar, ca: opts.ca })
  let filled = false
  for (let step = 0; step < 20; step++) {
    if (page.status >= 300 && page.status < 400 && page.location) {
      const next = new URL(page.location, page.url)
      if (isBack(next)) {
        const ticket = next.searchParams.get("ticket")
        if (!ticket) throw new Error(`claims gathering: no ticket in the redirect ${next.href}`)
        return { ticket, state: next.searchParams.get("state") }
      }
      page = await send("GET", next, { jar, ca: opts.ca })
      continue
    }
    const [form] = parseForms(page.body, page.url)
    if (!form || filled || page.status !== 200)
      throw new Error(
        `claims gathering: unexpected ${page.status} from ${page.url.pathname}: ${text(page.body).slice(0, 300)}`,
      )
    const names = new Set(form.fields.map((f) => f.name))
    const missing = Object.keys(claims).filter((n) => !names.has(n))
    if (missing.length)
      throw new Error(
        `claims gathering: the form does not ask for ${missing.join(", ")} (it asks for: ${[...names].join(", ") || "nothing"})`,
      )
    filled = true
    const body = new URLSearchParams(
      form.fields.map((f): [string, string] => [f.name, claims[f.name] ?? f.value]),
    ).toString()
    page =
      form.method === "POST"
        ? await send("POST", form.action, {
            jar,
            ca: opts.ca,
            body,
            headers: { "content-type": "application/x-www-form-urlencoded" },
          })
        : await send("GET", Object.assign(new URL(form.action), { search: body }), { jar, ca: opts.ca })
  }
  throw new Error("claims gathering: too many redirects")
}
