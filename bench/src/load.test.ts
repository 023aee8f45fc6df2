import { describe, expect, it } from "vitest"
import { pacedLatencyFrom } from "./load.js"

describe("paced latency", () => {
  it("counts a server's stall from the schedule it delayed, and a late timer of the load generator not at all", () => {
    // the previous reply came 3 ms after this request's turn: the server held the send back, that is latency
    expect(pacedLatencyFrom(100, 103, 103.2)).toBe(100)
    // the previous reply came in time, the timer fired 0.9 ms late: counted from the send
    expect(pacedLatencyFrom(100, 98, 100.9)).toBe(100.9)
    // a timer that fired early: from the send, never a negative time
    expect(pacedLatencyFrom(100, 98, 99.5)).toBe(99.5)
  })
})
