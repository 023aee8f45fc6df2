import { randomBytes } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { readBody, sendJson } from "./http.js"

/** The introspection endpoint's path (oidc-provider's default route). */
export const INTROSPECTION_PATH = "/token/introspection"

/**
 * Turns this OP into an attacker's: it vouches for tokens of its choosing and hands out the client_ids it is told to.
 * A relying party must never let such answers stand for a client of another OP (the tenant-isolation tests drive it).
 * Off until a test forges something, so an honest OP is not affected.
 */
export class Rogue {
  readonly #forged = new Map<string, Record<string, unknown>>()
  readonly #clientIds: string[] = []

  /** Introspection of `token` answers `answer` (e.g. `{ active: true, client_id: "<a victim's>", scope: "…" }`). */
  forgeIntrospection(token: string, answer: Record<string, unknown>): void {
    this.#forged.set(token, answer)
  }

  /** The next dynamic registration gets this client_id (whoever else has it). */
  registerNextAs(clientId: string): void {
    this.#clientIds.push(clientId)
  }

  /** The client_id of a new registration: a forged one first, else a random one as oidc-provider makes. */
  nextClientId(): string {
    return this.#clientIds.shift() ?? randomBytes(16).toString("base64url")
  }

  /** Answers an introspection request itself while forgeries are set (every other token: inactive). */
  handles(req: IncomingMessage, path: string): boolean {
    return this.#forged.size > 0 && path === INTROSPECTION_PATH && req.method === "POST"
  }

  async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = new URLSearchParams(await readBody(req)).get("token") ?? ""
    sendJson(res, 200, this.#forged.get(token) ?? { active: false })
  }

  clear(): void {
    this.#forged.clear()
    this.#clientIds.length = 0
  }
}
