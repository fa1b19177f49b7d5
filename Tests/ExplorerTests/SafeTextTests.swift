import Testing

@testable import TextLayout

/// The one escaping function for untrusted text: what it escapes, and what it leaves alone.
@Suite struct SafeTextTests {
  @Test func controlsAndInvisibleCharactersAreEscaped() {
    let cases: [(String, String)] = [
      ("a\u{1B}]52;c;aGk=\u{07}b", "a\\x1B]52;c;aGk=\\x07b"),
      ("\u{7F}\u{80}\u{9B}\u{9F}", "\\x7F\\u{0080}\\u{009B}\\u{009F}"),
      ("x\u{061C}y", "x\\u{061C}y"),
      ("\u{200E}\u{200F}", "\\u{200E}\\u{200F}"),
      ("\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}", "\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}"),
      ("\u{2066}\u{2067}\u{2068}\u{2069}", "\\u{2066}\\u{2067}\\u{2068}\\u{2069}"),
      ("\u{E0000}\u{E0001}\u{E0041}\u{E007F}", "\\u{E0000}\\u{E0001}\\u{E0041}\\u{E007F}"),
      ("soft\u{00AD}hyphen", "soft\\u{00AD}hyphen"),
      ("\u{180E}\u{200B}\u{FEFF}\u{2060}", "\\u{180E}\\u{200B}\\u{FEFF}\\u{2060}"),
      // Other format characters (Cf), from the Unicode data: Arabic number sign, Egyptian
      // hieroglyph format control, musical symbol formatting.
      ("\u{0600}\u{13430}\u{1D173}", "\\u{0600}\\u{13430}\\u{1D173}"),
      ("\u{2028}\u{2029}", "\\u{2028}\\u{2029}"),
    ]
    for (input, expected) in cases {
      #expect(SafeText.escape(input) == expected, "\(input.debugDescription)")
    }
  }

  @Test func invalidUTF8AndLoneSurrogatesAreEscapedByteByByte() {
    #expect(SafeText.escape([0x61, 0xFF, 0x62]) == "a\\xFFb")
    // U+D800 encoded as if it were a scalar (CESU / WTF-8): not UTF-8.
    #expect(SafeText.escape([0xED, 0xA0, 0x80]) == "\\xED\\xA0\\x80")
    // Overlong "/" and a truncated sequence.
    #expect(SafeText.escape([0xC0, 0xAF]) == "\\xC0\\xAF")
    #expect(SafeText.escape([0xE2, 0x80]) == "\\xE2\\x80")
  }

  @Test func visibleTextStaysAsItIs() {
    for text in ["550 5.1.1 User unknown", "Grüße, 日本語, देवनागरी", "→ · — …", "a\\x1Bb", "😀"] {
      #expect(SafeText.escape(text) == text)
    }
    // Escaping twice changes nothing: error lines may escape a message built from escaped parts.
    let once = SafeText.escape("\u{1B}[2J\u{202E}")
    #expect(SafeText.escape(once) == once)
  }
}
