import Testing

@testable import ReplyCatalog

/// The segments as (text, same) pairs, for readable expectations.
private func pairs(_ segments: [DiffSegment]) -> [Pair] {
  segments.map { Pair($0.text, $0.same) }
}

private struct Pair: Equatable, CustomStringConvertible {
  let text: String
  let same: Bool
  init(_ text: String, _ same: Bool) {
    self.text = text
    self.same = same
  }
  var description: String { "(\"\(text)\", \(same))" }
}

/// Segments rebuild the text exactly, none is empty, and neighbours differ in `same`.
private func expectWellFormed(
  _ segments: [DiffSegment], rebuild text: String, _ context: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(segments.map(\.text).joined() == text, "\(context)", sourceLocation: sourceLocation)
  #expect(!segments.contains { $0.text.isEmpty }, "\(context)", sourceLocation: sourceLocation)
  for (a, b) in zip(segments, segments.dropFirst()) {
    #expect(a.same != b.same, "\(context): not merged", sourceLocation: sourceLocation)
  }
}

@Suite struct WordDiffTokens {
  @Test func wordsPunctuationAndWhitespaceRunsRebuildTheText() {
    let text = "The sender's 5.1.1,  re-send (later).\n\tRFC 5321 §4.2.2"
    let tokens = WordDiff.tokens(text).map(String.init)
    #expect(tokens.joined() == text)
    #expect(
      tokens == [
        "The", " ", "sender's", " ", "5.1.1", ",", "  ", "re-send", " ", "(", "later", ")", ".",
        "\n\t", "RFC", " ", "5321", " ", "§", "4.2.2",
      ])
  }

  @Test func accentsAndCombiningMarksStayInTheirWord() {
    let text = "cafe\u{301} déjà-vu 👩‍💻 ok"
    let tokens = WordDiff.tokens(text).map(String.init)
    #expect(tokens.joined() == text)
    #expect(tokens.prefix(4) == ["cafe\u{301}", " ", "déjà-vu", " "])
    #expect(tokens.last == "ok")
  }

  @Test func everyCatalogTextRebuildsFromItsTokens() {
    for entry in catalog.entries {
      for text in [
        entry.title, entry.summary, entry.description, entry.whenYouSeeIt, entry.howToFix,
      ] {
        #expect(WordDiff.tokens(text).joined() == text, "\(entry.code)")
      }
    }
  }
}

@Suite struct WordDiffing {
  @Test func sharedWordsAreSameAndTheOthersAreNot() {
    let diff = WordDiff.diff("retry later, with backoff", "do not retry until something is fixed")
    #expect(pairs(diff.left) == [Pair("retry", true), Pair(" later, with backoff", false)])
    #expect(
      pairs(diff.right) == [
        Pair("do not ", false), Pair("retry", true), Pair(" until something is fixed", false),
      ])
  }

  @Test func whitespaceIsSameOnlyBetweenSameWords() {
    let diff = WordDiff.diff("a b c d", "a x c d")
    #expect(pairs(diff.left) == [Pair("a", true), Pair(" b ", false), Pair("c d", true)])
    #expect(pairs(diff.right) == [Pair("a", true), Pair(" x ", false), Pair("c d", true)])
  }

  @Test func equalTextsAreOneSameSegment() {
    let diff = WordDiff.diff("closed by the server", "closed by the server")
    #expect(pairs(diff.left) == [Pair("closed by the server", true)])
    #expect(diff.left == diff.right)
    #expect(WordDiff.diff("", "").left.isEmpty)
  }

  @Test func anEmptySideIsAllChanged() {
    let diff = WordDiff.diff("", "something new")
    #expect(diff.left.isEmpty)
    #expect(pairs(diff.right) == [Pair("something new", false)])
  }

  @Test func functionWordsAloneBetweenChangesDoNotCountAsShared() {
    let diff = WordDiff.diff("The server rejected the message.", "The client queued the mail.")
    // "the" in the middle is filler between changes; the leading "The" and the final "." stay.
    #expect(
      pairs(diff.left) == [
        Pair("The", true), Pair(" server rejected the message", false), Pair(".", true),
      ])
    #expect(
      pairs(diff.right) == [
        Pair("The", true), Pair(" client queued the mail", false), Pair(".", true),
      ])
  }

  @Test func aMovedWordIsChangedOnBothSides() {
    let diff = WordDiff.diff("one two three", "three one two")
    #expect(pairs(diff.left) == [Pair("one two", true), Pair(" three", false)])
    #expect(pairs(diff.right) == [Pair("three ", false), Pair("one two", true)])
  }

  @Test func longTextsStayCorrectBeyondTheQuadraticLimit() {
    // 1,500 distinct words a side: far over the LCS table's limit, split at unique words.
    let words = (0..<1500).map { "w\($0)" }
    var changed = words
    changed[700] = "changed"
    changed.remove(at: 100)
    let left = words.joined(separator: " ")
    let right = changed.joined(separator: " ")
    let diff = WordDiff.diff(left, right)
    expectWellFormed(diff.left, rebuild: left, "left")
    expectWellFormed(diff.right, rebuild: right, "right")
    #expect(diff.left.filter { !$0.same }.map(\.text) == [" w100 ", " w700 "])
    #expect(diff.right.filter { !$0.same }.map(\.text) == [" changed "])
  }

  @Test func longTextsWithoutAnchorsFallBackToACoarseDiff() {
    // Repeated words only: no unique anchors, too large for the table; still well formed.
    let left = Array(repeating: "a b", count: 700).joined(separator: " ") + " x"
    let right = "y " + Array(repeating: "b a", count: 700).joined(separator: " ")
    let diff = WordDiff.diff(left, right)
    expectWellFormed(diff.left, rebuild: left, "left")
    expectWellFormed(diff.right, rebuild: right, "right")
  }

  @Test func listsDiffAsSets() {
    let diff = WordDiff.setDiff(
      ["sender", "an intermediary (relay, filter)", "recipient"],
      ["recipient", "sender's administrator", "sender"])
    #expect(
      pairs(diff.left) == [
        Pair("sender, ", true), Pair("an intermediary (relay, filter)", false),
        Pair(", recipient", true),
      ])
    #expect(
      pairs(diff.right) == [
        Pair("recipient, ", true), Pair("sender's administrator", false), Pair(", sender", true),
      ])
  }
}

@Suite struct ComparisonDiffs {
  func compare(_ left: String, _ right: String) throws -> Comparison {
    catalog.compare(try catalog.lookup(left).last!, try catalog.lookup(right).last!)
  }

  @Test func segmentsRebuildEveryFieldOf450And550() throws {
    let comparison = try compare("450", "550")
    for field in comparison.fields {
      expectWellFormed(field.segments.left, rebuild: field.left, "\(field.name) left")
      expectWellFormed(field.segments.right, rebuild: field.right, "\(field.name) right")
      if field.same {
        #expect(field.segments.left.allSatisfy { $0.same }, "\(field.name)")
        #expect(field.segments.right.allSatisfy { $0.same }, "\(field.name)")
      } else {
        #expect(
          (field.segments.left + field.segments.right).contains { !$0.same }, "\(field.name)")
      }
    }
  }

  @Test func theRetryFieldMarksSharedAndDifferingWords() throws {
    let retry = try #require(try compare("450", "550").field(named: ComparisonField.Name.retry))
    #expect(retry.kind == .value && retry.section == .verdict)
    func words(_ segments: [DiffSegment], same: Bool) -> Set<String> {
      Set(
        segments.filter { $0.same == same }.flatMap {
          WordDiff.tokens($0.text).filter { $0.first!.isLetter }.map(String.init)
        })
    }
    let leftWords = Set(WordDiff.tokens(retry.left).map(String.init))
    let rightWords = Set(WordDiff.tokens(retry.right).map(String.init))
    let shared = leftWords.intersection(rightWords).filter { $0.first!.isLetter }
    #expect(shared.contains("retry"))
    #expect(words(retry.segments.left, same: true) == shared)
    #expect(words(retry.segments.right, same: true) == shared)
    #expect(words(retry.segments.left, same: false).contains("later"))
    #expect(words(retry.segments.right, same: false).contains("not"))
  }

  @Test func segmentsRebuildEveryFieldAcrossTheCatalog() throws {
    // Each entry against its neighbour and against an entry far away: every kind of field.
    let entries = catalog.entries
    for (index, entry) in entries.enumerated() {
      for other in [entries[(index + 1) % entries.count], entries[(index * 7 + 3) % entries.count]]
      where other != entry {
        let comparison = catalog.compare(CodeReference(entry: entry), CodeReference(entry: other))
        for field in comparison.fields {
          let context = "\(entry.code) vs \(other.code) \(field.name)"
          expectWellFormed(field.segments.left, rebuild: field.left, context + " left")
          expectWellFormed(field.segments.right, rebuild: field.right, context + " right")
        }
      }
    }
  }

  @Test func listFieldsDiffAsSets() throws {
    let comparison = try compare("421", "556")
    for name in [
      ComparisonField.Name.whoMustAct, ComparisonField.Name.stages,
      ComparisonField.Name.related, ComparisonField.Name.references,
    ] {
      let field = try #require(comparison.field(named: name))
      #expect(field.kind == .list, "\(name)")
    }
    let related = try #require(comparison.field(named: ComparisonField.Name.related))
    let leftItems = comparison.left.entry.related
    let rightItems = Set(comparison.right.entry.related)
    // Every item the other side lacks is a changed segment of its own; separators are same.
    let changed = related.segments.left.filter { !$0.same }.map(\.text)
    #expect(changed == leftItems.filter { !rightItems.contains($0) })
    #expect(
      related.segments.left.filter(\.same).allSatisfy {
        $0.text.split(separator: ", ", omittingEmptySubsequences: true).allSatisfy {
          rightItems.contains(String($0))
        }
      })
  }

  @Test func verdictRowsComeFirstAndCodeAndTitleAreTheHeader() throws {
    let comparison = try compare("421", "556")
    typealias Name = ComparisonField.Name
    #expect(comparison.header.map(\.name) == [Name.code, Name.title])
    #expect(comparison.fields[0].name == Name.code, "JSON and swapping keep Code first")
    #expect(
      comparison.rows.prefix(5).map(\.name) == [
        Name.severity, Name.retry, Name.whoMustAct, Name.closesConnection, Name.stages,
      ])
    #expect(comparison.rows.prefix(5).allSatisfy { $0.section == .verdict })
    #expect(comparison.rows.dropFirst(5).prefix(4).allSatisfy { $0.section == .prose })
    let order: [ComparisonField.Section] = [.header, .verdict, .prose, .details]
    let sections = comparison.fields.map { order.firstIndex(of: $0.section)! }
    #expect(sections == sections.sorted())
  }

  @Test func keyDifferencesNameTheirField() throws {
    for (left, right) in [("421", "556"), ("550", "X.1.1"), ("4.7.26", "5.7.26"), ("450", "451")] {
      let comparison = try compare(left, right)
      #expect(comparison.keyDifferenceFields.count == comparison.keyDifferences.count)
      for field in comparison.keyDifferenceFields {
        #expect(comparison.field(named: field) != nil, "\(left)/\(right): \(field)")
      }
    }
    let comparison = try compare("421", "556")
    let severity = try #require(
      comparison.keyDifferenceItems.first { $0.text.contains("transient failure") })
    #expect(severity.field == ComparisonField.Name.severity)
    #expect(
      comparison.keyDifferenceItems.first { $0.text.contains("ends the session") }?.field
        == ComparisonField.Name.closesConnection)
  }
}

@Suite struct SameCodeTwice {
  func references(_ left: String, _ right: String) throws -> (CodeReference, CodeReference) {
    (try catalog.lookup(left).last!, try catalog.lookup(right).last!)
  }

  @Test(arguments: [
    ("421", "421"), ("5.7.26", "5.7.26"), ("5.7.26", "550 5.7.26"), ("X.1.1", "X.1.1"),
  ])
  func theSameCodeIsRejected(_ left: String, _ right: String) throws {
    let (l, r) = try references(left, right)
    #expect(throws: ComparisonError.sameCode(l.written, r.written)) {
      try catalog.comparing(l, r)
    }
  }

  @Test func anEntryWithAndWithoutAClassIsRejected() throws {
    let (l, r) = try references("X.7.26", "5.7.26")
    #expect(throws: ComparisonError.sameEntry("X.7.26", "5.7.26")) { try catalog.comparing(l, r) }
  }

  @Test func theMessageIsOneLineAndSaysWhatWorks() {
    let message = ComparisonError.sameCode("421", "421").description
    #expect(message.hasPrefix("421 twice"))
    #expect(message.contains("4.7.26 and 5.7.26"))
    #expect(!message.contains("\n"))
  }

  @Test func oneEntryInTwoClassesIsARealQuestion() throws {
    let (l, r) = try references("4.7.26", "5.7.26")
    let comparison = try catalog.comparing(l, r)
    typealias Name = ComparisonField.Name
    #expect(comparison.field(named: Name.severity)?.same == false)
    #expect(comparison.field(named: Name.retry) != nil)
    #expect(comparison.field(named: Name.whoMustAct) != nil)
    #expect(comparison.field(named: Name.title)?.same == true)
    #expect(
      try catalog.comparing(try catalog.lookup("421")[0], try catalog.lookup("450")[0]).left.written
        == "421")
  }
}
