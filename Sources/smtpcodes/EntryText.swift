import ReplyCatalog

/// Renders entries and comparisons as text for people, wrapped to the terminal.
struct TextRenderer {
  let style: OutputStyle

  func entry(_ reference: CodeReference) -> String {
    let entry = reference.entry
    let digit = reference.displayClass
    var out: [String] = []
    let header =
      "\(style.bold(style.byClass(digit, reference.written)))  \(style.bold(entry.title))"
    out.append(header)
    out.append(style.dim("\(pad("", reference.written.count + 2))\(reference.classLabel)"))
    out.append("")
    let labelWidth = 14
    func field(_ label: String, _ value: String) {
      guard !value.isEmpty else { return }
      let lines = wrap(value, width: style.width - labelWidth - 2)
      out.append("  " + style.bold(pad(label, labelWidth)) + lines[0])
      for line in lines.dropFirst() { out.append(pad("", labelWidth + 2) + line) }
    }
    field("Severity", style.byClass(digit, reference.severity.rawValue))
    field("Retry", reference.retry.label)
    field("", entry.retryNote)
    field("Who must act", entry.whoMustAct.map(\.label).joined(separator: ", "))
    field("Stages", entry.stages.map(\.label).joined(separator: ", "))
    if entry.closesConnection { field("Connection", "closed by the server after this reply") }
    field("Origin", entry.origin.label + (entry.deprecated ? "; deprecated" : ""))
    if entry.kind == .enhanced {
      field("Classes", entry.classes.map(String.init).joined(separator: ", "))
      field("Sent with", entry.associatedBasicCodes.joined(separator: ", "))
    }
    field("References", entry.references.joined(separator: ", "))
    field("Related", entry.related.joined(separator: ", "))
    func section(_ title: String, _ text: String) {
      guard !text.isEmpty else { return }
      out.append("")
      out.append(style.bold(title))
      out += wrap(text, width: style.width - 2).map { "  " + $0 }
    }
    section("WHAT IT MEANS", entry.description)
    section("WHEN YOU SEE IT", entry.whenYouSeeIt)
    section("HOW TO FIX", entry.howToFix)
    if !entry.notes.isEmpty {
      out.append("")
      out.append(style.bold("WATCH OUT"))
      for note in entry.notes { out += bullet(note) }
    }
    if !entry.serverTexts.isEmpty {
      out.append("")
      out.append(style.bold("REAL SERVER TEXTS"))
      for text in entry.serverTexts {
        out.append("  " + style.dim(text.source))
        out += wrap(text.text, width: style.width - 4).map { "    " + $0 }
      }
    }
    return out.joined(separator: "\n")
  }

  func bullet(_ text: String) -> [String] {
    let lines = wrap(text, width: style.width - 4)
    return ["  • " + lines[0]] + lines.dropFirst().map { "    " + $0 }
  }

  /// A diff-style table: field, marker (= same, ≠ different), left value, right value.
  func comparison(_ comparison: Comparison) -> String {
    let nameWidth = min(22, comparison.fields.map(\.name.count).max() ?? 10)
    let valueWidth = max(12, (style.width - nameWidth - 7) / 2)
    var out: [String] = []
    let left = style.bold(style.byClass(comparison.left.displayClass, comparison.left.written))
    let right = style.bold(style.byClass(comparison.right.displayClass, comparison.right.written))
    out.append(
      "\(pad("", nameWidth + 3))\(left)\(pad("", valueWidth + 1 - comparison.left.written.count))\(right)"
    )
    for field in comparison.fields {
      let leftLines = field.left.isEmpty ? ["—"] : wrap(field.left, width: valueWidth)
      let rightLines = field.right.isEmpty ? ["—"] : wrap(field.right, width: valueWidth)
      let marker = field.same ? style.same("=") : style.changed("≠")
      for row in 0..<max(leftLines.count, rightLines.count) {
        let name = row == 0 ? pad(field.name, nameWidth) : pad("", nameWidth)
        let l = row < leftLines.count ? leftLines[row] : ""
        let r = row < rightLines.count ? rightLines[row] : ""
        let paint = field.same ? style.same : style.changed
        out.append(
          "\(style.bold(name)) \(row == 0 ? marker : " ") \(paint(pad(l, valueWidth))) \(paint(r))")
      }
    }
    out.append("")
    out.append(style.bold("KEY DIFFERENCES"))
    for sentence in comparison.keyDifferences { out += bullet(sentence) }
    out.append("")
    out.append(style.bold("WHEN TO USE WHICH"))
    out += wrap(comparison.whenToUseWhich, width: style.width - 2).map { "  " + $0 }
    if !comparison.notes.isEmpty {
      out.append("")
      out.append(style.bold("NOTES"))
      for note in comparison.notes { out += bullet(note.note) }
    }
    return out.joined(separator: "\n")
  }

  /// The plain list: one line an entry.
  func list(_ entries: [CatalogEntry]) -> String {
    entries.map { listLine($0) }.joined(separator: "\n")
  }

  /// One line an entry: code, severity or classes, title; cut to the width.
  func listLine(_ entry: CatalogEntry, codeWidth: Int = 7) -> String {
    let badge: String
    if entry.kind == .basic || entry.level == .class {
      badge = entry.severity.rawValue
    } else {
      badge = "class " + entry.classes.map(String.init).joined(separator: "/")
    }
    let prefix = pad(entry.code, codeWidth) + " " + pad(badge, 13)
    let room = max(10, style.width - prefix.count)
    let title = entry.title.count > room ? String(entry.title.prefix(room - 1)) + "…" : entry.title
    return style.byClass(entry.displayClass, pad(entry.code, codeWidth)) + " "
      + style.dim(pad(badge, 13)) + title
  }
}
