import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Events, EVENTS_RETAINED, type OxdEvent } from "./Events.js"

/** Runs `f` with a fresh Events service. */
const run = (f: (events: Events["Service"]) => Effect.Effect<void>) =>
  Effect.runPromise(Events.use(f).pipe(Effect.provide(Events.layer)))

const site = (oxd_id: string, setup_client_id: string | null = "setup-a") => ({
  type: "site_registered" as const,
  oxd_id,
  op_host: "https://op.example.org",
  setup_client_id,
})

describe("Events", () => {
  it("delivers what a subscriber's filter accepts, with an id and a time, until it unsubscribes", () =>
    run((events) =>
      Effect.gen(function* () {
        const got: OxdEvent[] = []
        const stop = events.subscribe(
          (e) => e.setup_client_id === "setup-a",
          (e) => got.push(e),
        )
        yield* events.publish(site("one"))
        yield* events.publish(site("other", "setup-b"))
        yield* events.publish({
          type: "access_checked",
          oxd_id: "two",
          op_host: "https://op.example.org",
          setup_client_id: "setup-a",
          access: "denied",
          path: "/p",
          http_method: "GET",
        })
        stop()
        yield* events.publish(site("three"))
        expect(got.map((e) => e.oxd_id)).toEqual(["one", "two"])
        expect(got[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]+-\d+$/), at: expect.any(Number) })
        expect(got[0]!.id).not.toBe(got[1]!.id)
      }),
    ))

  it("replays the retained events after a resume id, and everything retained for an id of another boot", () =>
    run((events) =>
      Effect.gen(function* () {
        const ids: string[] = []
        const stop = events.subscribe(
          () => true,
          (e) => ids.push(e.id),
        )
        for (const n of ["a", "b", "c"]) yield* events.publish(site(n))
        stop()
        const after: string[] = []
        events.subscribe(
          () => true,
          (e) => after.push(e.oxd_id),
          { after: ids[0] },
        )
        expect(after).toEqual(["b", "c"])
        const fromElsewhere: string[] = []
        events.subscribe(
          () => true,
          (e) => fromElsewhere.push(e.oxd_id),
          { after: "other-boot-7" },
        )
        expect(fromElsewhere).toEqual(["a", "b", "c"])
      }),
    ))

  it("keeps a bounded number of events, and a subscriber that throws does not stop the others", () =>
    run((events) =>
      Effect.gen(function* () {
        const got: string[] = []
        events.subscribe(
          () => true,
          () => {
            throw new Error("boom")
          },
        )
        events.subscribe(
          () => true,
          (e) => got.push(e.oxd_id),
        )
        for (let i = 0; i < EVENTS_RETAINED + 10; i++) yield* events.publish(site(`s${i}`))
        expect(got).toHaveLength(EVENTS_RETAINED + 10)
        const replayed: string[] = []
        events.subscribe(
          () => true,
          (e) => replayed.push(e.oxd_id),
          { after: "other-boot-1" },
        )
        expect(replayed).toHaveLength(EVENTS_RETAINED)
        expect(replayed[0]).toBe("s10")
      }),
    ))

  it("replays every type of event with exactly the fields it was delivered with, and keeps no handler's object", () =>
    run((events) =>
      Effect.gen(function* () {
        const inputs = [
          site("s1"),
          { type: "site_removed" as const, oxd_id: "s2", op_host: "https://op.example.org", setup_client_id: null },
          {
            type: "tokens_issued" as const,
            oxd_id: "s3",
            op_host: "https://op.example.org",
            setup_client_id: "setup-a",
            expires_in: 300,
            refresh_token_issued: true,
          },
          {
            type: "tokens_refreshed" as const,
            oxd_id: "s4",
            op_host: "https://op.example.org",
            setup_client_id: "setup-a",
            expires_in: null,
          },
          {
            type: "access_checked" as const,
            oxd_id: "s5",
            op_host: "https://op.example.org",
            setup_client_id: null,
            access: "granted" as const,
            path: "/p",
            http_method: "GET",
          },
        ]
        const live: OxdEvent[] = []
        const stop = events.subscribe(
          () => true,
          (e) => live.push(e),
        )
        for (const input of inputs) yield* events.publish(input)
        stop()
        inputs[2]!.oxd_id = "changed after publishing"
        const replayed: OxdEvent[] = []
        events.subscribe(
          () => true,
          (e) => replayed.push(e),
          { after: "other-boot-1" },
        )
        expect(replayed).toEqual(live)
        expect(live[2]).toEqual({
          type: "tokens_issued",
          oxd_id: "s3",
          op_host: "https://op.example.org",
          setup_client_id: "setup-a",
          expires_in: 300,
          refresh_token_issued: true,
          id: live[2]!.id,
          at: live[2]!.at,
        })
      }),
    ))
})
