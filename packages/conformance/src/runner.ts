import { Ctx, ScenarioFailure, type Env, type Scenario } from "./scenario.js"

export type Outcome =
  | { readonly id: string; readonly status: "passed"; readonly ms: number }
  | { readonly id: string; readonly status: "failed"; readonly ms: number; readonly message: string }
  | { readonly id: string; readonly status: "skipped"; readonly reason: string }

/** Runs one scenario in its own context; a thrown error is a failure with its message, never a crash of the run. */
export const runScenario = async (s: Scenario, env: Env): Promise<Outcome> => {
  const reason = s.skip?.(env)
  if (reason) return { id: s.id, status: "skipped", reason }
  const t = new Ctx(env)
  const started = Date.now()
  try {
    await s.run(t)
    return { id: s.id, status: "passed", ms: Date.now() - started }
  } catch (e) {
    const message = e instanceof ScenarioFailure ? e.message : `${s.id}: unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`
    return { id: s.id, status: "failed", ms: Date.now() - started, message }
  } finally {
    await t.dispose()
  }
}

/** For test runners: a scenario as a function that throws with the scenario's message, or reports its skip reason. */
export const scenarioTest = (s: Scenario, env: () => Env) => async (skip: (reason: string) => void) => {
  const outcome = await runScenario(s, env())
  if (outcome.status === "skipped") return skip(outcome.reason)
  if (outcome.status === "failed") throw new ScenarioFailure(outcome.message)
}
