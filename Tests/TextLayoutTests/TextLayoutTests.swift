import Testing
import TextLayout

@Suite struct WidthTests {
  @Test func widthsOfScripts() {
    #expect(displayWidth("421 4.7.0") == 9)
    #expect(displayWidth("メール") == 6)  // wide
    #expect(displayWidth("é") == 1)  // e + combining acute, one cluster
    #expect(displayWidth("ज़ि") == 2)  // consonant, nukta (no width), spacing vowel sign
    #expect(displayWidth("क्ष") == 2)  // a conjunct draws both consonants
    #expect(displayWidth("a\u{200B}b") == 2)  // zero-width space
    #expect(displayWidth("👨‍👩‍👧") == 2)  // a joined emoji is one glyph
  }
}

@Suite struct WrapTests {
  @Test func wrapsProseAtSpacesWithinTheWidth() {
    let lines = wrapText("the quick brown fox jumps over the lazy dog", width: 12)
    #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy dog"])
    #expect(wrapText("one\n\ntwo", width: 10) == ["one", "", "two"])
  }

  @Test func neverSplitsURLsAddressesCodesOrTags() {
    let url = "https://support.google.com/mail/?p=UnsolicitedRateLimitError"
    let lines = wrapText("see \(url) for more", width: 20)
    #expect(lines == ["see", url, "for more"])
    #expect(wrapText("mail postmaster@example.com now", width: 12)[1] == "postmaster@example.com")
    #expect(wrapText("a 5.7.26 b", width: 3).contains("5.7.26"))
    #expect(wrapText("tag [TSS04] x", width: 5).contains("[TSS04]"))
    #expect(isUnbreakable("5.7.26."))
    #expect(!isUnbreakable("enormouslylongwordwithoutanything"))
  }

  @Test func cutsOtherLongWordsAtTheWidthAndNeverInsideAGraphemeCluster() {
    #expect(wrapText("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    // Devanagari clusters: a cut falls between clusters, each line within the width.
    let hindi = "प्राप्तकर्ताकापताअमान्यहै"
    for line in wrapText(hindi, width: 5) {
      #expect(displayWidth(line) <= 5)
      #expect(line.unicodeScalars.first?.properties.generalCategory != .spacingMark)
      #expect(line.unicodeScalars.first?.properties.generalCategory != .nonspacingMark)
    }
    #expect(wrapText(hindi, width: 5).joined() == hindi)
    // Wide characters: two columns each.
    #expect(wrapText("メールボックス", width: 5) == ["メー", "ルボ", "ック", "ス"])
    #expect(wrapText("メールボックス", width: 5).allSatisfy { displayWidth($0) <= 5 })
  }

  @Test func runsKeepTheirTagsAcrossBreaks() {
    let lines = wrapRuns(
      [(text: "keep this ", tag: 0), (text: "changed words here", tag: 1)], width: 10)
    #expect(lines.map { $0.map(\.text).joined() } == ["keep this", "changed", "words here"])
    #expect(lines[0].map(\.tag) == [0])
    #expect(lines[1].map(\.tag) == [1])
    #expect(lines[2].map(\.tag) == [1])
    // A word split across runs stays one word.
    let word = wrapRuns([(text: "per", tag: 0), (text: "manent", tag: 1)], width: 20)
    #expect(word.count == 1 && word[0].map(\.text) == ["per", "manent"])
  }

  @Test func verbatimKeepsLineBreaksAndHangsLongLines() {
    let reply =
      "550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 gsmtp"
    let lines = wrapVerbatim(reply, width: 30)
    #expect(lines.first!.hasPrefix("550-5.1.1"))
    #expect(lines.last == "550 5.1.1 gsmtp")
    #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix("  ") })
    #expect(lines.allSatisfy { displayWidth($0) <= 30 })
  }

  @Test func truncationEndsInAnEllipsisAndKeepsTheWidth() {
    #expect(truncate("Service not available", width: 10) == "Service n…")
    #expect(truncate("short", width: 10) == "short")
    #expect(displayWidth(truncate("メールボックス", width: 6)) == 6)
  }
}

@Suite struct SafeTextTests {
  @Test func escapesControlsAndInvisibleMarks() {
    #expect(SafeText.escape("a\u{1B}]52;c;aGk=\u{07}b") == "a\\x1B]52;c;aGk=\\x07b")
    #expect(SafeText.escape("x\u{202E}y") == "x\\u{202E}y")
    #expect(SafeText.escape([0x41, 0xFF, 0x42]) == "A\\xFFB")
    #expect(SafeText.escape("メール ok") == "メール ok")
  }
}
