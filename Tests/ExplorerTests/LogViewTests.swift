import Explorer
import ReplyCatalog
import Testing
import TextLayout

/// The log view of `tui --log`: its update and its view models, without a terminal.
@Suite struct LogViewTests {
  static let lines = [
    "May  9 04:21:10 mx postfix/smtp[101]: A1: to=<ann@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.1] said: 450 4.2.0 <ann@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html (in reply to RCPT TO command))",
    "May  9 04:22:10 mx postfix/smtp[102]: A2: to=<bob@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.1] said: 450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html (in reply to RCPT TO command))",
    "May  9 04:23:10 mx postfix/smtp[103]: A3: to=<cy@shop.example>, relay=mx.shop.example[192.0.2.9]:25, delay=1, dsn=4.2.0, status=deferred (host mx.shop.example[192.0.2.9] said: 450 4.2.0 <cy@shop.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/shop.example.html (in reply to RCPT TO command))",
    "May  9 05:00:00 mx postfix/smtp[104]: A4: to=<dee@mail.example>, relay=mail.example[192.0.2.7]:25, delay=1, dsn=5.1.1, status=bounced (host mail.example[192.0.2.7] said: 550 5.1.1 <dee@mail.example>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))",
    "May  9 05:01:00 mx postfix/qmgr[9]: A4: removed",
  ]

  static func snapshot(_ lines: [String] = lines, reading: Bool = false) -> LogSnapshot {
    var tally = ReplyTally(reference: LogTime(year: 2024, month: 6, day: 1)!)
    var splitter = LineSplitter()
    Array(lines.joined(separator: "\n").utf8).withUnsafeBytes { chunk in
      splitter.feed(chunk) { tally.add(line: $0) }
    }
    splitter.finish { tally.add(line: $0) }
    return LogSnapshot(rows: tally.rows(), summary: tally.summary, reading: reading)
  }

  static func state(width: Int = 120, height: Int = 35, following: Bool = false) -> AppState {
    var state = AppState(catalog: .builtIn, width: width, height: height)
    state.log = LogViewState(source: "mail.log", following: following)
    update(&state, .logRead(snapshot()))
    return state
  }

  static func screen(_ state: AppState) -> String {
    render(state, theme: .builtInDefault).text
  }

  @Test func theTableShowsTheGroupsWithTheSummary() {
    let state = Fixture.apply([], to: Self.state())
    #expect(state.mode == .log)
    let screen = Self.screen(state)
    #expect(screen.contains("log mail.log"))
    #expect(screen.contains("mail.log: 5 lines read, 4 replies, 2 groups"))
    #expect(screen.contains("COUNT"))
    #expect(screen.contains("450"))
    #expect(screen.contains("greylisted"))
    #expect(screen.contains("550"))
    #expect(screen.contains("userUnknown"))
    // The largest group first, with its domains and template on its dimmed line.
    #expect(state.log?.selectedRow?.basic == 450)
    #expect(screen.contains("example.org 2"))
  }

  @Test func movingOpeningAndGoingBack() {
    var state = Fixture.apply([.moveDown], to: Self.state())
    #expect(state.log?.selectedRow?.basic == 550)
    state = Fixture.apply([.moveDown, .moveDown], to: state)
    #expect(state.log?.selected == 1)
    state = Fixture.apply([.top], to: state)
    #expect(state.log?.selected == 0)
    state = Fixture.apply([.bottom, .openGroup], to: state)
    #expect(state.mode == .logGroup)
    #expect(state.log?.opened?.basic == 550)
    let page = Self.screen(state)
    #expect(page.contains("group 550 5.1.1"))
    #expect(page.contains("IN THIS LOG"))
    #expect(page.contains("SAMPLE LINES"))
    #expect(page.contains("Last seen"))
    state = Fixture.apply([.back], to: state)
    #expect(state.mode == .log)
    #expect(state.log?.selected == 1)
  }

  /// The wheel moves through the groups; a click or a paste never changes the hidden catalog's
  /// selection behind the log view (a paste is explained on the catalog side, l goes back).
  @Test func theMouseAndAPasteInTheLogView() {
    let before = Fixture.apply([], to: Self.state())
    var state = Fixture.apply([.mouse(MouseEvent(.wheelDown, x: 5, y: 6))], to: before)
    #expect(state.log?.selected == 1 && state.mode == .log)
    state = Fixture.apply([.mouse(MouseEvent(.press, x: 5, y: 10))], to: state)
    #expect(state.selected == before.selected && state.focus == before.focus)
    state = Fixture.apply([.paste("550 5.1.1 User unknown")], to: state)
    #expect(state.mode == .explain && state.explain?.explanation.code == "550")
    state = Fixture.apply([.switchLog], to: state)
    #expect(state.mode == .log)
  }

  @Test func theCatalogIsOneKeyAway() {
    var state = Fixture.apply([.switchLog], to: Self.state())
    #expect(state.mode == .list)
    #expect(Self.screen(state).contains("SMTP reply codes"))
    #expect(KeyTable.action(for: .character("l"), in: .list) == .switchLog)
    state = Fixture.apply([.switchLog], to: state)
    #expect(state.mode == .log)
    // Without a log, l says how to open one.
    let plain = update(Fixture.state(), .switchLog)
    #expect(plain.message == Strings.english.logNoLog)
    #expect(plain.mode == .list)
  }

  @Test func aNewSnapshotKeepsTheSelectedGroupAndTheOpenPage() {
    var state = Fixture.apply([.moveDown, .openGroup], to: Self.state())
    #expect(state.log?.opened?.basic == 550)
    // Three more unknown users: 550 becomes the largest group, first in the table.
    let more = (0..<3).map { Self.lines[3].replacingOccurrences("dee", "x\($0)") }
    update(&state, .logRead(Self.snapshot(Self.lines + more)))
    #expect(state.log?.rows.first?.basic == 550)
    #expect(state.log?.selected == 0)
    #expect(state.log?.opened?.count == 4)
    state = Fixture.apply([.back], to: state)
    #expect(state.log?.selectedRow?.basic == 550)
  }

  @Test func theGroupPageExplainsAndEscapesTheSample() {
    let hostile =
      "May  9 05:00:00 mx postfix/smtp[104]: A4: to=<dee@mail.example>, relay=mail.example[192.0.2.7]:25, dsn=5.1.1, status=bounced (host mail.example[192.0.2.7] said: 550 5.1.1 \u{1B}[31mred\u{202E} User unknown (in reply to RCPT TO command))"
    let row = Self.snapshot([hostile]).rows[0]
    let view = LogGroupView(
      row: row, counted: 1, catalog: .builtIn, width: 70, strings: .english)
    let text = view.lines.map { $0.map(\.text).joined() }
    #expect(text[0].hasPrefix("550 5.1.1"))
    #expect(
      text.contains { $0.contains("Count") && $0.contains("1 (100% of the replies counted)") })
    #expect(text.contains { $0.contains("mail.example 1") })
    #expect(!text.joined().contains("\u{1B}"))
    #expect(!text.joined().contains("\u{202E}"))
    #expect(text.allSatisfy { displayWidth($0) <= 70 })
  }

  @Test func pagingMovesByTheGroupsOnScreenAndNarrowScreensFit() {
    let many = (0..<40).map { n in
      "May  9 05:00:\(n < 10 ? "0" : "")\(n) mx postfix/smtp[1]: Q\(n): to=<u@d\(n).example>, relay=mx.d\(n).example[192.0.2.7]:25, dsn=5.1.\(n % 8), status=bounced (host mx[192.0.2.7] said: 55\(n % 5) 5.1.\(n % 8) rejected number \(n % 8)\(n % 5) (in reply to RCPT TO command))"
    }
    var state = AppState(catalog: .builtIn, width: 80, height: 24)
    state.log = LogViewState(source: "big.log", following: true)
    update(&state, .logRead(Self.snapshot(many)))
    state = Fixture.apply([], to: state)
    let perPage = state.frame.log.groupsPerPage
    #expect(perPage > 1)
    state = Fixture.apply([.pageDown], to: state)
    #expect(state.log?.selected == perPage)
    state = Fixture.apply([.bottom], to: state)
    #expect(state.log?.selected == (state.log?.rows.count ?? 0) - 1)
    #expect(Self.screen(state).contains("following"))
    for (width, height) in [(40, 12), (80, 24)] {
      var small = state
      update(&small, .resize(width: width, height: height))
      small = Fixture.apply([.openGroup], to: small)
      #expect(Self.screen(small).split(separator: "\n").count <= height)
    }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
