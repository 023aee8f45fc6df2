import { randomBytes } from "node:crypto"
import { Clock, Context, Effect, Layer } from "effect"

/**
 * What happens to a site, as the ws `events` subscription streams it. Never a token value: only that tokens
 * were issued, and what a caller needs to follow its own sites (oxd_id, the setup client that owns the site).
 */
interface SiteRef {
  readonly oxd_id: string
  /** The site's OP: its setup client is the one with setup_client_id at this OP. */
  readonly op_host: string
  /** client_id of the setup client whose protection token the site belongs to; null for an unprotected site. */
  readonly setup_client_id: string | null
}
export type OxdEventInput =
  | (SiteRef & { readonly type: "site_registered" | "site_updated" | "site_removed" | "logout_uri_issued" })
  | (SiteRef & {
      readonly type: "tokens_issued"
      readonly expires_in: number | null
      readonly refresh_token_issued: boolean
    })
  | (SiteRef & { readonly type: "tokens_refreshed"; readonly expires_in: number | null })
  | (SiteRef & {
      /** The OP ended a session of the site (back-channel logout token or front-channel request). */
      readonly type: "session_logged_out"
      readonly channel: "backchannel" | "frontchannel"
      /** the OP session's id, when the OP named it */
      readonly sid: string | null
      /** the user's sub, when the OP named it (a front-channel logout names only sid) */
      readonly sub: string | null
    })
  | (SiteRef & {
      readonly type: "access_checked"
      readonly access: "granted" | "denied"
      readonly path: string
      readonly http_method: string
    })

/**
 * Whether an event is about a site of this setup client: the same client_id at the same OP (the pair that the
 * protection guard vouched for; a client_id alone may also exist at another OP).
 */
export const eventOfSetupClient = (
  e: OxdEventInput,
  who: { readonly op_host: string; readonly setup_client_id: string },
): boolean => e.setup_client_id === who.setup_client_id && e.op_host === who.op_host

/** An event as subscribers get it: with an id (for resuming after a reconnect) and the time (epoch ms). */
export type OxdEvent = OxdEventInput & { readonly id: string; readonly at: number }

export interface SubscribeOptions {
  /** Replay the retained events after this id first (a reconnecting client's last seen event). */
  readonly after?: string | undefined
}

/** Events kept for replay to a reconnecting subscriber; older ones are gone. */
export const EVENTS_RETAINED = 1000

/** Each type's fields beyond type, oxd_id, op_host and setup_client_id, in the order the ring keeps them. */
const EXTRA_FIELDS: { readonly [T in OxdEventInput["type"]]: ReadonlyArray<string> } = {
  site_registered: [],
  site_updated: [],
  site_removed: [],
  logout_uri_issued: [],
  tokens_issued: ["expires_in", "refresh_token_issued"],
  tokens_refreshed: ["expires_in"],
  access_checked: ["access", "path", "http_method"],
  session_logged_out: ["channel", "sid", "sub"],
}
const EXTRA_MAX = Math.max(...Object.values(EXTRA_FIELDS).map((f) => f.length))

/**
 * A bounded in-process emitter: handlers publish, edges subscribe with a filter. Delivery is synchronous
 * and must be cheap (a subscriber buffers on its own side, bounded); a subscriber that throws is ignored.
 */
export class Events extends Context.Service<
  Events,
  {
    publish(event: OxdEventInput): Effect.Effect<void>
    /** publish, synchronously, stamped by the Clock captured at layer build (for answers given from memory, outside the runtime). */
    publishNow(event: OxdEventInput): void
    subscribe(filter: (e: OxdEvent) => boolean, onEvent: (e: OxdEvent) => void, options?: SubscribeOptions): () => void
  }
>()("@oxd/core/Events") {
  /** For handlers: `yield* Events.publish({ type, oxd_id, op_host, setup_client_id, … })`. */
  static readonly publish = (event: OxdEventInput): Effect.Effect<void, never, Events> =>
    Events.use((e) => e.publish(event))

  static readonly layer = Layer.effect(
    Events,
    Effect.gen(function* () {
      const clock = yield* Clock.Clock
      // ids are <boot>-<seq>: a resume id from before a restart replays everything retained since
      const boot = randomBytes(4).toString("hex")
      let seq = 0
      // the ring keeps the fields of what was published, in columns, never the handler's object: while traffic is
      // light every ring entry outlives a scavenge, V8 then pretenures the handler's allocation site, and from there
      // on every event of every check_access went straight to the old generation (~70 bytes per command). The event
      // (with id and time) is built only for a subscriber that is there to get it.
      const types: Array<OxdEventInput["type"]> = new Array(EVENTS_RETAINED)
      const oxdIds: Array<string> = new Array(EVENTS_RETAINED)
      const opHosts: Array<string> = new Array(EVENTS_RETAINED)
      const setupIds: Array<string | null> = new Array(EVENTS_RETAINED)
      const extras: Array<unknown> = new Array(EVENTS_RETAINED * EXTRA_MAX)
      const ats = new Float64Array(EVENTS_RETAINED)
      const eventAt = (n: number): OxdEvent => {
        const i = n % EVENTS_RETAINED
        const type = types[i]!
        const event: Record<string, unknown> = {
          type,
          oxd_id: oxdIds[i],
          op_host: opHosts[i],
          setup_client_id: setupIds[i],
        }
        EXTRA_FIELDS[type].forEach((f, k) => {
          event[f] = extras[i * EXTRA_MAX + k]
        })
        event["id"] = `${boot}-${n}`
        event["at"] = ats[i]
        return event as unknown as OxdEvent
      }
      const subscribers = new Set<{
        readonly filter: (e: OxdEvent) => boolean
        readonly onEvent: (e: OxdEvent) => void
      }>()
      const deliver = (
        s: { readonly filter: (e: OxdEvent) => boolean; readonly onEvent: (e: OxdEvent) => void },
        e: OxdEvent,
      ) => {
        try {
          if (s.filter(e)) s.onEvent(e)
        } catch {
          // a subscriber's failure is its own; the command that published is not affected
        }
      }
      const record = (input: OxdEventInput, at: number) => {
        // a ring: the oldest retained entry is overwritten (shift() would move the other 999 each time)
        const n = ++seq
        const i = n % EVENTS_RETAINED
        types[i] = input.type
        oxdIds[i] = input.oxd_id
        opHosts[i] = input.op_host
        setupIds[i] = input.setup_client_id
        const fields = EXTRA_FIELDS[input.type]
        for (let k = 0; k < fields.length; k++)
          extras[i * EXTRA_MAX + k] = (input as unknown as Record<string, unknown>)[fields[k]!]
        ats[i] = at
        if (subscribers.size === 0) return
        const event = eventAt(n)
        for (const s of subscribers) deliver(s, event)
      }
      return Events.of({
        publish: (input) => Effect.map(Clock.currentTimeMillis, (at) => record(input, at)),
        publishNow: (input) => record(input, clock.currentTimeMillisUnsafe()),
        subscribe: (filter, onEvent, options = {}) => {
          const s = { filter, onEvent }
          if (options.after !== undefined) {
            const [b, n] = options.after.split("-")
            const from = b === boot ? Number(n) : 0
            // oldest first: the ring starts after the newest event
            for (let n = Math.max(from, seq - EVENTS_RETAINED) + 1; n <= seq; n++) deliver(s, eventAt(n))
          }
          subscribers.add(s)
          return () => void subscribers.delete(s)
        },
      })
    }),
  )
}
