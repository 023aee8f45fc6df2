import { describe, expect, it } from "vitest"
import { evaluateScopeExpression, scopeExpressionProblem } from "./scopeExpression.js"

const ALL = "http://photoz.example.com/dev/actions/all"
const ADD = "http://photoz.example.com/dev/actions/add"
const INTERNAL = "http://photoz.example.com/dev/actions/internalClient"
const DATA = [ALL, ADD, INTERNAL]
/** The documentation's rule: (all or add) and internalClient. */
const RULE = { and: [{ or: [{ var: 0 }, { var: 1 }] }, { var: 2 }] }

describe("scope_expression evaluation", () => {
  // every subset of the three scopes, with the expected truth of (all or add) and internalClient
  const subsets: ReadonlyArray<[ReadonlyArray<string>, boolean]> = [
    [[], false],
    [[ALL], false],
    [[ADD], false],
    [[INTERNAL], false],
    [[ALL, ADD], false],
    [[ALL, INTERNAL], true],
    [[ADD, INTERNAL], true],
    [[ALL, ADD, INTERNAL], true],
  ]
  for (const [granted, expected] of subsets) {
    it(`(all or add) and internalClient over {${granted.map((s) => s.split("/").pop()).join(", ")}} is ${expected}`, () => {
      expect(evaluateScopeExpression(RULE, DATA, new Set(granted))).toBe(expected)
    })
  }

  it("reads {var: i} as data[i], not as the whole data (a lone var of an ungranted scope is false)", () => {
    // were {var: 0} the whole data array, it would be truthy whatever is granted
    expect(evaluateScopeExpression({ var: 0 }, DATA, new Set([ADD]))).toBe(false)
    expect(evaluateScopeExpression({ var: 1 }, DATA, new Set([ADD]))).toBe(true)
    expect(evaluateScopeExpression({ var: 2 }, DATA, new Set([ALL, ADD]))).toBe(false)
  })

  it("grants only on a strict true: a rule yielding a truthy non-boolean does not grant", () => {
    expect(evaluateScopeExpression({ or: [{ var: 0 }, "yes"] }, DATA, new Set())).toBe(false)
  })

  it("ignores granted scopes that are not in data", () => {
    expect(evaluateScopeExpression(RULE, DATA, new Set(["view", "http://photoz.example.com/dev/actions/print"]))).toBe(
      false,
    )
  })

  it("gives the same answers when the compiled rule is reused (cache keyed by the rule)", () => {
    const rule = { or: [{ var: 0 }, { var: 1 }] }
    expect(evaluateScopeExpression(rule, ["x", "y"], new Set(["y"]))).toBe(true)
    expect(evaluateScopeExpression(rule, ["x", "y"], new Set())).toBe(false)
    expect(evaluateScopeExpression(rule, ["x", "y"], new Set(["x"]))).toBe(true)
  })
})

describe("scope_expression validation", () => {
  it("accepts the documentation's rule over its three scopes", () => {
    expect(scopeExpressionProblem(RULE, DATA)).toBeUndefined()
  })

  it("reports an unknown operator by name", () => {
    expect(scopeExpressionProblem({ foo: [{ var: 0 }] }, DATA)).toMatch(/unknown operator.*"foo"/i)
    // nested too
    expect(scopeExpressionProblem({ and: [{ var: 0 }, { nope: 1 }] }, DATA)).toMatch(/unknown operator.*"nope"/i)
  })

  it("reports a rule that is not a JsonLogic object", () => {
    for (const rule of ["and", 42, null, undefined, [{ var: 0 }], true]) {
      expect(scopeExpressionProblem(rule, DATA), JSON.stringify(rule)).toBe("rule must be a JsonLogic object")
    }
  })

  it("reports empty data: the rule refers to no scope", () => {
    expect(scopeExpressionProblem({ var: 0 }, [])).toBe("data must list the scopes the rule refers to")
  })
})
