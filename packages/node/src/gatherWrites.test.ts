/** gatherWritesThisTurn: a turn's writes held on each socket and sent together when the turn ends. */
import { setImmediate as nextTurn } from "node:timers/promises"
import { describe, expect, it } from "vitest"
import { gatherWritesThisTurn } from "./gatherWrites.js"

/** A socket that records what is done to it. */
const recorder = (name: string, log: string[]) => ({
  writableLength: 0,
  cork: () => log.push(`${name} cork`),
  uncork: () => log.push(`${name} uncork`),
})

describe("gatherWritesThisTurn", () => {
  it("corks each socket once per turn and uncorks it when the turn ends", async () => {
    const log: string[] = []
    const a = recorder("a", log)
    const b = recorder("b", log)
    gatherWritesThisTurn(a)
    gatherWritesThisTurn(b)
    gatherWritesThisTurn(a)
    expect(log).toEqual(["a cork", "b cork"])
    await Promise.resolve() // microtasks are still this turn
    expect(log).toEqual(["a cork", "b cork"])
    await nextTurn()
    expect(log).toEqual(["a cork", "b cork", "a uncork", "b uncork"])
    // the next turn gathers anew
    gatherWritesThisTurn(a)
    await nextTurn()
    expect(log).toEqual(["a cork", "b cork", "a uncork", "b uncork", "a cork", "a uncork"])
  })

  it("sends what it holds at once past 64 KB, and keeps holding until the turn ends", async () => {
    const log: string[] = []
    const a = recorder("a", log)
    gatherWritesThisTurn(a)
    a.writableLength = 64 * 1024 - 1
    gatherWritesThisTurn(a)
    expect(log).toEqual(["a cork"])
    a.writableLength = 64 * 1024
    gatherWritesThisTurn(a)
    expect(log).toEqual(["a cork", "a uncork", "a cork"])
    await nextTurn()
    expect(log).toEqual(["a cork", "a uncork", "a cork", "a uncork"])
  })

  it("a socket gathered while the held writes leave belongs to the next turn", async () => {
    const log: string[] = []
    const b = recorder("b", log)
    const a = {
      ...recorder("a", log),
      uncork: () => {
        log.push("a uncork")
        gatherWritesThisTurn(b)
      },
    }
    gatherWritesThisTurn(a)
    await nextTurn()
    expect(log).toEqual(["a cork", "a uncork", "b cork"])
    await nextTurn()
    expect(log).toEqual(["a cork", "a uncork", "b cork", "b uncork"])
  })
})
