import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Events, EVENTS_RETAINED, type OxdEvent } from "./Events.js"

/** Runs `f` with a fresh Events service. */
const run = (f: (events: Events["Service"]) => Effect.Effect<void>) => Effect.runPromise(Events.use(f).pipe(Effect.provide(Events.layer)))

const site = (oxd_id: string, setup_client_id: string | null = "setup-a") => ({ type: "site_registered" as const, oxd_id, setup_client_id })

describe("Events", () => {
  it("delivers what a subscriber's filter accepts, with an id and a time, until it unsubscribes", () =>
    run((events) => Effect.gen(function* () {
      const got: OxdEvent[] = []
      const stop = events.subscribe((e) => e.setup_client_id === "setup-a", (e) => got.push(e))
      yield* events.publish(site("one"))
      yield* events.publish(site("other", "setup-b"))
      yield* events.publish({ type: "access_checked", oxd_id: "two", setup_client_id: "setup-a", access: "denied", path: "/p", http_method: "GET" })
      stop()
      yield* events.publish(site("three"))
      expect(got.map((e) => e.oxd_id)).toEqual(["one", "two"])
      expect(got[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]+-\d+$/), at: expect.any(Number) })
      expect(got[0]!.id).not.toBe(got[1]!.id)
    })))

  it("replays the retained events after a resume id, and everything retained for an id of another boot", () =>
    run((events) => Effect.gen(function* () {
      const ids: string[] = []
      const stop = events.subscribe(() => true, (e) => ids.push(e.id))
      for (const n of ["a", "b", "c"]) yield* events.publish(site(n))
      stop()
      const after: string[] = []
      events.subscribe(() => true, (e) => after.push(e.oxd_id), { after: ids[0] })
      expect(after).toEqual(["b", "c"])
      const fromElsewhere: string[] = []
      events.subscribe(() => true, (e) => fromElsewhere.push(e.oxd_id), { after: "other-boot-7" })
      expect(fromElsewhere).toEqual(["a", "b", "c"])
    })))

  it("keeps a bounded number of events, and a subscriber that throws does not stop the others", () =>
    run((events) => Effect.gen(function* () {
      const got: string[] = []
      events.subscribe(() => true, () => { throw new Error("boom") })
      events.subscribe(() => true, (e) => got.push(e.oxd_id))
      for (let i = 0; i < EVENTS_RETAINED + 10; i++) yield* events.publish(site(`s${i}`))
      expect(got).toHaveLength(EVENTS_RETAINED + 10)
      const replayed: string[] = []
      events.subscribe(() => true, (e) => replayed.push(e.oxd_id), { after: "other-boot-1" })
      expect(replayed).toHaveLength(EVENTS_RETAINED)
      expect(replayed[0]).toBe("s10")
    })))
})
