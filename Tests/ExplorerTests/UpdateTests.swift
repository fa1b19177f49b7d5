import Explorer
import ReplyCatalog
import Testing

@Suite struct UpdateTests {
  @Test func movesWithinBounds() {
    var state = Fixture.state()
    #expect(state.selectedEntry?.code == "250")
    state = update(state, .moveUp)
    #expect(state.selected == 0)
    state = Fixture.apply([.moveDown, .moveDown], to: state)
    #expect(state.selectedEntry?.code == "450")
    state = update(state, .bottom)
    #expect(state.selectedEntry?.code == "X.1.1")
    state = update(state, .moveDown)
    #expect(state.selectedEntry?.code == "X.1.1")
    state = update(state, .top)
    #expect(state.selectedEntry?.code == "250")
  }

  @Test func pagingKeepsTheSelectionOnScreen() {
    // 12 rows: body 10, list 3 rows (and its title row) when stacked.
    var state = Fixture.state(width: 40, height: 12)
    state = update(state, .pageDown)
    #expect(state.selected == 3)
    #expect(state.listTop >= 1)
    #expect(state.selected < state.listTop + state.layout.list.height)
  }

  @Test func filterNarrowsAtEveryKeystrokeAndExactCodeRanksFirst() {
    var state = Fixture.state()
    state = Fixture.apply(Fixture.type("5"), to: state)
    #expect(state.editingFilter)
    #expect(state.results?.map { state.catalog.entries[$0].code } == ["550", "556"])
    state = update(state, .edit(.insert("5")))
    #expect(state.results?.map { state.catalog.entries[$0].code } == ["550", "556"])
    state = update(state, .edit(.insert("6")))
    #expect(state.selectedEntry?.code == "556")
    #expect(state.results?.first.map { state.catalog.entries[$0].code } == "556")
  }

  @Test func filterByWordsAndOneLetter() {
    var state = Fixture.apply(Fixture.type("mailbox"), to: Fixture.state())
    let codes = Set(state.results!.map { state.catalog.entries[$0].code })
    #expect(codes.isSuperset(of: ["450", "550", "X.1.1"]))
    #expect(!codes.contains("421"))
    state = Fixture.apply(Fixture.type("d"), to: Fixture.state())
    // Titles with a word starting with d: "Domain does not …", "Bad destination …".
    #expect(Set(state.results!.map { state.catalog.entries[$0].code }) == ["556", "X.1.1"])
  }

  @Test func enterKeepsTheFilterAndEscClearsIt() {
    var state = Fixture.apply(Fixture.type("556") + [.promptAccept], to: Fixture.state())
    #expect(!state.editingFilter)
    #expect(state.filter == "556")
    #expect(state.mode == .list)
    state = update(state, .back)
    #expect(state.filter.isEmpty)
    #expect(state.results == nil)
    // The entry selected through the filter stays selected in the whole list.
    #expect(state.selectedEntry?.code == "556")

    state = Fixture.apply(Fixture.type("55") + [.promptCancel], to: Fixture.state())
    #expect(state.filter.isEmpty && !state.editingFilter && state.shownCount == 7)
  }

  @Test func backspaceWidensTheFilter() {
    var state = Fixture.apply(Fixture.type("556"), to: Fixture.state())
    #expect(state.shownCount == 1)
    state = Fixture.apply([.edit(.deleteBackward)], to: state)
    #expect(state.shownCount == 2)
  }

  @Test func nothingMatchesShowsAnEmptyList() {
    let state = Fixture.apply(Fixture.type("zzzz"), to: Fixture.state())
    #expect(state.shownCount == 0)
    #expect(state.selectedEntry == nil)
    let grid = render(state, theme: .builtInDefault)
    #expect(grid.text.contains("Nothing matches “zzzz”."))
  }

  @Test func marksTwoAtMostAndComparesThem() {
    var state = Fixture.state()
    state = Fixture.apply([.moveDown, .toggleMark], to: state)  // 421
    #expect(state.marks == ["421"])
    #expect(state.message == "Marked 421.")
    state = Fixture.apply([.moveDown, .moveDown, .moveDown, .toggleMark], to: state)  // 556
    #expect(state.marks == ["421", "556"])
    state = Fixture.apply([.moveUp, .toggleMark], to: state)  // 550: refused
    #expect(state.marks == ["421", "556"])
    #expect(state.message == Strings.english.markLimit)
    state = update(state, .compare)
    #expect(state.mode == .compare)
    #expect(state.compare?.left.written == "421")
    #expect(state.compare?.right.written == "556")
    state = update(state, .swap)
    #expect(state.compare?.left.written == "556")
    state = update(state, .back)
    #expect(state.compare == nil)
    #expect(state.mode == .list)
  }

  @Test func compareUsesTheMarkAndTheSelection() {
    var state = Fixture.apply(
      [.moveDown, .toggleMark, .moveDown, .moveDown, .compare], to: Fixture.state())
    #expect(state.compare?.left.written == "421")
    #expect(state.compare?.right.written == "550")
    state = Fixture.apply([.compare], to: Fixture.state())
    #expect(state.compare == nil)
    #expect(state.message == Strings.english.compareNeedsTwo)
  }

  @Test func unmarking() {
    let state = Fixture.apply([.toggleMark, .toggleMark], to: Fixture.state())
    #expect(state.marks.isEmpty)
    #expect(state.message == "Unmarked 250.")
  }

  @Test func differencesNavigationAndToggle() {
    var state = Fixture.state(width: 80, height: 12)
    state.openCompare(
      CodeReference(entry: Fixture.catalog.entry("421")!),
      CodeReference(entry: Fixture.catalog.entry("556")!))
    state = Fixture.apply([.nextDifference], to: state)
    // The first differing row is marked, and the counter says where we are.
    #expect(state.compare?.current == 0)
    var grid = render(state, theme: .builtInDefault)
    #expect(grid.text.contains("▶ transient"))
    #expect(grid.lineText(11).contains("≠ 1/"))
    state = Fixture.apply([.nextDifference, .nextDifference], to: state)
    #expect(state.compare!.scroll > 0)
    grid = render(state, theme: .builtInDefault)
    #expect(grid.lineText(4).contains("▶"))
    #expect(grid.lineText(11).contains("≠ 3/"))
    // Past either end it says so and stays.
    state = Fixture.apply(Array(repeating: .nextDifference, count: 20), to: state)
    #expect(state.message?.hasPrefix("Last difference") == true)
    state = Fixture.apply(Array(repeating: .previousDifference, count: 30), to: state)
    #expect(state.compare?.current == 0)
    #expect(state.message?.hasPrefix("First difference") == true)
    state = Fixture.apply([.toggleDifferencesOnly], to: state)
    #expect(state.compare?.differencesOnly == true)
    #expect(state.compare?.scroll == 0)
    let only = render(state, theme: .builtInDefault)
    #expect(!only.text.contains(" = "))
    #expect(only.lineText(0).contains("differences only"))
  }

  /// After the last differing row, n goes on to the key differences; Enter on one goes back to
  /// the row it comes from.
  @Test func keyDifferencesLeadBackToTheirRows() {
    var state = Fixture.state(width: 80, height: 12)
    state.openCompare(
      CodeReference(entry: Fixture.catalog.entry("421")!),
      CodeReference(entry: Fixture.catalog.entry("556")!))
    state = Fixture.apply([.nextDifference], to: state)
    let rows = state.frame.compareDifferences.count
    #expect(!state.frame.compareKeyLines.isEmpty)
    state = Fixture.apply(Array(repeating: .nextDifference, count: rows), to: state)
    #expect(state.compare?.current == rows)
    let field = state.frame.compareKeyFields[0]
    let screen = render(state, theme: .builtInDefault)
    #expect(screen.text.contains("▶ "))
    #expect(screen.lineText(11).contains("key difference 1/"))
    state = Fixture.apply([.toggleExpand], to: state)
    let row = try! #require(state.compare?.current)
    #expect(row < rows)
    #expect(state.frame.compareDifferenceFields[row] == field)
    #expect(state.compare?.scroll == state.frame.compareDifferences[row])
  }

  @Test func tabMovesFocusAndArrowsScrollTheDetail() {
    var state = Fixture.state(width: 80, height: 8)
    state = Fixture.apply([.moveDown, .focusNext], to: state)
    #expect(state.focus == .detail)
    state = Fixture.apply([.moveDown], to: state)
    #expect(state.detailScroll == 1)
    #expect(state.selectedEntry?.code == "421")
    state = Fixture.apply([.bottom], to: state)
    // At the bottom the last line of the entry shows, and a further step down changes nothing.
    #expect(render(state, theme: .builtInDefault).text.contains("queue."))
    let bottom = state.detailScroll
    state = Fixture.apply([.moveDown], to: state)
    #expect(state.detailScroll == bottom)
    state = Fixture.apply([.moveUp], to: state)
    #expect(state.detailScroll == bottom - 1)
    state = Fixture.apply([.back], to: state)
    #expect(state.focus == .list)
  }

  @Test func helpQuitAndInterrupt() {
    var state = update(Fixture.state(), .toggleHelp)
    #expect(state.mode == .help)
    state = update(state, .back)
    #expect(state.mode == .list)
    #expect(update(Fixture.state(), .quit).shouldQuit)
    let typing = Fixture.apply(Fixture.type("q"), to: Fixture.state())
    #expect(!typing.shouldQuit)
    #expect(typing.filter == "q")
    #expect(update(typing, .interrupt).shouldQuit)
  }

  @Test func resizeToAnySizeNeverCrashes() {
    var state = Fixture.apply([.bottom, .toggleMark, .moveUp, .compare], to: Fixture.state())
    for (width, height) in [(0, 0), (1, 1), (3, 2), (24, 7), (23, 7), (200, 3), (5, 80), (120, 35)]
    {
      state = update(state, .resize(width: width, height: height))
      let grid = render(state, theme: .builtInDefault)
      #expect(grid.width == width && grid.height == height)
      state = update(state, .toggleHelp)
      _ = render(state, theme: .builtInDefault)
      state = update(state, .toggleHelp)
    }
  }
}

@Suite struct KeyTableTests {
  @Test func keysMapToActionsPerMode() {
    #expect(KeyTable.action(for: .character("j"), in: .list) == .moveDown)
    #expect(KeyTable.action(for: .down, in: .compare) == .moveDown)
    #expect(KeyTable.action(for: .character("j"), in: .prompt) == .edit(.insert("j")))
    #expect(KeyTable.action(for: .character("q"), in: .prompt) == .edit(.insert("q")))
    #expect(KeyTable.action(for: .character("q"), in: .help) == .quit)
    #expect(KeyTable.action(for: .control("c"), in: .prompt) == .interrupt)
    #expect(KeyTable.action(for: .escape, in: .prompt) == .promptCancel)
    #expect(KeyTable.action(for: .escape, in: .compare) == .back)
    #expect(KeyTable.action(for: .character("s"), in: .compare) == .swap)
    #expect(KeyTable.action(for: .character("s"), in: .list) == nil)
    #expect(KeyTable.action(for: .space, in: .list) == .toggleMark)
    #expect(KeyTable.action(for: .home, in: .list) == .top)
    #expect(KeyTable.action(for: .character("G"), in: .detail) == .bottom)
  }

  @Test func helpIsGeneratedFromTheKeyTable() {
    let help = HelpView(strings: .english)
    let rows = help.groups.flatMap(\.rows)
    for binding in KeyTable.bindings {
      let text = binding.help(.english)
      if text.isEmpty { continue }
      #expect(rows.contains { $0.help == text }, "\(text) is missing from help")
    }
    #expect(rows.contains(Row(keys: "↑ k", help: "move up")))
    #expect(rows.contains(Row(keys: "Space", help: Strings.english.helpMark)))
    #expect(
      help.groups.map(\.title) == [
        "Move", "Filter, search, explain", "Links and copy", "Compare", "General",
      ])
  }

  typealias Row = HelpView.Row
}
