import { CookieJar, send, type Page } from "./http.js"
import { parseForms, text, type Form } from "./html.js"

export interface FormLoginOptions {
  /** Default alice. */
  readonly username?: string
  /** Default alice-password. */
  readonly password?: string
  /** Name of the login form's user field; default: `username`, else the form's only text or email field. */
  readonly usernameField?: string | undefined
  /** Name of the login form's password field; default: `password`, else the form's only password field. */
  readonly passwordField?: string | undefined
  /** Certificates to trust (PEM); Node's roots when absent. */
  readonly ca?: ReadonlyArray<string> | undefined
  /** Requests before giving up; default 30. */
  readonly maxSteps?: number
}

export interface AuthorizationResponse {
  readonly code: string
  readonly state: string | null
  /** The redirect to the client's redirect_uri, never requested. */
  readonly redirectUrl: string
}

const ACCEPT = /\b(allow|accept|approve|authori[sz]e|consent|continue|confirm|grant|yes|ok|submit|sign.?in|log.?in)\b/i
const REFUSE = /\b(deny|cancel|reject|refuse|decline|no|abort)\b/i

/**
 * Logs a user in at an OP whose login is a plain HTML form, like a browser without JavaScript: follows redirects with
 * a cookie jar, fills the first form with a password field (configurable field names; hidden fields kept), submits
 * consent-like forms once each, and stops at the redirect to the authorization request's redirect_uri (or a
 * form_post aimed at it), which is never requested. Over node:http(s) with `ca`; TLS is always verified.
 */
export const formLogin = async (
  authorizationUrl: string,
  opts: FormLoginOptions = {},
): Promise<AuthorizationResponse> => {
  const username = opts.username ?? "alice"
  const password = opts.password ?? "alice-password"
  const start = new URL(authorizationUrl)
  const redirectUri = URL.parse(start.searchParams.get("redirect_uri") ?? "")
  const jar = new CookieJar()
  const isClientRedirect = (u: URL) =>
    redirectUri ? u.origin === redirectUri.origin && u.pathname === redirectUri.pathname : u.origin !== start.origin
  const go = (method: string, url: URL, body?: string) =>
    send(method, url, {
      jar,
      ca: opts.ca,
      ...(body !== undefined ? { body, headers: { "content-type": "application/x-www-form-urlencoded" } } : {}),
    })
  const submit = (form: Form, fields: ReadonlyArray<[string, string]>) => {
    const body = new URLSearchParams(fields as Array<[string, string]>).toString()
    if (form.method === "POST") return go("POST", form.action, body)
    const url = new URL(form.action)
    url.search = body
    return go("GET", url)
  }

  let page: Page = await go("GET", start)
  let loginSubmitted = false
  const submitted = new Set<string>()
  for (let step = 0; step < (opts.maxSteps ?? 30); step++) {
    if (page.status >= 300 && page.status < 400 && page.location) {
      const next = new URL(page.location, page.url)
      if (isClientRedirect(next))
        return finish(next.href, next.hash.length > 1 ? new URLSearchParams(next.hash.slice(1)) : next.searchParams)
      page = await go("GET", next)
      continue
    }
    const forms = parseForms(page.body, page.url)
    // response_mode=form_post: an auto-submitting form aimed at the client
    const post = forms.find((f) => isClientRedirect(f.action))
    if (post)
      return finish(post.action.href, new URLSearchParams(post.fields.map((f): [string, string] => [f.name, f.value])))

    const login = forms.find(
      (f) => f.hasPassword || (opts.passwordField !== undefined && f.fields.some((x) => x.name === opts.passwordField)),
    )
    if (login) {
      const { userField, passField } = loginFields(login, opts)
      if (loginSubmitted)
        throw new Error(
          `form login: the OP showed its login form again after the credentials of "${username}" were submitted (wrong username/password, or field names other than ${userField}/${passField}?): ${snippet(page)}`,
        )
      const names = new Set(login.fields.map((f) => f.name))
      if (!names.has(userField) || !names.has(passField)) {
        throw new Error(
          `form login: the login form at ${page.url.origin}${page.url.pathname} has no fields "${userField}" and "${passField}" (it has: ${[...names].join(", ") || "none"}); set --username-field/--password-field`,
        )
      }
      loginSubmitted = true
      const fields: Array<[string, string]> = login.fields.map((f) => [
        f.name,
        f.name === userField ? username : f.name === passField ? password : f.value,
      ])
      page = await submit(login, withButton(login, fields))
      continue
    }
    // a consent-like page: one submit of the form that accepts (each form once, so a page that comes back stops us)
    const consent = forms.find(
      (f) => !f.buttons.every((b) => REFUSE.test(`${b.name ?? ""} ${b.value} ${b.label}`)) || f.buttons.length === 0,
    )
    if (page.status === 200 && consent) {
      const key = `${consent.method} ${consent.action.href}`
      if (submitted.has(key))
        throw new Error(
          `form login: the page at ${page.url.origin}${page.url.pathname} came back after its form was submitted: ${snippet(page)}`,
        )
      submitted.add(key)
      page = await submit(
        consent,
        withButton(
          consent,
          consent.fields.map((f): [string, string] => [f.name, f.value]),
        ),
      )
      continue
    }
    throw new Error(
      `form login: unexpected ${page.status} from ${page.url.origin}${page.url.pathname} with no form to follow: ${snippet(page)}`,
    )
  }
  throw new Error(
    `form login: no redirect to ${redirectUri?.href ?? "the client"} after ${opts.maxSteps ?? 30} requests`,
  )
}

/**
 * The login form's user and password fields: the names given, else `username`/`password` when the form has them, else
 * the one field a person would type each into (the only text/email field — LemonLDAP::NG's is `user` — and the only
 * password field).
 */
const loginFields = (form: Form, opts: FormLoginOptions): { userField: string; passField: string } => {
  const names = new Set(form.fields.map((f) => f.name))
  const only = (types: ReadonlyArray<string>) => {
    const found = form.fields.filter((f) => types.includes(f.type))
    return found.length === 1 ? found[0]!.name : undefined
  }
  return {
    userField:
      opts.usernameField ?? (names.has("username") ? "username" : (only(["text", "email", "tel"]) ?? "username")),
    passField: opts.passwordField ?? (names.has("password") ? "password" : (only(["password"]) ?? "password")),
  }
}

/** The accepting submit button's name=value, as a browser sends the button clicked. */
const withButton = (form: Form, fields: Array<[string, string]>): Array<[string, string]> => {
  const button =
    form.buttons.find(
      (b) => ACCEPT.test(`${b.name ?? ""} ${b.value} ${b.label}`) && !REFUSE.test(`${b.name ?? ""} ${b.value}`),
    ) ?? form.buttons.find((b) => !REFUSE.test(`${b.name ?? ""} ${b.value} ${b.label}`))
  return button?.name ? [...fields, [button.name, button.value]] : fields
}

const snippet = (page: Page) => text(page.body).slice(0, 300) || `(empty ${page.contentType || "body"})`

const finish = (redirectUrl: string, params: URLSearchParams): AuthorizationResponse => {
  const error = params.get("error")
  if (error)
    throw new Error(
      `the OP answered the authorization request with error ${error}${params.get("error_description") ? ` (${params.get("error_description")})` : ""}`,
    )
  const code = params.get("code")
  if (!code) throw new Error(`no code in the authorization response ${redirectUrl}`)
  return { code, state: params.get("state"), redirectUrl }
}
