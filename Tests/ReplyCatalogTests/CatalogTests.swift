import Foundation
import Testing

@testable import ReplyCatalog

/// The team's reference tables sit in `shared/` next to the repository.
enum ReferenceTables {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/reference")

  static func rows(_ name: String) throws -> [[String]] {
    let text = try String(
      contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
  }

  static var available: Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent("basic-codes.tsv").path)
  }
}

let catalog = Catalog.builtIn

@Suite struct Completeness {
  @Test(.enabled(if: ReferenceTables.available, "shared/reference is not next to the repository"))
  func everyBasicCodeOfTheReferenceIsInTheCatalog() throws {
    let rows = try ReferenceTables.rows("basic-codes.tsv")
    #expect(rows.count >= 45)
    for row in rows {
      let code = row[0]
      let entry = try #require(catalog.entry(code), "missing basic code \(code)")
      #expect(entry.kind == .basic)
      #expect(entry.severity.classDigit == Int(row[1]), "class of \(code)")
      let status = row[4]
      let expected: Origin =
        status.hasPrefix("standard")
        ? .standard
        : status.hasPrefix("registry")
          ? .registryOnly
          : status.hasPrefix("draft") ? .draft : .experimental
      #expect(entry.origin == expected, "origin of \(code)")
    }
  }

  @Test(.enabled(if: ReferenceTables.available, "shared/reference is not next to the repository"))
  func everyRegistryEntryIsInTheCatalogWithItsClasses() throws {
    let rows = try ReferenceTables.rows("enhanced-status-codes.tsv")
    var enumerated = 0
    for row in rows {
      let (code, kind, classes) = (row[0], row[1], row[3])
      let catalogCode: String
      switch kind {
      case "class": catalogCode = "\(code.prefix(1)).X.X"
      case "subject": catalogCode = "X.\(code.split(separator: ".")[1]).X"
      default:
        catalogCode = code
        enumerated += 1
      }
      let entry = try #require(catalog.entry(catalogCode), "missing enhanced code \(catalogCode)")
      #expect(entry.kind == .enhanced)
      if kind == "enumerated", classes != "unspecified", !classes.isEmpty {
        let registered = classes.split(separator: ",").compactMap { Int($0) }
        #expect(entry.classes == registered, "classes of \(code)")
      }
      #expect(!entry.classes.isEmpty, "\(code) names no class")
    }
    #expect(enumerated == 81)
    #expect(catalog.entry("X.6.10")?.deprecated == true)
  }

  @Test func nonStandardCodesSeenInTheWildAreLabelled() throws {
    for code in ["426", "522", "541", "542", "571"] {
      #expect(try #require(catalog.entry(code)).origin == .observed, "\(code)")
    }
    for code in ["422", "430", "523", "524", "525", "533"] {
      #expect(try #require(catalog.entry(code)).origin == .registryOnly, "\(code)")
    }
  }

  @Test func everyEntryHasEverySection() {
    for entry in catalog.entries {
      #expect(!entry.title.isEmpty && !entry.summary.isEmpty, "\(entry.code)")
      #expect(entry.description.count > 60, "\(entry.code) description")
      #expect(entry.whenYouSeeIt.count > 60, "\(entry.code) when")
      #expect(entry.howToFix.count > 60, "\(entry.code) fix")
      #expect(!entry.whoMustAct.isEmpty && !entry.stages.isEmpty, "\(entry.code)")
      #expect(!entry.references.isEmpty, "\(entry.code) references")
      // Server texts are only real replies (CatalogTruthTests); a code no software is known to
      // send has none.
      for related in entry.related {
        #expect(catalog.entry(related) != nil, "\(entry.code) → \(related)")
      }
    }
  }

  @Test func basicCodesAreListedInNumericOrderBeforeEnhancedOnes() {
    let codes = catalog.entries.map(\.code)
    #expect(codes.first == "211")
    let firstEnhanced = try! #require(catalog.entries.firstIndex { $0.kind == .enhanced })
    #expect(catalog.entries[..<firstEnhanced].allSatisfy { $0.kind == .basic })
    #expect(codes[firstEnhanced...].prefix(4) == ["2.X.X", "4.X.X", "5.X.X", "X.0.X"])
    let x1 = try! #require(codes.firstIndex(of: "X.1.1"))
    #expect(codes[x1 + 1] == "X.1.2")
    #expect(codes.firstIndex(of: "X.1.10")! > codes.firstIndex(of: "X.1.9")!)
  }
}

@Suite struct TheTraps {
  @Test func nullMXIsASingleRecordWithADot() throws {
    let entry = try #require(catalog.entry("X.1.10"))
    let text = entry.description + entry.notes.joined() + entry.howToFix
    #expect(text.contains("0 ."))
  }

  @Test func code556ComesFromYourOwnRelayAnd521IsAHostThatNeverAcceptsMail() throws {
    let relay = try #require(catalog.entry("556"))
    #expect((relay.summary + relay.description).lowercased().contains("relay"))
    #expect(relay.references.contains { $0.contains("7504") })
    let host = try #require(catalog.entry("521"))
    #expect(host.closesConnection || host.stages.contains(.greeting))
  }

  @Test func tooManyRecipientsUnder552IsTemporary() throws {
    let entry = try #require(catalog.entry("552"))
    #expect((entry.notes + [entry.description]).contains { $0.contains("4.5.3.1.10") })
  }

  @Test func mailboxFullIsPersistentTransient() throws {
    let entry = try #require(catalog.entry("X.2.2"))
    #expect(
      (entry.notes + [entry.description, entry.retryNote]).joined().lowercased().contains(
        "transient"))
  }

  @Test func code454And530DifferUnderStartTLSAndAuth() throws {
    for code in ["454", "530"] {
      let entry = try #require(catalog.entry(code))
      let text = entry.description + entry.notes.joined()
      #expect(text.contains("STARTTLS") && text.contains("AUTH"), "\(code)")
    }
  }
}

@Suite struct Lookup {
  @Test(
    arguments: [
      ("421", ["421"], [nil]),
      ("5.1.1", ["X.1.1"], [5]),
      ("4.1.1", ["X.1.1"], [4]),
      ("X.1.1", ["X.1.1"], [nil]),
      ("x.1.1", ["X.1.1"], [nil]),
      ("5.1.10", ["X.1.10"], [5]),
      ("X.1.X", ["X.1.X"], [nil]),
      ("X.1", ["X.1.X"], [nil]),
      ("5.1.X", ["X.1.X"], [5]),
      ("4.X.X", ["4.X.X"], [4]),
      ("4.XXX.YYY", ["4.X.X"], [4]),
      ("550 5.1.1", ["550", "X.1.1"], [nil, 5]),
      ("550-5.1.1", ["550", "X.1.1"], [nil, 5]),
      ("  421\t", ["421"], [nil]),
    ] as [(String, [String], [Int?])])
  func resolves(_ text: String, _ codes: [String], _ classes: [Int?]) throws {
    let found = try catalog.lookup(text)
    #expect(found.map(\.entry.code) == codes)
    #expect(found.map(\.givenClass) == classes)
  }

  @Test func anEnhancedCodeKeepsTheClassItWasWrittenWith() throws {
    let transient = try #require(try catalog.lookup("4.2.2").first)
    #expect(transient.severity == .transient && transient.written == "4.2.2")
    let permanent = try #require(try catalog.lookup("5.2.2").first)
    #expect(permanent.severity == .permanent)
  }

  @Test(arguments: [
    ("", LookupError.empty),
    ("abc", .malformed("abc")),
    ("3.1.1", .malformed("3.1.1")),
    ("5.1", .malformed("5.1")),
    ("X.X.1", .malformed("X.X.1")),
    ("4211", .malformed("4211")),
    ("599", .unknownBasic("599")),
    ("5.7.606", .unregisteredEnhanced("5.7.606")),
    ("421 450", .tooMany("421 450")),
  ])
  func rejects(_ text: String, _ error: LookupError) {
    #expect(throws: error) { try catalog.lookup(text) }
  }

  @Test func everyErrorNamesWhatIsAccepted() {
    #expect(LookupError.malformed("abc").description.contains("5.1.1"))
    #expect(LookupError.unregisteredEnhanced("5.7.606").description.contains("registry"))
  }
}

@Suite struct Comparing {
  @Test func sameClassComparisonReasonsFromTheFieldsThatDiffer() throws {
    let comparison = catalog.compare(
      try catalog.lookup("450")[0], try catalog.lookup("451")[0])
    let severity = try #require(comparison.fields.first { $0.name == "Severity" })
    #expect(severity.same)
    #expect(!comparison.fields.first { $0.name == "Title" }!.same)
    #expect(!comparison.keyDifferences.contains { $0.contains("permanent failure") })
    #expect(!comparison.notes.isEmpty, "450/451 has a hand-written note")
  }

  @Test func crossClassComparisonExplainsTransientVersusPermanent() throws {
    let comparison = catalog.compare(
      try catalog.lookup("421")[0], try catalog.lookup("556")[0])
    #expect(!comparison.fields.first { $0.name == "Severity" }!.same)
    #expect(comparison.keyDifferences[0].contains("421 is a transient failure"))
    #expect(comparison.keyDifferences.contains { $0.contains("421 ends the session") })
    #expect(comparison.whenToUseWhich.contains("421") && comparison.whenToUseWhich.contains("556"))
    let withNote = catalog.compare(try catalog.lookup("521")[0], try catalog.lookup("556")[0])
    #expect(!withNote.notes.isEmpty, "521/556 has a hand-written note")
  }

  @Test func theSameCodeInTwoClassesDiffersOnlyByClass() throws {
    let comparison = catalog.compare(
      try catalog.lookup("4.7.26")[0], try catalog.lookup("5.7.26")[0])
    #expect(comparison.keyDifferences[0].contains("same status"))
    #expect(comparison.fields.first { $0.name == "Title" }!.same)
    #expect(!comparison.fields.first { $0.name == "Severity" }!.same)
    #expect(!comparison.notes.isEmpty, "4.X.X/5.X.X has a hand-written note")
  }

  @Test func basicAgainstEnhancedNamesTheRegistryPairing() throws {
    let comparison = catalog.compare(
      try catalog.lookup("550")[0], try catalog.lookup("X.1.1")[0])
    #expect(comparison.keyDifferences.contains { $0.contains("550 5.1.1") })
  }

  @Test func swappingExchangesTheSides() throws {
    let comparison = catalog.compare(
      try catalog.lookup("452")[0], try catalog.lookup("552")[0])
    let swapped = comparison.swapped(in: catalog)
    #expect(swapped.left.entry.code == "552" && swapped.fields[0].left == "552")
  }

  @Test func everyComparisonNoteNamesCatalogCodes() {
    #expect(catalog.comparisonNotes.count >= 12)
    for note in catalog.comparisonNotes {
      for code in note.codes { #expect(catalog.entry(code) != nil, "\(code)") }
    }
  }
}

@Suite struct Searching {
  let index = SearchIndex(catalog)

  @Test func anExactCodeRanksFirst() {
    #expect(catalog.search("421", index: index).first?.entry.code == "421")
    #expect(catalog.search("5.1.1", index: index).first?.entry.code == "X.1.1")
    #expect(
      catalog.search("550 5.1.1", index: index).prefix(2).map(\.entry.code) == ["550", "X.1.1"])
  }

  @Test func wordsFindTheRightEntries() {
    let mailboxFull = catalog.search("mailbox full", index: index).prefix(3).map(\.entry.code)
    #expect(mailboxFull.contains("X.2.2"))
    #expect(catalog.search("null MX", index: index).prefix(3).map(\.entry.code).contains("X.1.10"))
    #expect(catalog.search("greylisting", index: index).prefix(5).map(\.entry.code).contains("450"))
  }

  /// Among near-equal matches, codes an RFC defines come before registry-only and observed ones:
  /// 422 (registry-only) mentions greylisting more often than 450 and 451 do.
  @Test func standardCodesRankAboveRegistryOnlyOnes() {
    let codes = catalog.search("greyl", index: index).map(\.entry.code)
    let nonStandard = catalog.entries.filter { $0.origin != .standard }.map(\.code)
    #expect(nonStandard.contains("422"))
    for code in ["450", "451"] {
      #expect(
        (codes.firstIndex(of: code) ?? .max) < (codes.firstIndex(of: "422") ?? .max), "\(codes)")
    }
  }

  @Test func typosAreTolerated() {
    #expect(catalog.search("greylsting", index: index).prefix(5).map(\.entry.code).contains("450"))
    #expect(
      catalog.search("mailbox ful", index: index).prefix(3).map(\.entry.code).contains("X.2.2"))
    #expect(catalog.search("authentcation", index: index).count > 3)
  }

  @Test func codePrefixesFindTheCodesTheyStart() {
    #expect(catalog.entries(withCodePrefix: "55").map(\.code).starts(with: ["550", "551"]))
    #expect(catalog.entries(withCodePrefix: "5.7").first?.code == "X.7.X")
    #expect(catalog.entries(withCodePrefix: "x.7.2").map(\.code).contains("X.7.26"))
  }

  @Test func nonsenseFindsNothing() {
    #expect(catalog.search("qqqqzzzz", index: index).isEmpty)
  }
}
