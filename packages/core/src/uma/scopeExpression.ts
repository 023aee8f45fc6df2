import { LogicEngine } from "json-logic-engine"

/**
 * Gluu's scope_expression: a JsonLogic rule whose {"var": i} names data[i], a scope. The rule is true when
 * the scopes granted in the RPT satisfy it. Numeric var indices are turned into strings first: the engine
 * reads {"var": 0} as "the whole data", not "item 0".
 */
const engine = new LogicEngine()

const normalize = (rule: unknown): unknown => {
  if (Array.isArray(rule)) return rule.map(normalize)
  if (rule && typeof rule === "object") {
    return Object.fromEntries(
      Object.entries(rule).map(([k, v]) => [k, k === "var" && typeof v === "number" ? String(v) : normalize(v)]),
    )
  }
  return rule
}

/** undefined when the rule compiles; else what is wrong with it. */
export const scopeExpressionProblem = (rule: unknown, data: ReadonlyArray<string>): string | undefined => {
  if (!rule || typeof rule !== "object" || Array.isArray(rule)) return "rule must be a JsonLogic object"
  if (data.length === 0) return "data must list the scopes the rule refers to"
  try {
    const f = engine.build(normalize(rule) as never) as (d: unknown) => unknown
    f(data.map(() => false))
    return undefined
  } catch (e) {
    const err = e as { type?: string; key?: string; message?: string }
    return err.type ? `${err.type}${err.key ? ` "${err.key}"` : ""}` : (err.message ?? String(e))
  }
}

/** Compiled rules by their JSON: a check on the hot path must not compile the rule again. */
const compiled = new Map<string, (d: unknown) => unknown>()
const COMPILED_MAX = 10_000

export const evaluateScopeExpression = (
  rule: unknown,
  data: ReadonlyArray<string>,
  granted: ReadonlySet<string>,
): boolean => {
  const key = JSON.stringify(rule)
  let f = compiled.get(key)
  if (!f) {
    f = engine.build(normalize(rule) as never) as (d: unknown) => unknown
    compiled.set(key, f)
    if (compiled.size > COMPILED_MAX) compiled.delete(compiled.keys().next().value!)
  }
  return f(data.map((scope) => granted.has(scope))) === true
}
