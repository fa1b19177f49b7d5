import Explorer
import Testing

/// The terminal's input bytes as the explorer sees them: keys, whole pastes, mouse reports, and
/// nothing at all from sequences it does not know.
@Suite struct InputDecoderTests {
  func decode(_ text: String, idle: Int = 0) -> [InputEvent] {
    decode(Array(text.utf8), idle: idle)
  }

  func decode(_ bytes: [UInt8], idle: Int = 0) -> [InputEvent] {
    var decoder = InputDecoder()
    var events = decoder.feed(bytes)
    if idle > 0 { events += decoder.idle(milliseconds: idle) }
    return events
  }

  func keys(_ text: String) -> [InputEvent] {
    text.map { .key(.character($0)) }
  }

  @Test func pasteIsOneEventNeverKeys() {
    let text = "554-5.7.1 Service unavailable;\r554 5.7.1 Client host [1.2.3.4] blocked, request q/"
    let events = decode("\u{1B}[200~" + text + "\u{1B}[201~")
    #expect(
      events == [
        .paste(
          "554-5.7.1 Service unavailable;\n554 5.7.1 Client host [1.2.3.4] blocked, request q/",
          truncated: false)
      ])
  }

  @Test func pasteKeepsEscapeBytesAndLineEnds() {
    let events = decode("a\u{1B}[200~x\u{1B}[Ay\u{1B}[20z\r\nq\n\u{1B}\u{1B}[201~b")
    #expect(
      events == [
        .key(.character("a")), .paste("x\u{1B}[Ay\u{1B}[20z\nq\n\u{1B}", truncated: false),
        .key(.character("b")),
      ])
  }

  @Test func pasteSplitAcrossReadsAndQuietIsOneEvent() {
    let bytes = Array("\u{1B}[200~hello q world/\u{1B}[201~j".utf8)
    // Every split point, including inside both markers, with quiet time between the chunks:
    // seconds once the paste has begun (a lone ESC is the Esc key after 25 ms, so less before).
    for split in 1..<bytes.count {
      var decoder = InputDecoder()
      var events = decoder.feed(bytes[..<split])
      events += decoder.idle(milliseconds: split > 6 ? 3000 : 20)
      events += decoder.feed(bytes[split...])
      let paste = events.contains(.paste("hello q world/", truncated: false))
      #expect(paste, "split at \(split): \(events)")
      #expect(events.last == .key(.character("j")), "split at \(split)")
      #expect(events.count == 2, "split at \(split): \(events)")
    }
  }

  @Test func pasteOneByteAtATime() {
    var decoder = InputDecoder()
    var events: [InputEvent] = []
    for byte in "\u{1B}[200~é日本 q\u{1B}[201~".utf8 { events += decoder.feed([byte]) }
    #expect(events == [.paste("é日本 q", truncated: false)])
  }

  @Test func longPasteIsCutAtTheLimitAndMarked() {
    var decoder = InputDecoder(pasteLimit: 10)
    var events = decoder.feed(Array("\u{1B}[200~0123456789".utf8))
    events += decoder.feed(Array("abcdef q more\u{1B}[201~k".utf8))
    #expect(events == [.paste("0123456789", truncated: true), .key(.character("k"))])
    // A cut never leaves half a character.
    var wide = InputDecoder(pasteLimit: 4)
    #expect(wide.feed(Array("\u{1B}[200~aé日\u{1B}[201~".utf8)) == [.paste("aé", truncated: true)])
  }

  @Test func megabytePasteStaysOneEvent() {
    let line = String(repeating: "q/ x", count: 25) + "\r"
    let text = String(repeating: line, count: 12_000)  // about 1.2 MB
    var decoder = InputDecoder()
    var events: [InputEvent] = []
    let bytes = Array(("\u{1B}[200~" + text + "\u{1B}[201~").utf8)
    var start = 0
    while start < bytes.count {
      let end = min(start + 65536, bytes.count)
      events += decoder.feed(bytes[start..<end])
      start = end
    }
    #expect(events.count == 1)
    guard case .paste(let pasted, let truncated) = events.first else {
      Issue.record("no paste: \(events.prefix(3))")
      return
    }
    #expect(truncated)
    #expect(pasted.utf8.count <= InputDecoder.defaultPasteLimit)
    #expect(pasted.utf8.count > InputDecoder.defaultPasteLimit - 200)
  }

  @Test func pasteWithoutEndIsDeliveredAfterLongQuiet() {
    var decoder = InputDecoder()
    #expect(decoder.feed(Array("\u{1B}[200~abc\u{1B}[20".utf8)).isEmpty)
    #expect(decoder.idle(milliseconds: 1000).isEmpty)
    #expect(decoder.idle(milliseconds: 5000) == [.paste("abc\u{1B}[20", truncated: false)])
    #expect(decoder.feed([0x71]) == [.key(.character("q"))])
  }

  @Test func invalidUTF8InPasteBecomesReplacement() {
    let bytes: [UInt8] = Array("\u{1B}[200~a".utf8) + [0xFF, 0xC3] + Array("b\u{1B}[201~".utf8)
    #expect(decode(bytes) == [.paste("a\u{FFFD}\u{FFFD}b", truncated: false)])
  }

  @Test func unknownSequencesAreSwallowedWhole() {
    // Unknown CSI (with intermediates too), device attributes and cursor-position answers,
    // focus events, kitty keys, OSC ended by BEL and by ST, DCS, APC, PM, SOS, unknown SS3.
    let noise = [
      "\u{1B}[?1;2c", "\u{1B}[>0;276;0c", "\u{1B}[12;40R", "\u{1B}[I", "\u{1B}[O", "\u{1B}[97;5u",
      "\u{1B}[2 q", "\u{1B}[15~", "\u{1B}[201~", "\u{1B}]11;rgb:0000/0000/0000\u{07}",
      "\u{1B}]10;rgb:ffff/ffff/ffff\u{1B}\\", "\u{1B}P1$r0m q/\u{1B}\\", "\u{1B}_Gi=1;OK\u{1B}\\",
      "\u{1B}^private q\u{1B}\\", "\u{1B}Xsos\u{07}", "\u{1B}OP", "\u{1B}[1;5P", "\u{1B}[<0;5;5m",
      "\u{1B}[<35;5;5M", "\u{1B}[<2;5;5M",
    ]
    for sequence in noise {
      #expect(decode("a" + sequence + "b", idle: 600) == keys("ab"), "\(sequence.debugDescription)")
    }
  }

  @Test func csiAndSS3Keys() {
    let cases: [(String, Key)] = [
      ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
      ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
      ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
      ("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
      ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete),
      ("\u{1B}[Z", .backTab), ("\u{1B}[1;5A", .up), ("\u{1B}OM", .enter),
    ]
    for (bytes, key) in cases {
      #expect(decode(bytes) == [.key(key)], "\(bytes.debugDescription)")
    }
  }

  @Test func controlKeysAndBackspace() {
    #expect(
      decode([0x03, 0x1A, 0x09, 0x0D, 0x0A, 0x08, 0x7F, 0x00, 0x1C]) == [
        .key(.control("c")), .key(.control("z")), .key(.tab), .key(.enter), .key(.enter),
        .key(.backspace), .key(.backspace),
      ])
  }

  @Test func utf8Characters() {
    #expect(decode("é日🙂q") == keys("é日🙂q"))
    var decoder = InputDecoder()
    let bytes = Array("日🙂".utf8)
    var events: [InputEvent] = []
    for byte in bytes { events += decoder.feed([byte]) }
    #expect(events == keys("日🙂"))
    // Invalid bytes, a cut-short character, a stray continuation: U+FFFD each, then go on.
    #expect(decode([0xFF, 0x61, 0xE6, 0x97, 0x62, 0x80]) == keys("\u{FFFD}a\u{FFFD}b\u{FFFD}"))
  }

  @Test func loneEscapeAfterTheDelay() {
    var decoder = InputDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.isWaiting)
    #expect(decoder.idle(milliseconds: 10).isEmpty)
    #expect(decoder.idle(milliseconds: 20) == [.key(.escape)])
    #expect(!decoder.isWaiting)
    // Esc Esc: the first is the key; the second waits for its delay.
    #expect(decoder.feed([0x1B, 0x1B]) == [.key(.escape)])
    #expect(decoder.idle(milliseconds: 30) == [.key(.escape)])
    // ESC and a key in one read (Esc then q typed fast, or Alt-q): Esc, then the key.
    #expect(decoder.feed(Array("\u{1B}q".utf8)) == [.key(.escape), .key(.character("q"))])
    #expect(decoder.feed(Array("\u{1B}é".utf8)) == [.key(.escape), .key(.character("é"))])
    #expect(decoder.feed([0x1B, 0x0D]) == [.key(.escape), .key(.enter)])
  }

  @Test func halfSequenceIsDroppedAfterQuiet() {
    var decoder = InputDecoder()
    #expect(decoder.feed(Array("\u{1B}[12;".utf8)).isEmpty)
    #expect(decoder.idle(milliseconds: 100).isEmpty)
    #expect(decoder.feed(Array("4R".utf8)).isEmpty)  // it was a cursor report, split
    #expect(decoder.feed(Array("\u{1B}]52;c;".utf8)).isEmpty)
    #expect(decoder.idle(milliseconds: 600).isEmpty)
    #expect(decoder.feed(Array("q".utf8)) == keys("q"))
  }

  @Test func sgrMouse() {
    #expect(decode("\u{1B}[<0;10;5M") == [.mouse(MouseEvent(.press, x: 9, y: 4))])
    #expect(decode("\u{1B}[<64;1;1M") == [.mouse(MouseEvent(.wheelUp, x: 0, y: 0))])
    #expect(decode("\u{1B}[<65;200;50M") == [.mouse(MouseEvent(.wheelDown, x: 199, y: 49))])
    #expect(decode("\u{1B}[<16;3;4M") == [.mouse(MouseEvent(.press, x: 2, y: 3))])  // Ctrl-click
    // Releases, motion, middle and right buttons: consumed, nothing else.
    #expect(decode("\u{1B}[<0;10;5m\u{1B}[<32;1;1M\u{1B}[<1;1;1M\u{1B}[<2;1;1Mk") == keys("k"))
    // The old form (ESC [ M and three raw bytes) from a terminal without SGR mode: no keys, even
    // where its bytes spell q.
    #expect(decode("\u{1B}[M qq\u{1B}[M`!!j") == keys("j"))
    // Split across reads.
    var decoder = InputDecoder()
    #expect(decoder.feed(Array("\u{1B}[<0;1".utf8)).isEmpty)
    #expect(decoder.feed(Array("2;7M".utf8)) == [.mouse(MouseEvent(.press, x: 11, y: 6))])
  }

  @Test func base64() {
    #expect(Base64.encode(Array("".utf8)) == "")
    #expect(Base64.encode(Array("f".utf8)) == "Zg==")
    #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
    #expect(Base64.encode(Array("foo".utf8)) == "Zm9v")
    #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
    #expect(Base64.encode([0, 0xFF, 0xFE, 0x3E, 0x3F]) == "AP/+Pj8=")
    #expect(Base64.encode(Array("550 5.1.1 ⇄".utf8)) == "NTUwIDUuMS4xIOKHhA==")
  }
}
