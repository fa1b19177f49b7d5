import Foundation
import TOMLKit

// catalog-gen OUTPUT.swift INPUT.toml...
// Reads the catalog's TOML files, checks them, and writes them out as Swift values.
// Every problem is reported as "file: entry: problem", and any problem fails the build.

struct CatalogProblem: Error, CustomStringConvertible {
  let description: String
}

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
  "related", "notes", "deprecated", "server_texts",
]

/// Reads typed values out of one TOML table, collecting problems instead of stopping at the first.
struct Fields {
  let table: TOMLTable
  let place: String
  var problems: [String] = []

  init(_ table: TOMLTable, place: String, allowed: Set<String>) {
    self.table = table
    self.place = place
    for key in table.keys where !allowed.contains(key) {
      problems.append("\(place): unknown key '\(key)'")
    }
  }

  mutating func string(_ key: String, optional: Bool = false) -> String {
    guard let value = table[key] else {
      if !optional { problems.append("\(place): missing '\(key)'") }
      return ""
    }
    guard let string = value.string else {
      problems.append("\(place): '\(key)' must be a string")
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
      problems.append("\(place): '\(key)' must be an array")
      return []
    }
    return array.compactMap { element in
      guard let string = element.string else {
        problems.append("\(place): '\(key)' must hold strings")
        return nil
      }
      return foldParagraphs(string)
    }
  }

  mutating func words(_ key: String, from allowed: Set<String>) -> [String] {
    let values = strings(key)
    for value in values where !allowed.contains(value) {
      problems.append(
        "\(place): '\(key)' holds '\(value)'; expected \(allowed.sorted().joined(separator: ", "))")
    }
    if values.isEmpty, table[key] != nil { problems.append("\(place): '\(key)' is empty") }
    return values
  }

  mutating func ints(_ key: String) -> [Int] {
    guard let array = table[key]?.array else { return [] }
    return array.compactMap { element in
      guard let int = element.int else {
        problems.append("\(place): '\(key)' must hold whole numbers")
        return nil
      }
      return int
    }
  }

  func bool(_ key: String) -> Bool { table[key]?.bool ?? false }
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

func literal(_ string: String) -> String {
  var out = "\""
  for scalar in string.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

func literals(_ strings: [String]) -> String {
  "[" + strings.map(literal).joined(separator: ", ") + "]"
}

/// "registry-only" → ".registryOnly", matching the model's case names.
func member(_ raw: String) -> String {
  let parts = raw.split(separator: "-")
  let name = parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }
    .joined()
  return ".`\(name)`"
}

func members(_ raws: [String]) -> String { "[" + raws.map(member).joined(separator: ", ") + "]" }

let codePattern = #/^([2-5][0-9][0-9]|X\.[0-7]\.[0-9]{1,3}|X\.[0-7]\.X|[245]\.X\.X)$/#

var problems: [String] = []
var entries: [(code: String, swift: String, related: [String], place: String)] = []
var comparisons: [(codes: [String], swift: String, place: String)] = []
var providers: [String] = []
var providerIDs: Set<String> = []
var patterns: [(provider: String, swift: String, place: String)] = []
var conflicts: [(provider: String, code: String, swift: String, place: String)] = []

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
  FileHandle.standardError.write(
    "usage: catalog-gen OUTPUT.swift INPUT.toml...\n".data(using: .utf8)!)
  exit(2)
}

for path in arguments.dropFirst() {
  let file = URL(fileURLWithPath: path).lastPathComponent
  let document: TOMLTable
  do {
    document = try TOMLTable(string: String(contentsOfFile: path, encoding: .utf8))
  } catch let error as TOMLParseError {
    problems.append("\(file): line \(error.source.begin.line): \(error.description)")
    continue
  } catch {
    problems.append("\(file): \(error)")
    continue
  }
  for key in document.keys
  where !["entry", "comparison", "provider", "pattern", "conflict"].contains(key) {
    problems.append("\(file): unknown section '\(key)'")
  }

  for (index, value) in (document["entry"]?.array ?? []).enumerated() {
    guard let table = value.table else { continue }
    let code = table["code"]?.string ?? "#\(index + 1)"
    var fields = Fields(table, place: "\(file): entry \(code)", allowed: entryKeys)
    if code.wholeMatch(of: codePattern) == nil {
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
    for item in table["server_texts"]?.array ?? [] {
      guard let pair = item.table, let text = pair["text"]?.string,
        let source = pair["source"]?.string
      else {
        fields.problems.append("\(fields.place): each of 'server_texts' needs text and source")
        continue
      }
      texts.append("ServerText(text: \(literal(text)), source: \(literal(source)))")
    }
    let related = fields.strings("related")
    let swift = """
          CatalogEntry(
            code: \(literal(code)), kind: \(member(kind)), origin: \(member(fields.word("origin", from: origins))),
            title: \(literal(fields.text("title"))),
            summary: \(literal(summary)),
            description: \(literal(fields.text("description"))),
            whenYouSeeIt: \(literal(fields.text("when"))),
            howToFix: \(literal(fields.text("fix"))),
            severity: \(member(fields.word("severity", from: severities))),
            retry: \(member(fields.word("retry", from: retries))),
            retryNote: \(literal(fields.text("retry_note"))),
            whoMustAct: \(members(fields.words("actors", from: parties))),
            stages: \(members(fields.words("stages", from: stages))),
            closesConnection: \(fields.bool("closes_connection")),
            classes: \(classes), associatedBasicCodes: \(literals(associated)),
            references: \(literals(fields.strings("references"))),
            related: \(literals(related)),
            notes: \(literals(fields.strings("notes", optional: true))),
            deprecated: \(fields.bool("deprecated")),
            serverTexts: [\(texts.joined(separator: ",\n        "))]
          )
      """
    problems += fields.problems
    entries.append((code, swift, related, fields.place))
  }

  for (index, value) in (document["comparison"]?.array ?? []).enumerated() {
    guard let table = value.table else { continue }
    var fields = Fields(
      table, place: "\(file): comparison #\(index + 1)", allowed: ["codes", "note"])
    let codes = fields.strings("codes")
    if codes.count < 2 {
      fields.problems.append("\(fields.place): 'codes' needs two codes or more")
    }
    let swift = "ComparisonNote(codes: \(literals(codes)), note: \(literal(fields.text("note"))))"
    problems += fields.problems
    comparisons.append((codes, swift, fields.place))
  }

  for value in document["provider"]?.array ?? [] {
    guard let table = value.table else { continue }
    let id = table["id"]?.string ?? "?"
    var fields = Fields(
      table, place: "\(file): provider \(id)", allowed: ["id", "name", "kind", "markers", "source"])
    if !providerIDs.insert(id).inserted { fields.problems.append("\(fields.place): duplicate id") }
    providers.append(
      """
      Provider(id: \(literal(id)), name: \(literal(fields.string("name"))), \
      kind: \(member(fields.word("kind", from: providerKinds))), \
      markers: \(literals(fields.strings("markers").map { $0.lowercased() })), \
      source: \(literal(fields.string("source"))))
      """)
    problems += fields.problems
  }

  for (index, value) in (document["pattern"]?.array ?? []).enumerated() {
    guard let table = value.table else { continue }
    var fields = Fields(
      table, place: "\(file): pattern #\(index + 1)",
      allowed: ["provider", "contains", "codes", "reason", "meaning", "action", "source"])
    let provider = fields.string("provider")
    let contains = fields.strings("contains").map { $0.lowercased() }
    if contains.isEmpty { fields.problems.append("\(fields.place): 'contains' is empty") }
    let swift = """
      ProviderPattern(provider: \(literal(provider)), contains: \(literals(contains)), \
      codes: \(literals(fields.strings("codes", optional: true))), \
      reason: \(member(fields.word("reason", from: reasons))), meaning: \(literal(fields.text("meaning"))), \
      action: \(literal(fields.text("action"))), source: \(literal(fields.string("source"))))
      """
    problems += fields.problems
    patterns.append((provider, swift, fields.place))
  }

  for (index, value) in (document["conflict"]?.array ?? []).enumerated() {
    guard let table = value.table else { continue }
    var fields = Fields(
      table, place: "\(file): conflict #\(index + 1)",
      allowed: ["provider", "code", "provider_meaning", "source"])
    let provider = fields.string("provider")
    let code = fields.string("code")
    let swift = """
      CodeConflict(provider: \(literal(provider)), code: \(literal(code)), \
      providerMeaning: \(literal(fields.text("provider_meaning"))), source: \(literal(fields.string("source"))))
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

if !problems.isEmpty {
  // Xcode-style "error:" lines, so SwiftPM shows them as build errors.
  for problem in problems { print("error: catalog: \(problem)") }
  exit(1)
}

let source = """
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

  """
let existing = try? String(contentsOfFile: outputPath, encoding: .utf8)
if existing != source {
  try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
}
