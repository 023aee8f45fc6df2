import type { Env } from "../../scenario.js"

/** Every UMA scenario needs an OP that is a UMA 2 authorization server. */
export const needsUmaAs = (env: Env): string | undefined =>
  env.op.offersUma === false ? "the OP publishes no UMA 2 configuration (/.well-known/uma2-configuration)" : undefined

/** Scenarios that set the AS's policies, RPT lifetime or read its counters need an AS the suite can drive. */
export const needsDrivableUma =
  (why: string) =>
  (env: Env): string | undefined =>
    needsUmaAs(env) ?? (env.op.uma ? undefined : why)
