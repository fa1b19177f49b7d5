import Explorer
import ReplyCatalog
import SettingsFile
import Testing

@Suite struct TeamNoteViewTests {
  let note = TeamNote(
    code: "421", note: "Deploys send 421.\n\nCheck #mail-ops \u{1B}[31mfirst.", owner: "mail-ops")

  func text(_ lines: [Line]) -> [String] { lines.map { $0.map(\.text).joined() } }

  @Test func detailShowsTheTeamsNoteUnderItsOwnHeadingAfterTheDescription() throws {
    let entry = try #require(Fixture.catalog.entries.first { $0.code == "421" })
    let lines = text(DetailView(entry: entry, width: 60, strings: .english, teamNote: note).lines)
    let meaning = try #require(lines.firstIndex(of: "WHAT IT MEANS"))
    let team = try #require(lines.firstIndex(of: "TEAM NOTES"))
    #expect(team > meaning)
    #expect(lines[team + 1] == "  Deploys send 421.")
    #expect(lines[team + 2] == "")
    // Escaped: a note cannot drive the terminal.
    #expect(lines[team + 3] == "  Check #mail-ops \\x1B[31mfirst.")
    #expect(lines[team + 4] == "  owner: mail-ops")
    let without = text(DetailView(entry: entry, width: 60, strings: .english).lines)
    #expect(!without.contains("TEAM NOTES"))
  }

  @Test func theExplorersDetailPaneShowsTheNoteOfTheSelectedCode() {
    var state = Fixture.state(width: 120, height: 40)
    state.notes = TeamNotes([note])
    state.select(code: "421")
    let grid = renderFrame(state, theme: .builtInDefault).grid
    let rows = (0..<grid.height).map { grid.lineText($0) }
    #expect(rows.contains { $0.contains("TEAM NOTES") })
    #expect(rows.contains { $0.contains("owner: mail-ops") })
    state.select(code: "450")
    let other = renderFrame(state, theme: .builtInDefault).grid
    #expect(!(0..<other.height).contains { other.lineText($0).contains("TEAM NOTES") })
  }

  @Test func eIsInTheKeyTableForBrowsingOnly() {
    #expect(KeyTable.action(for: .character("E"), in: .list) == .editNote)
    #expect(KeyTable.action(for: .character("E"), in: .detail) == .editNote)
    // Typing a filter, E is a letter.
    #expect(KeyTable.action(for: .character("E"), in: .prompt) == .edit(.insert("E")))
  }
}
