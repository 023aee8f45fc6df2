/** A JSON Schema (or OpenAPI schema object) as plain JSON. */
export type JsonSchemaNode = { readonly [k: string]: unknown }

const isNode = (v: unknown): v is JsonSchemaNode => typeof v === "object" && v !== null && !Array.isArray(v)
const hasText = (v: unknown) => typeof v === "string" && v.trim().length > 0

/**
 * Every object property under `schema` that carries no description, as a path (`resources[].conditions[].scopes`,
 * `claims{}.x`): on the property itself, or on the named schema its `$ref` points to. Walks `$ref`s (each name
 * once per path), unions, array items and record values; `resolve` maps a `$ref` to its schema.
 */
export const undescribedFields = (
  schema: JsonSchemaNode,
  resolve: (ref: string) => JsonSchemaNode | undefined,
): ReadonlyArray<string> => {
  const missing: string[] = []
  const target = (node: JsonSchemaNode) => (typeof node["$ref"] === "string" ? resolve(node["$ref"]) : undefined)
  const walk = (node: JsonSchemaNode, path: string, seen: ReadonlySet<string>): void => {
    const ref = node["$ref"]
    if (typeof ref === "string") {
      const resolved = resolve(ref)
      if (resolved === undefined) missing.push(`${path || "(root)"} ($ref ${ref} not found)`)
      else if (!seen.has(ref)) walk(resolved, path, new Set([...seen, ref]))
    }
    for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
      const branches = node[key]
      if (Array.isArray(branches)) for (const b of branches) if (isNode(b)) walk(b, path, seen)
    }
    if (isNode(node["items"])) walk(node["items"], `${path}[]`, seen)
    if (isNode(node["additionalProperties"])) walk(node["additionalProperties"], `${path}{}`, seen)
    const properties = node["properties"]
    if (!isNode(properties)) return
    for (const [name, property] of Object.entries(properties)) {
      if (!isNode(property)) continue
      const at = path ? `${path}.${name}` : name
      if (!hasText(property["description"]) && !hasText(target(property)?.["description"])) missing.push(at)
      walk(property, at, seen)
    }
  }
  walk(schema, "", new Set())
  return [...new Set(missing)]
}
