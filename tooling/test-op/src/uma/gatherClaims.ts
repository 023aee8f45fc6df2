import * as http from "node:http"
import * as https from "node:https"
import { elementText, parseForms } from "../htmlForms.js"

export interface GatherClaimsOptions {
  /** CA certificate (PEM) that signed the OP's server certificate. */
  ca: string | Buffer
}

export interface GatherClaimsResult {
  /** The new permission ticket, bound to the gathered claims. */
  ticket: string
  state: string | null
  /** The redirect to the client's claims_redirect_uri (never fetched). */
  redirectUrl: string
}

interface Reply {
  status: number
  location: string | undefined
  body: string
}

/**
 * Plays the requesting party at the claims interaction endpoint: opens `url` (as built by the client:
 * claims_interaction_endpoint?client_id&ticket&claims_redirect_uri&state), fills the form's fields with
 * `claims` (each must be a field of the form — the claims the policies still need), submits it and
 * returns the new ticket from the redirect to claims_redirect_uri, which is not requested.
 */
export async function gatherClaims(
  url: string,
  claims: Record<string, string>,
  opts: GatherClaimsOptions,
): Promise<GatherClaimsResult> {
  const agent = new https.Agent({ ca: opts.ca, keepAlive: false })
  try {
    const start = new URL(url)
    const form = await send(agent, "GET", start)
    if (form.status !== 200) throw pageError("the claims interaction endpoint refused the request", form)
    const [found] = parseForms(form.body, start)
    if (!found) throw pageError("no form on the claims page", form)

    const fieldNames = new Set(found.fields.map(([name]) => name))
    const unknown = Object.keys(claims).filter((name) => !fieldNames.has(name))
    if (unknown.length) {
      throw new Error(
        `gatherClaims: the form does not ask for ${unknown.join(", ")} (it asks for: ${[...fieldNames].join(", ") || "nothing"})`,
      )
    }
    const fields = new URLSearchParams(
      found.fields.map(([name, value]): [string, string] => [name, claims[name] ?? value]),
    )

    const reply = await send(agent, "POST", found.action, fields.toString())
    if (reply.status !== 302 || !reply.location) throw pageError("the claims form was not accepted", reply)
    const redirect = new URL(reply.location, found.action)
    const ticket = redirect.searchParams.get("ticket")
    if (!ticket) throw new Error(`gatherClaims: no ticket in the redirect ${redirect.href}`)
    return { ticket, state: redirect.searchParams.get("state"), redirectUrl: redirect.href }
  } finally {
    agent.destroy()
  }
}

function pageError(what: string, reply: Reply): Error {
  const detail =
    elementText(reply.body, "claims-error") ??
    reply.body
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 300)
  return new Error(`gatherClaims: ${what} (${reply.status}): ${detail}`)
}

function send(agent: https.Agent, method: "GET" | "POST", url: URL, body?: string): Promise<Reply> {
  const headers: http.OutgoingHttpHeaders = { accept: "text/html", "user-agent": "oxd-test-op-headless" }
  if (body !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded"
    headers["content-length"] = Buffer.byteLength(body)
  }
  const lib = url.protocol === "http:" ? http : https
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, ...(url.protocol === "https:" ? { agent } : {}) }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      )
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end(body)
  })
}
