// Renders src/generated/commands.ts: each command's params and result as plain TypeScript, printed from the
// encoded side (the wire's JSON) of core's Effect schemas, with their descriptions as JSDoc. The client ships these
// declarations instead of importing @oxd/core's types, which would pull the server's whole declaration graph.
// Used by the generate script and by the test that fails when the committed file is stale.
import { commands } from "@oxd/core"
import { pascalName as pascal } from "@oxd/wire"
import { SchemaAST } from "effect"

export const commandsFile = new URL("../src/generated/commands.ts", import.meta.url)

const HEADER = `/**
 * The params and results of every oxd command, generated from @oxd/core's command schemas (their JSON encoding, as
 * the wire carries it) by scripts/generate.ts; do not edit. Regenerate: pnpm --filter @oxd/client generate
 */
`

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const key = (name: PropertyKey) =>
  typeof name === "string" && IDENTIFIER.test(name) ? name : JSON.stringify(String(name))

const jsDoc = (text: string | undefined, indent: string): string =>
  text === undefined ? "" : `${indent}/** ${text.replaceAll("*/", "*\\/").replace(/\s*\n\s*/g, " ")} */\n`

const literal = (value: SchemaAST.LiteralValue): string =>
  typeof value === "bigint" ? `${value}n` : JSON.stringify(value)

/** A type in a position where a union must be parenthesised (an array's element). */
const atom = (ast: SchemaAST.AST, indent: string): string => {
  const text = render(ast, indent)
  return ast._tag === "Union" && ast.types.length > 1 ? `(${text})` : text
}

/** A description annotated on the key (`annotateKey`: Unknown's JSON Schema keeps only that one) wins. */
const keyDescription = (ast: SchemaAST.AST): string | undefined => {
  const d = ast.context?.annotations?.["description"]
  return typeof d === "string" ? d : undefined
}

const objectType = (ast: SchemaAST.Objects, indent: string): string => {
  const inner = `${indent}  `
  const lines: string[] = []
  for (const ps of ast.propertySignatures) {
    const readonly = ps.type.context?.isMutable ? "" : "readonly "
    const optional = SchemaAST.isOptional(ps.type) ? "?" : ""
    lines.push(
      `${jsDoc(keyDescription(ps.type) ?? SchemaAST.resolveDescription(ps.type), inner)}${inner}${readonly}${key(ps.name)}${optional}: ${render(ps.type, inner)}`,
    )
  }
  for (const is of ast.indexSignatures)
    lines.push(`${inner}readonly [key: ${render(is.parameter, inner)}]: ${render(is.type, inner)}`)
  return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`
}

const render = (ast: SchemaAST.AST, indent: string): string => {
  switch (ast._tag) {
    case "Null":
      return "null"
    case "Undefined":
      return "undefined"
    case "Void":
      return "void"
    case "Never":
      return "never"
    case "Unknown":
      return "unknown"
    case "Any":
      return "any"
    case "String":
      return "string"
    case "Number":
      return "number"
    case "Boolean":
      return "boolean"
    case "BigInt":
      return "bigint"
    case "Symbol":
      return "symbol"
    case "ObjectKeyword":
      return "object"
    case "Literal":
      return literal(ast.literal)
    case "Enum":
      return ast.enums.map(([, value]) => JSON.stringify(value)).join(" | ")
    case "Union": {
      const seen = [...new Set(ast.types.map((t) => render(t, indent)))]
      return seen.length === 0 ? "never" : seen.join(" | ")
    }
    case "Objects":
      return objectType(ast, indent)
    case "Arrays": {
      const prefix = ast.isMutable ? "" : "readonly "
      if (ast.elements.length === 0 && ast.rest.length === 1)
        return ast.isMutable
          ? `Array<${render(ast.rest[0]!, indent)}>`
          : `ReadonlyArray<${render(ast.rest[0]!, indent)}>`
      const elements = ast.elements.map((e) => `${atom(e, indent)}${SchemaAST.isOptional(e) ? "?" : ""}`)
      const [rest, ...after] = ast.rest
      const parts = [
        ...elements,
        ...(rest ? [`...Array<${render(rest, indent)}>`] : []),
        ...after.map((a) => render(a, indent)),
      ]
      return `${prefix}[${parts.join(", ")}]`
    }
    default:
      // Declarations (classes, Date…), template literals, recursion: the wire carries none of them today
      throw new Error(`scripts/commandTypes.ts cannot print a ${ast._tag} schema: teach render() this node`)
  }
}

/** The TypeScript of one schema's encoded side (what travels as JSON). */
const encodedType = (ast: SchemaAST.AST): string => render(SchemaAST.toEncoded(ast), "")

export const renderCommands = (): string => {
  const entries = Object.values(commands) as ReadonlyArray<{
    name: string
    description: string
    aliases: ReadonlyArray<string>
    params: { ast: SchemaAST.AST }
    result: { ast: SchemaAST.AST }
  }>
  const out: string[] = [HEADER]
  for (const c of entries) {
    const name = pascal(c.name)
    out.push(`/** The params of \`${c.name}\`: ${c.description.replaceAll("*/", "*\\/")} */`)
    const params = encodedType(c.params.ast)
    // a command that takes no params (get_rp_jwks): core's own type is {}, which the client's types must equal
    if (params === "{}") out.push("// eslint-disable-next-line @typescript-eslint/no-empty-object-type")
    out.push(`export type ${name}Params = ${params}\n`)
    out.push(`/** The \`data\` of \`${c.name}\`'s ok reply. */`)
    out.push(`export type ${name}Result = ${encodedType(c.result.ast)}\n`)
  }
  out.push("/** Every command by its oxd wire name: its params and the `data` of its ok reply. */")
  out.push("export interface Commands {")
  for (const c of entries)
    out.push(
      `  readonly ${c.name}: { readonly params: ${pascal(c.name)}Params; readonly result: ${pascal(c.name)}Result }`,
    )
  out.push("}\n")
  out.push("/** Older wire names the server still answers, and the command each one is. */")
  out.push("export interface CommandAliases {")
  for (const c of entries) for (const alias of c.aliases) out.push(`  readonly ${alias}: ${JSON.stringify(c.name)}`)
  out.push("}\n")
  return out.join("\n")
}
