import { aliases, commands, type Commands as CoreCommands, type OxdEvent as CoreOxdEvent } from "@oxd/core"
import type { AppRouter } from "@oxd/ws-server"
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server"
import { describe, expect, expectTypeOf, it } from "vitest"
import { commandOfMethod, procedureName, type CamelCase } from "@oxd/wire"
import { makeClient } from "./makeClient.js"
import type { Caller, CommandName, OxdClient, OxdEvent, ParamsOf, ResultOf } from "./types.js"

describe("names", () => {
  it("turns every command and older name into a method and back", () => {
    for (const name of [...Object.keys(commands), ...Object.keys(aliases)]) {
      expect(commandOfMethod(procedureName(name))).toBe(name)
    }
  })

  it("the generated types are core's own: every command's params and result, the events", () => {
    expectTypeOf<CommandName>().toEqualTypeOf<keyof CoreCommands>()
    type Ours = { [C in CommandName]: { params: ParamsOf<C>; result: ResultOf<C> } }
    type Cores = {
      [C in CommandName]: { params: CoreCommands[C]["params"]["Encoded"]; result: CoreCommands[C]["result"]["Encoded"] }
    }
    expectTypeOf<Ours>().toEqualTypeOf<Cores>()
    expectTypeOf<OxdEvent>().toEqualTypeOf<CoreOxdEvent>()
  })

  it("types each method from core's command definitions, as the ws server's router does", () => {
    type Outputs = inferRouterOutputs<AppRouter>
    type Inputs = inferRouterInputs<AppRouter>
    // every command: the client's result and params are the router's
    type Same = {
      [C in CommandName]: [ResultOf<C>, ParamsOf<C>] extends [Outputs[CamelCase<C>], Inputs[CamelCase<C>]]
        ? true
        : false
    }
    expectTypeOf<Same[CommandName]>().toEqualTypeOf<true>()
    expectTypeOf<OxdClient["getAuthorizationUrl"]>().returns.resolves.toEqualTypeOf<{
      readonly authorization_url: string
    }>()
    expectTypeOf<OxdClient["umaRsCheckAccess"]>().parameter(0).toHaveProperty("http_method")
  })
})

describe("makeClient", () => {
  const recorder = () => {
    const calls: Array<[string, Record<string, unknown>]> = []
    const caller: Caller = {
      transport: "tcp",
      call: async (c, p) => {
        calls.push([c, p])
        return { ok: c }
      },
      close: async () => undefined,
    }
    return { calls, client: makeClient(caller, {}) }
  }

  it("turns a camelCase method into its command, and call() takes any name", async () => {
    const { calls, client } = recorder()
    await expect(client.getTokensByCode({ oxd_id: "o", code: "c", state: "s" })).resolves.toEqual({
      ok: "get_tokens_by_code",
    })
    await client.call("update_site_registration", { oxd_id: "o" })
    expect(calls).toEqual([
      ["get_tokens_by_code", { oxd_id: "o", code: "c", state: "s" }],
      ["update_site_registration", { oxd_id: "o" }],
    ])
  })

  it("is not a thenable and prints as an object", async () => {
    const { client } = recorder()
    expect((client as unknown as { then?: unknown }).then).toBeUndefined()
    await expect(Promise.resolve(client)).resolves.toBe(client)
    expect(client.transport).toBe("tcp")
  })
})
