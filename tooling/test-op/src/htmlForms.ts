/** Just enough HTML scraping for the OP's own pages (login, claims gathering): forms and id'd elements. */

export interface Form {
  action: URL
  fields: Array<[string, string]>
}

export function parseForms(html: string, base: URL): Form[] {
  const forms: Form[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = m[1] ?? ""
    const action = new URL(decodeEntities(attr(attrs, "action") ?? base.href), base)
    const fields: Array<[string, string]> = []
    for (const input of (m[2] ?? "").matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1] ?? "", "name")
      if (name) fields.push([decodeEntities(name), decodeEntities(attr(input[1] ?? "", "value") ?? "")])
    }
    forms.push({ action, fields })
  }
  return forms
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs)
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}

/** Text of the element with the given id, as rendered by the OP's error pages. */
export function elementText(html: string, id: string): string | undefined {
  const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)
  return m?.[1] ? decodeEntities(m[1]).trim() : undefined
}

export function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#x2F": "/" }
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return named[e] ?? whole
  })
}
