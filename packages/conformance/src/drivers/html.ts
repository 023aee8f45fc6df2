/** Just enough HTML scraping for login, consent and claims pages: their forms, and their text for messages. */

export interface FormField {
  readonly name: string
  readonly value: string
  /** input type, lowercased ("text" when absent); "select", "textarea" for those elements. */
  readonly type: string
}

export interface SubmitButton {
  readonly name: string | undefined
  readonly value: string
  readonly label: string
}

export interface Form {
  readonly action: URL
  readonly method: "GET" | "POST"
  /** Fields sent on submit (no buttons; unchecked checkboxes and radios left out). */
  readonly fields: ReadonlyArray<FormField>
  readonly buttons: ReadonlyArray<SubmitButton>
  readonly hasPassword: boolean
}

export const parseForms = (html: string, base: URL): Form[] => {
  const forms: Form[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = m[1] ?? ""
    const inner = m[2] ?? ""
    const action = new URL(decodeEntities(attr(attrs, "action") ?? "") || base.href, base)
    const method = (attr(attrs, "method") ?? "get").toUpperCase() === "POST" ? "POST" : "GET"
    const fields: FormField[] = []
    const buttons: SubmitButton[] = []
    let hasPassword = false
    for (const el of inner.matchAll(/<input\b([^>]*)>|<(button|select|textarea)\b([^>]*)>([\s\S]*?)<\/\2\s*>/gi)) {
      const tag = (el[2] ?? "input").toLowerCase()
      const a = el[1] ?? el[3] ?? ""
      const content = el[4] ?? ""
      const rawName = attr(a, "name")
      const name = rawName !== undefined ? decodeEntities(rawName) : undefined
      const value = decodeEntities(attr(a, "value") ?? "")
      if (hasFlag(a, "disabled")) continue
      if (tag === "button") {
        const type = (attr(a, "type") ?? "submit").toLowerCase()
        if (type === "submit") buttons.push({ name, value, label: text(content) })
        continue
      }
      if (tag === "select") {
        const options = [...content.matchAll(/<option\b([^>]*)>([^<]*)/gi)]
        const chosen = options.find((o) => hasFlag(o[1] ?? "", "selected")) ?? options[0]
        if (name && chosen)
          fields.push({
            name,
            value: decodeEntities(attr(chosen[1] ?? "", "value") ?? chosen[2] ?? "").trim(),
            type: "select",
          })
        continue
      }
      if (tag === "textarea") {
        if (name) fields.push({ name, value: decodeEntities(content), type: "textarea" })
        continue
      }
      const type = (attr(a, "type") ?? "text").toLowerCase()
      if (type === "password") hasPassword = true
      if (type === "submit" || type === "image") {
        buttons.push({ name, value, label: value })
        continue
      }
      if (type === "reset" || type === "button" || type === "file") continue
      if ((type === "checkbox" || type === "radio") && !hasFlag(a, "checked")) continue
      if (name) fields.push({ name, value: type === "checkbox" && attr(a, "value") === undefined ? "on" : value, type })
    }
    forms.push({ action, method, fields, buttons, hasPassword })
  }
  return forms
}

/** A boolean attribute (disabled, checked, selected), outside quoted values. */
const hasFlag = (attrs: string, name: string): boolean =>
  new RegExp(`(?:^|\\s)${name}(?:\\s|=|/|$)`, "i").test(attrs.replace(/"[^"]*"|'[^']*'/g, ""))

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs)
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}

/** The visible text of some HTML, squeezed (for error messages). */
export const text = (html: string): string =>
  decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim()

export const decodeEntities = (s: string): string => {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " }
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return named[e.toLowerCase()] ?? whole
  })
}
