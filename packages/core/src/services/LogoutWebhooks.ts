import { createHmac } from "node:crypto"
import { Context, Duration, Effect, Layer, Schedule } from "effect"
import { OxdConfig } from "../config/OxdConfig.js"

/** What a logout webhook receives (JSON): the session_logged_out event of the site. */
export interface LogoutNotice {
  readonly type: "session_logged_out"
  readonly oxd_id: string
  readonly channel: "backchannel" | "frontchannel"
  readonly sid: string | null
  readonly sub: string | null
  /** when the logout was received, ms since 1970 (also what makes two notices' signatures differ) */
  readonly at: number
}

/** Header of the signature: `sha256=<hex HMAC-SHA256 of the raw body with logout_webhook_secret>`. */
export const SIGNATURE_HEADER = "x-oxd-signature"
export const signatureOf = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`

/** Attempts per notice (the first and its retries), each within ATTEMPT_TIMEOUT_MS, with exponential backoff. */
export const WEBHOOK_ATTEMPTS = 5
const ATTEMPT_TIMEOUT_MS = 5_000
const FIRST_RETRY_MS = 250
/** Notices being delivered at once; beyond it a notice is dropped (logged): a dead webhook must not hold memory. */
const IN_FLIGHT_MAX = 1_000

class WebhookRefused extends Error {}

/**
 * Tells a site's logout_webhook_url of each logout received for it: a signed POST, retried with backoff in the
 * background (the layer's scope), so the answer to the OP never waits for the application.
 */
export class LogoutWebhooks extends Context.Service<
  LogoutWebhooks,
  {
    /** Starts the delivery and returns at once; nothing to do without a URL or a secret. */
    notify(url: string | undefined, notice: LogoutNotice): Effect.Effect<void>
  }
>()("@oxd/core/LogoutWebhooks") {
  static readonly layer = Layer.effect(
    LogoutWebhooks,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const scope = yield* Effect.scope
      let inFlight = 0
      const attempt = (url: string, body: string, signature: string) =>
        Effect.tryPromise({
          try: async () => {
            const res = await fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
              body,
              redirect: "manual",
              signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
            })
            await res.body?.cancel()
            if (res.status < 200 || res.status >= 300) throw new WebhookRefused(`HTTP ${res.status}`)
          },
          catch: (e) => (e instanceof Error ? e.message : String(e)),
        })
      return LogoutWebhooks.of({
        notify: (url, notice) =>
          Effect.suspend(() => {
            const secret = config.logout_webhook_secret
            if (!url || !secret) return Effect.void
            if (inFlight >= IN_FLIGHT_MAX)
              return Effect.logWarning("logout webhook dropped: too many deliveries in flight").pipe(
                Effect.annotateLogs({ oxd_id: notice.oxd_id }),
              )
            const body = JSON.stringify(notice)
            const signature = signatureOf(secret, body)
            inFlight++
            return attempt(url, body, signature).pipe(
              Effect.retry({
                schedule: Schedule.exponential(Duration.millis(FIRST_RETRY_MS)),
                times: WEBHOOK_ATTEMPTS - 1,
              }),
              Effect.catch((why) =>
                Effect.logWarning("logout webhook failed").pipe(
                  Effect.annotateLogs({ oxd_id: notice.oxd_id, attempts: WEBHOOK_ATTEMPTS, last_error: why }),
                ),
              ),
              Effect.ensuring(Effect.sync(() => void inFlight--)),
              Effect.forkIn(scope),
              Effect.asVoid,
            )
          }),
      })
    }),
  )
}
