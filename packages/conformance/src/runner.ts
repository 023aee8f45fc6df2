import { describeError } from "./errors.js"
import { Ctx, ScenarioFailure, type Env, type Scenario } from "./scenario.js"

export type Outcome =
  | { readonly id: string; readonly status: "passed"; readonly ms: number }
  | { readonly id: string; readonly status: "failed"; readonly ms: number; readonly message: string }
  | { readonly id: string; readonly status: "skipped"; readonly reason: string }

export interface RunScenarioOptions {
  /** Time limit of the whole scenario; past it the scenario fails and its connection is closed. */
  readonly timeoutMs?: number
}

class ScenarioTimeout extends Error {}

/** Runs one scenario in its own context; a thrown error is a failure with its message, never a crash of the run. */
export const runScenario = async (s: Scenario, env: Env, opts: RunScenarioOptions = {}): Promise<Outcome> => {
  const reason = s.skip?.(env)
  if (reason) return { id: s.id, status: "skipped", reason }
  const t = new Ctx(env)
  const started = Date.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const run = s.run(t)
    if (opts.timeoutMs === undefined) await run
    else {
      run.catch(() => undefined) // a scenario that times out may still fail later: nobody listens any more
      await Promise.race([run, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new ScenarioTimeout()), opts.timeoutMs) })])
    }
    return { id: s.id, status: "passed", ms: Date.now() - started }
  } catch (e) {
    const message = e instanceof ScenarioFailure
      ? e.message
      : e instanceof ScenarioTimeout
        ? `${s.id}: no result within ${(opts.timeoutMs ?? 0) / 1000} s (the server did not answer in time, or the scenario waits for something that never comes)`
        : `${s.id}: unexpected ${describeError(e)}`
    return { id: s.id, status: "failed", ms: Date.now() - started, message }
  } finally {
    clearTimeout(timer)
    await t.dispose()
  }
}

/** For test runners: a scenario as a function that throws with the scenario's message, or reports its skip reason. */
export const scenarioTest = (s: Scenario, env: () => Env) => async (skip: (reason: string) => void) => {
  const outcome = await runScenario(s, env())
  if (outcome.status === "skipped") return skip(outcome.reason)
  if (outcome.status === "failed") throw new ScenarioFailure(outcome.message)
}
