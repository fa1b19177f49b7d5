import BuildToolSupport
import CatalogGenCore
import Foundation
import Testing

/// The build-time generator's checks (CatalogGenCore, run by catalog-gen): a wrong value fails
/// the build with the file and entry named, and any text comes out as a valid Swift literal.
@Suite struct CatalogGenTests {
  /// One valid basic entry; `extra` lines are added to it or replace its keys.
  static func entry(code: String = "421", replacing: [String: String] = [:]) -> String {
    var keys: [(String, String)] = [
      ("code", "\"\(code)\""), ("kind", "\"basic\""), ("origin", "\"standard\""),
      ("title", "\"Service not available\""), ("summary", "\"Closing.\""),
      ("description", "\"It closes.\""), ("when", "\"Often.\""), ("fix", "\"Wait.\""),
      ("severity", "\"transient\""), ("reason", "\"systemError\""), ("retry", "\"backoff\""),
      ("retry_note", "\"Later.\""), ("actors", "[\"nobody\"]"), ("stages", "[\"any\"]"),
      ("references", "[\"RFC 5321 §4.2.3\"]"), ("related", "[]"),
      ("server_texts", "[{ text = \"421 Service not available\", source = \"Postfix\" }]"),
    ]
    for (key, value) in replacing {
      if let index = keys.firstIndex(where: { $0.0 == key }) {
        keys[index].1 = value
      } else {
        keys.append((key, value))
      }
    }
    return "[[entry]]\n"
      + keys.filter { !$0.1.isEmpty }.map { "\($0.0) = \($0.1)" }
      .joined(separator: "\n") + "\n"
  }

  static func problems(_ text: String, file: String = "basic-test.toml") -> [String] {
    if case .problems(let problems) = generateCatalog([(file, text)]) { return problems }
    return []
  }

  @Test func aValidEntryGeneratesSwift() throws {
    guard case .swift(let swift) = generateCatalog([("basic-test.toml", Self.entry())]) else {
      Issue.record("a valid entry was refused")
      return
    }
    #expect(swift.contains("code: \"421\""))
    #expect(swift.contains("defaultReason: .`systemError`"))
  }

  @Test(arguments: [
    ("closes_connection", "\"yes\"", "'closes_connection' must be true or false, not a string"),
    ("deprecated", "1", "'deprecated' must be true or false, not a whole number"),
    ("actors", "\"sender\"", "'actors' must be a list, not a string"),
    ("references", "\"RFC 5321\"", "'references' must be a list, not a string"),
    ("related", "[421]", "'related' must hold strings, not a whole number"),
    ("title", "42", "'title' must be a string, not a whole number"),
    ("server_texts", "\"421 Bye\"", "'server_texts' must be a list, not a string"),
    ("server_texts", "[\"421 Bye\"]", "'server_texts' must hold tables, not a string"),
    ("server_texts", "[{ text = \"421 Bye\" }]", "server_texts: missing 'source'"),
    ("reason", "\"slow\"", "'reason' is 'slow'"),
    ("reason", "", "missing 'reason'"),
    ("stages", "[\"later\"]", "'stages' holds 'later'"),
    ("colour", "\"red\"", "unknown key 'colour'"),
  ])
  func aWrongValueIsRefusedWithFileAndEntryNamed(_ key: String, _ value: String, _ message: String)
  {
    let problems = Self.problems(Self.entry(replacing: [key: value]))
    #expect(problems.count >= 1)
    #expect(
      problems.contains { $0.hasPrefix("basic-test.toml: entry 421: ") && $0.contains(message) },
      "\(problems)")
  }

  @Test func anEnhancedEntryWithClassesAsAStringIsRefused() {
    let text = Self.entry(
      code: "X.9.9", replacing: ["kind": "\"enhanced\"", "classes": "\"4, 5\"", "associated": "[]"])
    let problems = Self.problems(text)
    #expect(problems.contains { $0.contains("code must look like") })
    #expect(
      problems.contains { $0.contains("entry X.9.9: 'classes' must be a list, not a string") })
  }

  @Test func aSectionThatIsNotAListOfTablesIsRefused() {
    let problems = Self.problems("entry = \"421\"\n")
    #expect(
      problems.contains { $0.hasPrefix("basic-test.toml: 'entry' must be written [[entry]]") })
  }

  @Test func patternsAndProvidersAreChecked() {
    let text = """
      [[provider]]
      id = "acme"
      name = "Acme"
      kind = "mailbox"
      markers = "acme.example"
      source = "https://acme.example/"

      [[pattern]]
      provider = "nobody-knows"
      contains = ["x"]
      reason = "rateLimited"
      meaning = "m"
      action = "a"
      source = "https://acme.example/"
      actors = ["the boss"]
      """
    let problems = Self.problems(text, file: "providers.toml")
    #expect(
      problems.contains {
        $0 == "providers.toml: provider acme: 'markers' must be a list, not a string"
      })
    #expect(problems.contains { $0.contains("pattern #1: unknown provider 'nobody-knows'") })
    #expect(problems.contains { $0.contains("pattern #1: 'actors' holds 'the boss'") })
  }

  @Test func aTOMLSyntaxErrorNamesTheFileAndLine() {
    let problems = Self.problems("[[entry]]\ncode = \"421\n")
    #expect(problems.contains { $0.hasPrefix("basic-test.toml: line 2") })
  }

  @Test func aRelatedCodeMustExist() {
    let problems = Self.problems(Self.entry(replacing: ["related": "[\"599\"]"]))
    #expect(problems.contains { $0.contains("related code '599' is not in the catalog") })
  }

  @Test(arguments: [
    ("plain", "\"plain\""),
    ("quote \" and \\ backslash", #""quote \" and \\ backslash""#),
    ("line\nbreak\ttab\rreturn", #""line\nbreak\ttab\rreturn""#),
    ("escape \u{1B}[31m bell \u{07} nul \u{0}", #""escape \u{1B}[31m bell \u{7} nul \u{0}""#),
    ("del \u{7F} c1 \u{9B}", #""del \u{7F} c1 \u{9B}""#),
    ("separators \u{2028}\u{2029} bidi \u{202E}", #""separators \u{2028}\u{2029} bidi \u{202E}""#),
    ("interpolation \\(x) and #\"raw\"#", ##""interpolation \\(x) and #\"raw\"#""##),
    ("ünïcödé 日本 ✓", "\"ünïcödé 日本 ✓\""),
  ])
  func literalsEscapeEveryCharacterThatWouldBreakSwift(_ text: String, _ literal: String) {
    let written = swiftLiteral(text)
    #expect(written == literal)
    // Nothing but printable characters is left in the generated source.
    #expect(
      !written.unicodeScalars.contains {
        $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
      })
  }

  @Test func aControlCharacterInATOMLStringReachesTheSwiftEscaped() throws {
    let text = Self.entry(replacing: ["title": "\"Bell \\u0007 and escape \\u001B\""])
    guard case .swift(let swift) = generateCatalog([("basic-test.toml", text)]) else {
      Issue.record("refused")
      return
    }
    #expect(swift.contains(#"title: "Bell \u{7} and escape \u{1B}""#))
    #expect(!swift.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x1B })
  }
}
