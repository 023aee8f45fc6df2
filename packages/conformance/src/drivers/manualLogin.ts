import { createInterface } from "node:readline"
import type { Readable, Writable } from "node:stream"
import type { AuthorizationResponse } from "./formLogin.js"

/**
 * A person logs in: the authorization URL is printed, they open it in a browser, sign in, and paste the address the
 * browser was sent to (the client's redirect_uri with code and state; the page itself need not load).
 */
export const manualLogin = (io: { readonly input: Readable; readonly output: Writable }) => {
  const lines: string[] = []
  const waiting: Array<(line: string | null) => void> = []
  let closed = false
  let rl: ReturnType<typeof createInterface> | undefined
  const next = (): Promise<string | null> => {
    rl ??= createInterface({ input: io.input, terminal: false })
      .on("line", (line) => {
        const w = waiting.shift()
        if (w) w(line)
        else lines.push(line)
      })
      .on("close", () => {
        closed = true
        for (const w of waiting.splice(0)) w(null)
      })
    const line = lines.shift()
    if (line !== undefined) return Promise.resolve(line)
    if (closed) return Promise.resolve(null)
    return new Promise((resolve) => waiting.push(resolve))
  }

  const login = async (authorizationUrl: string): Promise<AuthorizationResponse> => {
    const redirectUri = new URL(authorizationUrl).searchParams.get("redirect_uri") ?? "the client's redirect_uri"
    io.output.write(
      `\nSign in at the OP in a browser:\n\n  ${authorizationUrl}\n\nthen paste the address the browser was sent to (${redirectUri}?code=…&state=…; the page itself may not load):\n> `,
    )
    for (;;) {
      const line = await next()
      if (line === null) throw new Error("manual login: the input ended before a redirect URL was pasted")
      const pasted = line.trim()
      if (!pasted) continue
      const url = URL.parse(pasted)
      const params = url ? (url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams) : undefined
      const error = params?.get("error")
      if (error)
        throw new Error(
          `the OP answered the authorization request with error ${error}${params?.get("error_description") ? ` (${params.get("error_description")})` : ""}`,
        )
      const code = params?.get("code")
      if (!url || !code) {
        io.output.write(
          "that is not a URL with a code parameter; paste the whole address from the browser's address bar:\n> ",
        )
        continue
      }
      return { code, state: params!.get("state"), redirectUrl: url.href }
    }
  }
  return { login, close: () => rl?.close() }
}
