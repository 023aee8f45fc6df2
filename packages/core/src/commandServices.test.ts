/** The registry's computed requirements: checked by the compiler (pnpm typecheck), so a handler needing a service core's layer lacks fails to build. */
import { type Effect, Layer, ManagedRuntime } from "effect"
import { describe, expectTypeOf, it } from "vitest"
import type { CallContext } from "./CallContext.js"
import type { CommandServices as HandlerServices } from "./commands/index.js"
import type { coreLayer } from "./CoreLive.js"
import { dispatch, type CommandServices } from "./dispatch.js"
import type { ProtectionGuard } from "./services/ProtectionGuard.js"
import type { SiteStore } from "./services/SiteStore.js"
import type { UmaAuthorizationServer } from "./services/UmaAuthorizationServer.js"

type Provided = Layer.Success<ReturnType<typeof coreLayer>>
type IsAny<T> = 0 extends 1 & T ? true : false

describe("CommandServices", () => {
  it("is the union of the handlers' services, not any", () => {
    expectTypeOf<IsAny<HandlerServices>>().toEqualTypeOf<false>()
    expectTypeOf<IsAny<CommandServices>>().toEqualTypeOf<false>()
    expectTypeOf<SiteStore>().toExtend<HandlerServices>()
    expectTypeOf<UmaAuthorizationServer>().toExtend<HandlerServices>()
    expectTypeOf<ProtectionGuard>().toExtend<CommandServices>()
  })

  it("is what dispatch requires, and core's layer provides all of it", () => {
    expectTypeOf(dispatch).returns.toExtend<Effect.Effect<unknown, unknown, CommandServices>>()
    expectTypeOf<CommandServices>().toExtend<Provided>()
  })

  it("a runtime without those services cannot run dispatch", () => {
    const bare = ManagedRuntime.make(Layer.empty)
    // @ts-expect-error the runtime provides none of the handlers' services
    const run = () => bare.runPromise(dispatch("setup_client", {}, {} as CallContext))
    expectTypeOf(run).toBeFunction()
    return bare.dispose()
  })
})
