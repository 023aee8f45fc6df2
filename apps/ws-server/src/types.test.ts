import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server"
import { describe, expectTypeOf, it } from "vitest"
import type { AppRouter } from "./router.js"

type In = inferRouterInputs<AppRouter>
type Out = inferRouterOutputs<AppRouter>

describe("AppRouter types", () => {
  it("keeps each command's own params and result types", () => {
    expectTypeOf<In["getAuthorizationUrl"]>().toHaveProperty("oxd_id")
    expectTypeOf<Out["getAuthorizationUrl"]>().toEqualTypeOf<{ readonly authorization_url: string }>()
    expectTypeOf<Out["umaRsCheckAccess"]["access"]>().toEqualTypeOf<"granted" | "denied">()
  })
})
