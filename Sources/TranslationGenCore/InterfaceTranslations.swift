import BuildToolSupport
import Foundation
import TOMLKit

// Reads the interface's translation files (Sources/Explorer/Translations/LANG.toml), checks every
// language against en.toml, and writes them out as Swift: the keys, one table per language, and a
// `Strings` accessor per key. Every problem is reported as "file: key: problem", and any problem
// fails the build.

/// A `%N$@` (text) or `%N$d` (whole number) placeholder.
public struct Placeholder: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let index: Int
  public let isNumber: Bool

  public init(index: Int, isNumber: Bool) {
    self.index = index
    self.isNumber = isNumber
  }

  public var description: String { "%\(index)$\(isNumber ? "d" : "@")" }

  public static func < (a: Placeholder, b: Placeholder) -> Bool {
    (a.index, a.isNumber ? 1 : 0) < (b.index, b.isNumber ? 1 : 0)
  }
}

/// The placeholders of a text, or what is wrong with one (`%` not followed by `%` or `N$@`/`N$d`).
public func placeholders(in text: String) -> Result<Set<Placeholder>, PlaceholderError> {
  var found: Set<Placeholder> = []
  var rest = Substring(text)
  while let percent = rest.firstIndex(of: "%") {
    let after = rest[rest.index(after: percent)...]
    if after.first == "%" {
      rest = after.dropFirst()
      continue
    }
    let digits = after.prefix { $0.isASCII && $0.isNumber }
    let tail = after.dropFirst(digits.count)
    guard let index = Int(digits), index > 0, tail.first == "$",
      let type = tail.dropFirst().first, type == "@" || type == "d"
    else {
      return .failure(PlaceholderError(text: String(rest[percent...].prefix(6))))
    }
    found.insert(Placeholder(index: index, isNumber: type == "d"))
    rest = tail.dropFirst(2)
  }
  return .success(found)
}

public struct PlaceholderError: Error, Sendable {
  public let text: String
}

/// The interface translations turned into Swift, or every problem found in them.
public enum TranslationGeneration: Sendable {
  case swift(String)
  case problems([String])
}

/// "hi", "pt-BR", "zh-Hans": a language, then a region or a script.
public func isLanguageCode(_ code: String) -> Bool {
  code.wholeMatch(of: #/[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?/#) != nil
}

/// The leading and trailing spaces of a text: they join it to what comes before or after, so a
/// translation keeps them.
func edges(_ text: String) -> (String, String) {
  (String(text.prefix { $0 == " " }), String(text.reversed().prefix { $0 == " " }))
}

/// Checks the translation files (language code and contents; `en` is the source) and writes them
/// as Swift for the Explorer module.
public func generateInterfaceTranslations(_ files: [(language: String, text: String)])
  -> TranslationGeneration
{
  var problems: [String] = []
  var tables: [String: [String: String]] = [:]
  for (language, text) in files {
    let file = "\(language).toml"
    guard isLanguageCode(language) else {
      problems.append("\(file): the file name must be a language code such as hi, pt-BR or zh-Hans")
      continue
    }
    guard let document = parseTOML(text, file: file, problems: &problems) else { continue }
    var table: [String: String] = [:]
    for key in document.keys.sorted() {
      guard let value = document[key]?.string else {
        problems.append("\(file): \(key): must be a string (\"…\")")
        continue
      }
      if value.trimmingCharacters(in: .whitespaces).isEmpty {
        problems.append("\(file): \(key): is empty")
      }
      table[key] = value
    }
    tables[language] = table
  }
  guard let source = tables["en"] else {
    return .problems(problems + ["en.toml: missing; it is the source every language follows"])
  }
  var sourcePlaceholders: [String: Set<Placeholder>] = [:]
  for (key, value) in source.sorted(by: { $0.key < $1.key }) {
    if key.wholeMatch(of: #/[a-z][A-Za-z0-9]*/#) == nil {
      problems.append("en.toml: \(key): a key is a name in lowerCamelCase (letters and digits)")
    }
    switch placeholders(in: value) {
    case .success(let found):
      let indexes = found.map(\.index)
      if Set(indexes).count != indexes.count {
        problems.append("en.toml: \(key): a placeholder number is used as both %N$@ and %N$d")
      }
      if let highest = indexes.max(), Set(indexes) != Set(1...highest) {
        problems.append("en.toml: \(key): placeholders must be numbered 1, 2, 3… without gaps")
      }
      sourcePlaceholders[key] = found
    case .failure(let error):
      problems.append(
        "en.toml: \(key): '\(error.text)' is not a placeholder; write %1$@, %1$d or %% for a %")
    }
  }
  for language in tables.keys.sorted() where language != "en" {
    let file = "\(language).toml"
    let table = tables[language]!
    for key in source.keys.sorted() where table[key] == nil {
      problems.append("\(file): \(key): missing (en.toml has it)")
    }
    for key in table.keys.sorted() where source[key] == nil {
      problems.append("\(file): \(key): not a key of en.toml")
    }
    for (key, value) in table.sorted(by: { $0.key < $1.key }) {
      guard let english = source[key], let expected = sourcePlaceholders[key] else { continue }
      switch placeholders(in: value) {
      case .success(let found) where found != expected:
        let want = expected.sorted().map(\.description).joined(separator: " ")
        let got = found.sorted().map(\.description).joined(separator: " ")
        problems.append(
          "\(file): \(key): placeholders are [\(got)], en.toml has [\(want)]")
      case .success:
        break
      case .failure(let error):
        problems.append(
          "\(file): \(key): '\(error.text)' is not a placeholder; write %1$@, %1$d or %% for a %")
      }
      if edges(value) != edges(english) {
        problems.append(
          "\(file): \(key): keep the leading and trailing spaces of en.toml's text")
      }
    }
  }
  if !problems.isEmpty { return .problems(problems) }
  return .swift(interfaceSwift(tables, placeholders: sourcePlaceholders))
}

private func interfaceSwift(
  _ tables: [String: [String: String]], placeholders: [String: Set<Placeholder>]
) -> String {
  let keys = tables["en"]!.keys.sorted()
  let languages = ["en"] + tables.keys.filter { $0 != "en" }.sorted()
  var swift = """
    // Generated by strings-gen from Sources/Explorer/Translations/*.toml at build time. Do not edit.

    /// Every interface text's key, as in en.toml.
    enum TextKey: Int, CaseIterable {

    """
  for key in keys { swift += "  case `\(key)`\n" }
  swift += "}\n\n"
  swift += "/// The interface texts of every language, in `TextKey` order.\n"
  swift += "enum BuiltInTranslations {\n"
  swift +=
    "  static let languages: [String] = [\(languages.map(swiftLiteral).joined(separator: ", "))]\n\n"
  swift += "  static func table(_ language: String) -> [String]? {\n    switch language {\n"
  for (index, language) in languages.enumerated() {
    swift += "    case \(swiftLiteral(language)): language\(index)\n"
  }
  swift += "    default: nil\n    }\n  }\n"
  for (index, language) in languages.enumerated() {
    let table = tables[language]!
    swift += "\n  /// \(language)\n  static let language\(index): [String] = [\n"
    for key in keys { swift += "    \(swiftLiteral(table[key]!)),\n" }
    swift += "  ]\n"
  }
  swift += "}\n\nextension Strings {\n"
  for key in keys {
    let english = tables["en"]![key]!
    let found = placeholders[key]!.sorted()
    swift += "  /// en: \(english.replacingOccurrences(of: "\n", with: " "))\n"
    if found.isEmpty {
      swift += "  public var `\(key)`: String { text(.`\(key)`) }\n"
    } else {
      let parameters = found.map { "_ p\($0.index): \($0.isNumber ? "Int" : "String")" }
      let arguments = found.map { $0.isNumber ? "String(p\($0.index))" : "p\($0.index)" }
      swift += "  public func `\(key)`(\(parameters.joined(separator: ", "))) -> String {\n"
      swift += "    format(.`\(key)`, [\(arguments.joined(separator: ", "))])\n  }\n"
    }
  }
  swift += "}\n"
  return swift
}
