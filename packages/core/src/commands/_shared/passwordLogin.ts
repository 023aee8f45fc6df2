import { Effect } from "effect"
import { OperationFailed, type OpHostNotAllowed } from "../../errors.js"
import { OpFetch } from "../../services/OpFetch.js"
import { notAllowed } from "../../services/opErrors.js"

/** The authorization response's params: the redirect's query, then its fragment (a hybrid or implicit response). */
const responseParams = (location: URL): URLSearchParams => {
  const out = new URLSearchParams(location.search)
  for (const [k, v] of new URLSearchParams(location.hash.replace(/^#/, ""))) out.set(k, v)
  return out
}

/**
 * oxd 4.x's test helpers' login: the authorization request with the user's credentials as `Authorization: Basic` and
 * prompt=none, as the reference's AuthorizeClient sends them (authUsername/authPassword: GetAuthorizationCodeOperation
 * .java:47-61 on master), Gluu oxAuth's password login; the OP's redirect is read, never followed. Through OpFetch, as
 * every OP call (TLS verified, allowed_op_hosts). An OP without that login, or one that refuses, is internal_error, as
 * the reference's null response is.
 */
export const passwordLogin = (authorizationUrl: string, username: string, password: string) =>
  Effect.gen(function* () {
    const { fetch } = yield* OpFetch
    const failed = (detail: string) => new OperationFailed({ operation: "Logging the user in at the OP", detail })
    const res = yield* Effect.tryPromise({
      try: () =>
        fetch(authorizationUrl, {
          method: "GET",
          redirect: "manual",
          headers: {
            authorization: `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`,
            accept: "text/html",
          },
        }),
      catch: (e): OperationFailed | OpHostNotAllowed =>
        notAllowed("authorization", e) ?? failed(e instanceof Error ? e.message : String(e)),
    })
    const location = res.headers.get("location")
    yield* Effect.promise(() => res.body?.cancel() ?? Promise.resolve())
    if (res.status < 300 || res.status >= 400 || !location)
      return yield* failed(
        `the OP answered HTTP ${res.status} without a redirect: it does not log users in by password at its authorization endpoint (Gluu oxAuth does)`,
      )
    const params = responseParams(new URL(location, authorizationUrl))
    const error = params.get("error")
    if (error) return yield* failed(`the OP refused the login with "${error.slice(0, 64)}"`)
    return params
  })
