import Explorer
import ReplyCatalog
import Testing

/// The on-call flow: a paste is explained (never run as keys), links are followed and come
/// back, the filter is a line editor, positions and copies.
@Suite struct OnCallTests {
  static func real(width: Int = 100, height: Int = 30) -> AppState {
    AppState(catalog: .builtIn, width: width, height: height)
  }

  @Test func aPasteInTheListIsExplainedNotTyped() {
    let state = Fixture.apply([.paste(Fixture.blockedReply)], to: Self.real())
    #expect(!state.shouldQuit)
    #expect(state.mode == .explain)
    #expect(state.filter.isEmpty && state.marks.isEmpty)
    let explanation = state.explain!.explanation
    #expect(explanation.code == "554" && explanation.enhanced == "5.7.1")
    #expect(explanation.reason == .blocklisted)
    // The multi-line reply is one reply, not two.
    #expect(state.explain!.explanations.count == 1)
    let screen = render(state, theme: .builtInDefault).text
    #expect(screen.contains("554 5.7.1") && screen.contains("blocklisted"))
  }

  @Test func severalLoggedRepliesAreExplainedOneByOne() {
    let log = """
      Dec  7 03:12:44 mx1 postfix/smtp[42]: 3F2A1: to=<a@example.com>, status=deferred (host said: 421 4.7.0 Try again later)
      Dec  7 03:12:45 mx1 postfix/smtp[42]: 3F2A2: to=<b@example.net>, status=bounced (host said: 550 5.1.1 User unknown)
      a line without any code
      """
    var state = Fixture.apply([.paste(log)], to: Self.real())
    #expect(state.explain?.explanations.map(\.code) == ["421", "550"])
    #expect(state.message == Strings.english.repliesFound(2))
    state = Fixture.apply([.nextReply], to: state)
    #expect(state.explain?.current == 1)
    #expect(render(state, theme: .builtInDefault).text.contains("reply 2 of 2"))
    state = Fixture.apply([.nextReply], to: state)
    #expect(state.explain?.current == 1)
    #expect(state.message == Strings.english.noMoreReplies(2))
    state = Fixture.apply([.back], to: state)
    #expect(state.explain == nil && state.mode == .list)
  }

  @Test func aPasteIntoTheFilterBecomesItsFirstLine() {
    var state = Fixture.apply(
      [.startFilter, .paste("greylisted\u{07}\nsecond line q")], to: Self.real())
    #expect(state.mode == .prompt)
    #expect(state.filter == "greylisted")
    #expect(!state.shouldQuit)
    #expect(state.message == Strings.english.promptCut(LineEditor.maximumLength))
    // A 10 KB paste is cut to what a query can hold, and says so.
    state = Fixture.apply(
      [.edit(.deleteToStart), .paste(String(repeating: "relay denied ", count: 800))], to: state)
    #expect(state.filter.count == LineEditor.maximumLength)
  }

  @Test func linksAreFollowedAndBackRestoresThePlace() {
    var state = Self.real()
    state.select(code: "421")
    state = Fixture.apply([.focusNext, .moveDown, .moveDown], to: state)
    let scroll = state.detailScroll
    #expect(state.links.first == "450")
    state = Fixture.apply([.nextLink, .nextLink, .previousLink], to: state)
    #expect(state.link == 0)
    state = Fixture.apply([.follow], to: state)
    #expect(state.selectedEntry?.code == "450")
    #expect(state.focus == .detail && state.link == nil)
    state = Fixture.apply([.goBack], to: state)
    #expect(state.selectedEntry?.code == "421")
    #expect(state.detailScroll == scroll && state.focus == .detail && state.link == 0)
    state = Fixture.apply([.goBack], to: state)
    #expect(state.message == Strings.english.historyEmpty)
  }

  @Test func enterOnAnExplanationOpensItsEntryAndBackReturns() {
    var state = Fixture.apply([.paste("550 5.1.1 User unknown")], to: Self.real())
    #expect(state.links == ["550", "X.1.1"])
    state = Fixture.apply([.nextLink, .nextLink, .follow], to: state)
    #expect(state.explain == nil && state.selectedEntry?.code == "X.1.1")
    state = Fixture.apply([.goBack], to: state)
    #expect(state.explain?.explanation.code == "550" && state.link == 1)
  }

  @Test func theExplainPromptExplainsWhatIsTyped() {
    var state = Fixture.apply([.startExplain], to: Self.real())
    #expect(state.mode == .prompt)
    state = Fixture.apply("452 4.2.2 Mailbox full".map { .edit(.insert(String($0))) }, to: state)
    #expect(state.explain == nil)
    state = Fixture.apply([.promptAccept], to: state)
    #expect(state.explain?.explanation.code == "452")
    #expect(state.explain?.explanation.reason == .mailboxFull)
  }

  @Test func theFilterIsALineEditorWithHistory() {
    var state = Fixture.apply(
      [.startFilter] + "relay denied".map { .edit(.insert(String($0))) }, to: Self.real())
    state = Fixture.apply([.edit(.deleteWordBackward)], to: state)
    #expect(state.filter == "relay ")
    state = Fixture.apply([.edit(.home), .edit(.insert("x")), .edit(.deleteBackward)], to: state)
    state = Fixture.apply([.edit(.end), .edit(.insert("ok")), .promptAccept], to: state)
    #expect(state.filter == "relay ok" && state.mode == .list)
    // `/` re-opens the kept query for editing; ↑ brings back earlier ones.
    state = Fixture.apply([.startFilter], to: state)
    #expect(state.filterEditor.text == "relay ok")
    state = Fixture.apply(
      [.edit(.deleteToStart), .edit(.insert("mailbox")), .promptAccept], to: state)
    state = Fixture.apply(
      [.startFilter, .edit(.deleteToStart), .edit(.historyPrevious)], to: state)
    #expect(state.filter == "mailbox")
    state = Fixture.apply([.edit(.historyPrevious)], to: state)
    #expect(state.filter == "relay ok")
    state = Fixture.apply([.edit(.historyNext), .edit(.historyNext)], to: state)
    #expect(state.filter == "")
  }

  @Test func theCursorStaysOnScreenHoweverLongTheQuery() {
    var editor = LineEditor()
    editor.apply(.insert(String(repeating: "abcdefghij", count: 20)))
    var visible = editor.visible(width: 30)
    #expect(visible.text.count <= 30 && visible.cursorColumn == 29)
    #expect(visible.text.hasSuffix("hij"))
    editor.apply(.home)
    visible = editor.visible(width: 30)
    #expect(visible.cursorColumn == 0 && visible.text.hasPrefix("abc"))
    // Wide characters count two columns.
    editor = LineEditor("日本語のテキスト")
    visible = editor.visible(width: 6)
    #expect(visible.cursorColumn <= 5)
  }

  @Test func digitsInTheListJumpToACode() {
    var state = Fixture.apply([.typeCode("4"), .typeCode("5")], to: Self.real())
    #expect(state.selectedEntry?.code.hasPrefix("45") == true)
    state = Fixture.apply([.typeCode("2")], to: state)
    #expect(state.selectedEntry?.code == "452")
    #expect(KeyTable.action(for: .character("4"), in: .list) == .typeCode("4"))
    #expect(KeyTable.action(for: .character("4"), in: .prompt) == .edit(.insert("4")))
  }

  @Test func copyPutsTheCodeAndSummaryOrThePageOnTheClipboard() {
    var state = Self.real()
    state.select(code: "421")
    state = Fixture.apply([.copy], to: state)
    let entry = state.selectedEntry!
    #expect(state.pendingCopy == "421 \(entry.title): \(entry.summary)")
    #expect(state.message?.contains("Copied") == true)
    state.pendingCopy = nil
    state = Fixture.apply([.copyAll], to: state)
    #expect(state.pendingCopy?.contains("WHEN YOU SEE IT") == true)
    state = Fixture.apply([.paste("550 5.1.1 User unknown"), .copy], to: state)
    #expect(state.pendingCopy == state.explain?.explanation.verdict)
  }

  @Test func aClickSelectsARowAndTheWheelScrollsThePaneUnderIt() {
    var state = Fixture.apply([], to: Self.real())
    let list = state.layout.list
    state = Fixture.apply([.mouse(MouseEvent(.press, x: 3, y: list.y + 4))], to: state)
    #expect(state.selected == 4 && state.focus == .list)
    let detail = state.layout.detail
    state = Fixture.apply([.mouse(MouseEvent(.press, x: detail.x + 2, y: detail.y + 1))], to: state)
    #expect(state.focus == .detail && state.selected == 4)
    state = Fixture.apply(
      [.mouse(MouseEvent(.wheelDown, x: detail.x + 2, y: detail.y + 1))], to: state)
    #expect(state.detailScroll == 3)
    state = Fixture.apply([.mouse(MouseEvent(.wheelDown, x: 3, y: list.y + 1))], to: state)
    #expect(state.selected == 7 && state.detailScroll == 0)
  }

  @Test func theSearchGoesFromMatchToMatch() {
    var state = Self.real()
    state.select(code: "421")
    state = Fixture.apply(
      [.focusNext, .startSearch] + "retry".map { .edit(.insert(String($0))) } + [.promptAccept],
      to: state)
    let matches = state.frame.matchLines
    #expect(matches.count >= 2)
    #expect(state.currentMatch == 0)
    state = Fixture.apply([.nextMatch], to: state)
    #expect(state.currentMatch == 1)
    state = Fixture.apply([.previousMatch, .previousMatch], to: state)
    #expect(state.currentMatch == matches.count - 1)
    #expect(state.message == Strings.english.searchWrapped)
  }

  @Test func wideTerminalsShowWholeTitles() {
    let state = Fixture.apply([], to: Self.real(width: 200, height: 30))
    let longest = Catalog.builtIn.entries.map(\.title.count).max()!
    #expect(state.layout.list.width >= longest + 8)
    let narrow = Fixture.apply([], to: Self.real(width: 120, height: 30))
    #expect(narrow.layout.list.width <= 56)
  }

  @Test func anAbsurdWindowIsDrawnAtASaneSize() {
    let state = Fixture.apply([.resize(width: 5000, height: 5000)], to: Self.real())
    let grid = render(state, theme: .builtInDefault)
    #expect(grid.width == Layout.maximumWidth && grid.height == Layout.maximumHeight)
  }
}
