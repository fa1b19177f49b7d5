import BuildToolSupport
import Foundation
import TOMLKit

// Reads the catalog's TOML files, checks them, and writes them out as Swift values.
// Every problem is reported as "file: entry: problem", and any problem fails the build.

let severities: Set = ["success", "intermediate", "transient", "permanent"]
let retries: Set = ["not-applicable", "now", "backoff", "after-fix", "never"]
let parties: Set = [
  "sender", "sender-admin", "recipient", "recipient-admin", "intermediary", "nobody",
]
let stages: Set = [
  "greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "end-of-data", "other", "any",
]
let origins: Set = ["standard", "experimental", "registry-only", "draft", "observed"]
let providerKinds: Set = ["mailbox", "filter", "blocklist", "greylisting", "mta"]
let reasons: Set = [
  "userUnknown", "mailboxFull", "mailboxDisabled", "domainUnknown", "nullMX", "blocklisted",
  "reputation", "rateLimited", "greylisted", "authentication", "reverseDNS", "tlsRequired",
  "smtpAuth",
  "relayDenied", "messageTooBig", "tooManyRecipients", "spam", "policy", "protocol", "systemError",
  "expired", "loop", "networkError", "success", "unknown",
]
let entryKeys: Set = [
  "code", "kind", "origin", "title", "summary", "description", "when", "fix", "severity", "retry",
  "retry_note", "actors", "stages", "closes_connection", "classes", "associated", "references",
  "related", "notes", "deprecated", "server_texts", "reason",
]
let sections: Set = ["entry", "comparison", "provider", "pattern", "conflict"]

/// Reads typed values out of one TOML table, collecting problems instead of stopping at the first.
struct Fields {
  let table: TOMLTable
  let place: String
  var problems: [String] = []

  init(_ table: TOMLTable, place: String, allowed: Set<String>) {
    self.table = table
    self.place = place
    for key in table.keys.sorted() where !allowed.contains(key) {
      problems.append("\(place): unknown key '\(key)'")
    }
  }

  mutating func string(_ key: String, optional: Bool = false) -> String {
    guard let value = table[key] else {
      if !optional { problems.append("\(place): missing '\(key)'") }
      return ""
    }
    guard let string = value.string else {
      problems.append("\(place): '\(key)' must be a string, not \(typeName(value))")
      return ""
    }
    return string
  }

  mutating func text(_ key: String) -> String { foldParagraphs(string(key)) }

  mutating func word(_ key: String, from allowed: Set<String>, optional: Bool = false) -> String {
    let value = string(key, optional: optional)
    if !value.isEmpty, !allowed.contains(value) {
      problems.append(
        "\(place): '\(key)' is '\(value)'; expected one of \(allowed.sorted().joined(separator: ", "))"
      )
    }
    return value
  }

  mutating func strings(_ key: String, optional: Bool = false) -> [String] {
    guard let value = table[key] else {
      if !optional { problems.append("\(place): missing '\(key)'") }
      return []
    }
    guard let array = value.array else {
      problems.append("\(place): '\(key)' must be a list, not \(typeName(value))")
      return []
    }
    var out: [String] = []
    for element in array {
      guard let string = element.string else {
        problems.append("\(place): '\(key)' must hold strings, not \(typeName(element))")
        continue
      }
      out.append(foldParagraphs(string))
    }
    return out
  }

  mutating func words(_ key: String, from allowed: Set<String>) -> [String] {
    let values = strings(key)
    for value in values where !allowed.contains(value) {
      problems.append(
        "\(place): '\(key)' holds '\(value)'; expected \(allowed.sorted().joined(separator: ", "))")
    }
    if values.isEmpty, table[key]?.array != nil { problems.append("\(place): '\(key)' is empty") }
    return values
  }

  mutating func ints(_ key: String) -> [Int] {
    guard let value = table[key] else { return [] }
    guard let array = value.array else {
      problems.append("\(place): '\(key)' must be a list, not \(typeName(value))")
      return []
    }
    var out: [Int] = []
    for element in array {
      guard let int = element.int else {
        problems.append("\(place): '\(key)' must hold whole numbers, not \(typeName(element))")
        continue
      }
      out.append(int)
    }
    return out
  }

  mutating func bool(_ key: String) -> Bool {
    guard let value = table[key] else { return false }
    guard let bool = value.bool else {
      problems.append("\(place): '\(key)' must be true or false, not \(typeName(value))")
      return false
    }
    return bool
  }

  /// The tables of a list of inline tables (`server_texts = [{ … }, …]`).
  mutating func tables(_ key: String) -> [TOMLTable] {
    guard let value = table[key] else { return [] }
    guard let array = value.array else {
      problems.append("\(place): '\(key)' must be a list, not \(typeName(value))")
      return []
    }
    var out: [TOMLTable] = []
    for element in array {
      guard let table = element.table else {
        problems.append("\(place): '\(key)' must hold tables, not \(typeName(element))")
        continue
      }
      out.append(table)
    }
    return out
  }
}

/// How a TOML value is named in a message: "a string", "a list", "true or false", …
func typeName(_ value: any TOMLValueConvertible) -> String {
  if value.string != nil { return "a string" }
  if value.bool != nil { return "true or false" }
  if value.int != nil { return "a whole number" }
  if value.double != nil { return "a number" }
  if value.array != nil { return "a list" }
  if value.table != nil { return "a table" }
  return "a date or time"
}

/// Single line breaks join with a space; a blank line starts a new paragraph (as in Markdown).
func foldParagraphs(_ text: String) -> String {
  var paragraphs: [String] = []
  var current: [String] = []
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty {
      if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
      current = []
    } else {
      current.append(trimmed)
    }
  }
  if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
  return paragraphs.joined(separator: "\n\n")
}

func literals(_ strings: [String]) -> String {
  "[" + strings.map(swiftLiteral).joined(separator: ", ") + "]"
}

/// "registry-only" → ".registryOnly", matching the model's case names.
func member(_ raw: String) -> String {
  let parts = raw.split(separator: "-")
  let name = parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }
    .joined()
  return ".`\(name)`"
}

func members(_ raws: [String]) -> String { "[" + raws.map(member).joined(separator: ", ") + "]" }

/// "421", "X.1.1", "X.1.X" or "4.X.X".
func isCatalogCode(_ code: String) -> Bool {
  code.wholeMatch(of: #/([2-5][0-9][0-9]|X\.[0-7]\.[0-9]{1,3}|X\.[0-7]\.X|[245]\.X\.X)/#) != nil
}

/// The catalog's TOML files turned into Swift, or every problem found in them.
public enum CatalogGeneration: Sendable {
  case swift(String)
  case problems([String])
}

/// The list of tables under `key` ("entry" → every `[[entry]]`), with a problem for anything else.
private func sectionTables(
  _ document: TOMLTable, _ key: String, file: String, problems: inout [String]
) -> [TOMLTable] {
  guard let value = document[key] else { return [] }
  guard let array = value.array else {
    problems.append("\(file): '\(key)' must be written [[\(key)]], not \(typeName(value))")
    return []
  }
  var out: [TOMLTable] = []
  for (index, element) in array.enumerated() {
    guard let table = element.table else {
      problems.append("\(file): \(key) #\(index + 1) must be a table, not \(typeName(element))")
      continue
    }
    out.append(table)
  }
  return out
}

/// Checks the catalog files (name and contents, in order) and the translations of titles and
/// summaries (`translations/LANG.toml`: language code and contents), and writes them as Swift values.
public func generateCatalog(
  _ files: [(name: String, text: String)], translations: [(language: String, text: String)] = []
) -> CatalogGeneration {
  var problems: [String] = []
  var entries: [(code: String, swift: String, related: [String], place: String)] = []
  var comparisons: [(codes: [String], swift: String, place: String)] = []
  var providers: [String] = []
  var providerIDs: Set<String> = []
  var patterns: [(provider: String, swift: String, place: String)] = []
  var conflicts: [(provider: String, code: String, swift: String, place: String)] = []

  for (file, text) in files {
    guard let document = parseTOML(text, file: file, problems: &problems) else { continue }
    for key in document.keys.sorted() where !sections.contains(key) {
      problems.append("\(file): unknown section '\(key)'")
    }

    for (index, table) in sectionTables(document, "entry", file: file, problems: &problems)
      .enumerated()
    {
      let code = table["code"]?.string ?? "#\(index + 1)"
      var fields = Fields(table, place: "\(file): entry \(code)", allowed: entryKeys)
      _ = fields.string("code")
      if table["code"]?.string != nil, !isCatalogCode(code) {
        fields.problems.append("\(fields.place): code must look like 421, X.1.1, X.1.X or 4.X.X")
      }
      let kind = fields.word("kind", from: ["basic", "enhanced"])
      let summary = fields.text("summary")
      if summary.count > 90 {
        fields.problems.append("\(fields.place): summary is over 90 characters")
      }
      let classes = fields.ints("classes")
      let associated = fields.strings("associated", optional: kind == "basic")
      if kind == "enhanced", table["classes"] == nil {
        fields.problems.append("\(fields.place): an enhanced code needs 'classes'")
      }
      if kind == "basic", table["classes"] != nil || table["associated"] != nil {
        fields.problems.append("\(fields.place): 'classes' and 'associated' are for enhanced codes")
      }
      var texts: [String] = []
      for pair in fields.tables("server_texts") {
        var text = Fields(
          pair, place: "\(fields.place): server_texts", allowed: ["text", "source"])
        let reply = text.string("text")
        let source = text.string("source")
        fields.problems += text.problems
        texts.append("ServerText(text: \(swiftLiteral(reply)), source: \(swiftLiteral(source)))")
      }
      let related = fields.strings("related")
      let reason = fields.word("reason", from: reasons)
      let swift = """
            CatalogEntry(
              code: \(swiftLiteral(code)), kind: \(member(kind)), origin: \(member(fields.word("origin", from: origins))),
              title: \(swiftLiteral(fields.text("title"))),
              summary: \(swiftLiteral(summary)),
              description: \(swiftLiteral(fields.text("description"))),
              whenYouSeeIt: \(swiftLiteral(fields.text("when"))),
              howToFix: \(swiftLiteral(fields.text("fix"))),
              severity: \(member(fields.word("severity", from: severities))),
              retry: \(member(fields.word("retry", from: retries))),
              retryNote: \(swiftLiteral(fields.text("retry_note"))),
              whoMustAct: \(members(fields.words("actors", from: parties))),
              stages: \(members(fields.words("stages", from: stages))),
              closesConnection: \(fields.bool("closes_connection")),
              classes: \(classes), associatedBasicCodes: \(literals(associated)),
              references: \(literals(fields.strings("references"))),
              related: \(literals(related)),
              notes: \(literals(fields.strings("notes", optional: true))),
              deprecated: \(fields.bool("deprecated")),
              serverTexts: [\(texts.joined(separator: ",\n          "))],
              defaultReason: \(member(reason))
            )
        """
      problems += fields.problems
      entries.append((code, swift, related, fields.place))
    }

    for (index, table) in sectionTables(document, "comparison", file: file, problems: &problems)
      .enumerated()
    {
      var fields = Fields(
        table, place: "\(file): comparison #\(index + 1)", allowed: ["codes", "note"])
      let codes = fields.strings("codes")
      if codes.count < 2 {
        fields.problems.append("\(fields.place): 'codes' needs two codes or more")
      }
      let swift =
        "ComparisonNote(codes: \(literals(codes)), note: \(swiftLiteral(fields.text("note"))))"
      problems += fields.problems
      comparisons.append((codes, swift, fields.place))
    }

    for table in sectionTables(document, "provider", file: file, problems: &problems) {
      let id = table["id"]?.string ?? "?"
      var fields = Fields(
        table, place: "\(file): provider \(id)",
        allowed: ["id", "name", "kind", "markers", "source"])
      _ = fields.string("id")
      if !providerIDs.insert(id).inserted {
        fields.problems.append("\(fields.place): duplicate id")
      }
      providers.append(
        """
        Provider(id: \(swiftLiteral(id)), name: \(swiftLiteral(fields.string("name"))), \
        kind: \(member(fields.word("kind", from: providerKinds))), \
        markers: \(literals(fields.strings("markers").map { $0.lowercased() })), \
        source: \(swiftLiteral(fields.string("source"))))
        """)
      problems += fields.problems
    }

    for (index, table) in sectionTables(document, "pattern", file: file, problems: &problems)
      .enumerated()
    {
      var fields = Fields(
        table, place: "\(file): pattern #\(index + 1)",
        allowed: [
          "provider", "contains", "codes", "reason", "meaning", "action", "source", "actors",
        ])
      let provider = fields.string("provider")
      let contains = fields.strings("contains").map { $0.lowercased() }
      if contains.isEmpty, table["contains"] != nil {
        fields.problems.append("\(fields.place): 'contains' is empty")
      }
      let actors = table["actors"] == nil ? [] : fields.words("actors", from: parties)
      let swift = """
        ProviderPattern(provider: \(swiftLiteral(provider)), contains: \(literals(contains)), \
        codes: \(literals(fields.strings("codes", optional: true))), \
        reason: \(member(fields.word("reason", from: reasons))), meaning: \(swiftLiteral(fields.text("meaning"))), \
        action: \(swiftLiteral(fields.text("action"))), source: \(swiftLiteral(fields.string("source"))), \
        whoMustAct: \(members(actors)))
        """
      problems += fields.problems
      patterns.append((provider, swift, fields.place))
    }

    for (index, table) in sectionTables(document, "conflict", file: file, problems: &problems)
      .enumerated()
    {
      var fields = Fields(
        table, place: "\(file): conflict #\(index + 1)",
        allowed: ["provider", "code", "provider_meaning", "source"])
      let provider = fields.string("provider")
      let code = fields.string("code")
      let swift = """
        CodeConflict(provider: \(swiftLiteral(provider)), code: \(swiftLiteral(code)), \
        providerMeaning: \(swiftLiteral(fields.text("provider_meaning"))), source: \(swiftLiteral(fields.string("source"))))
        """
      problems += fields.problems
      conflicts.append((provider, code, swift, fields.place))
    }
  }

  // Cross-file checks: every code named anywhere must be a catalog entry.
  var seen: [String: String] = [:]
  for entry in entries {
    if let first = seen[entry.code] {
      problems.append("\(entry.place): duplicate code (also in \(first))")
    }
    seen[entry.code] = entry.place
  }
  for entry in entries {
    for code in entry.related where seen[code] == nil {
      problems.append("\(entry.place): related code '\(code)' is not in the catalog")
    }
  }
  for comparison in comparisons {
    for code in comparison.codes where seen[code] == nil {
      problems.append("\(comparison.place): code '\(code)' is not in the catalog")
    }
  }
  for pattern in patterns where !providerIDs.contains(pattern.provider) {
    problems.append("\(pattern.place): unknown provider '\(pattern.provider)'")
  }
  for conflict in conflicts {
    if !providerIDs.contains(conflict.provider) {
      problems.append("\(conflict.place): unknown provider '\(conflict.provider)'")
    }
    if seen[conflict.code] == nil {
      problems.append("\(conflict.place): code '\(conflict.code)' is not in the catalog")
    }
  }

  let translated = translationsSwift(translations, codes: seen, problems: &problems)
  if !problems.isEmpty { return .problems(problems) }

  return .swift(
    """
    // Generated by catalog-gen from Sources/ReplyCatalog/Catalog/*.toml at build time. Do not edit.

    extension Catalog {
      static let builtInEntries: [CatalogEntry] = [
    \(entries.map(\.swift).joined(separator: ",\n"))
      ]

      static let builtInComparisonNotes: [ComparisonNote] = [
        \(comparisons.map(\.swift).joined(separator: ",\n    "))
      ]

      static let builtInProviders: [Provider] = [
        \(providers.joined(separator: ",\n    "))
      ]

      static let builtInPatterns: [ProviderPattern] = [
        \(patterns.map(\.swift).joined(separator: ",\n    "))
      ]

      static let builtInConflicts: [CodeConflict] = [
        \(conflicts.map(\.swift).joined(separator: ",\n    "))
      ]
    }

    \(translated)

    """)
}

/// The translations of titles and summaries as Swift: one table per language, by code. A table
/// holds `title` and/or `summary`; a code the catalog lacks, or any other key, is a problem.
func translationsSwift(
  _ files: [(language: String, text: String)], codes: [String: String], problems: inout [String]
) -> String {
  var cases: [String] = []
  var languages: [String] = []
  for (language, text) in files.sorted(by: { $0.language < $1.language }) {
    let file = "translations/\(language).toml"
    guard let document = parseTOML(text, file: file, problems: &problems) else { continue }
    var entries: [String] = []
    for code in document.keys.sorted() {
      let place = "\(file): \(code)"
      guard let table = document[code]?.table else {
        problems.append("\(place): must be a table ([\"\(code)\"] with title and summary)")
        continue
      }
      if codes[code] == nil { problems.append("\(place): code is not in the catalog") }
      var fields = Fields(table, place: place, allowed: ["title", "summary"])
      let title = fields.text("title")
      let summary = fields.text("summary")
      problems += fields.problems
      entries.append(
        "\(swiftLiteral(code)): LocalizedText(title: \(swiftLiteral(title)), summary: \(swiftLiteral(summary)))"
      )
    }
    languages.append(language)
    cases.append(
      "    case \(swiftLiteral(language)):\n      return "
        + (entries.isEmpty
          ? "[:]" : "[\n        " + entries.joined(separator: ",\n        ") + "\n      ]"))
  }
  return """
    extension Catalog {
      static let builtInTranslatedLanguages: [String] = \(literals(languages))

      static func builtInTranslations(_ language: String) -> [String: LocalizedText] {
        switch language {
    \(cases.joined(separator: "\n"))
        default: return [:]
        }
      }
    }

    """
}
