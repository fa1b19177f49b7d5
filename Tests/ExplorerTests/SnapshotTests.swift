import Explorer
import ReplyCatalog
import Testing

/// Screens as text at fixed sizes. Each snapshot is the whole screen (trailing spaces trimmed).
@Suite struct SnapshotTests {
  static func screen(_ state: AppState, theme: Theme = .builtInDefault) -> String {
    render(state, theme: theme).text
  }

  static func comparing(_ left: String, _ right: String, width: Int, height: Int) -> AppState {
    var state = Fixture.state(width: width, height: height)
    state.openCompare(
      CodeReference(entry: Fixture.catalog.entry(left)!), CodeReference(entry: Fixture.catalog.entry(right)!))
    return state
  }

  static let cases: [(String, AppState)] = [
    ("browse-40x12", Fixture.apply([.moveDown, .toggleMark], to: Fixture.state(width: 40, height: 12))),
    ("browse-80x24", Fixture.apply([.moveDown, .toggleMark, .moveDown, .moveDown, .moveDown], to: Fixture.state())),
    ("browse-160x40", Fixture.apply(Fixture.type("mailbox"), to: Fixture.state(width: 160, height: 40))),
    ("compare-40x12", comparing("421", "556", width: 40, height: 12)),
    ("compare-80x24", comparing("421", "556", width: 80, height: 24)),
    ("compare-160x40", comparing("421", "556", width: 160, height: 40)),
    ("help-80x24", Fixture.apply([.toggleHelp], to: Fixture.state())),
    ("too-small-20x5", Fixture.state(width: 20, height: 5)),
  ]

  @Test func dump() {
    guard ProcessInfoShim.environment("SNAPSHOT_DUMP") != nil else { return }
    for (name, state) in Self.cases {
      print("=== \(name)")
      print(Self.screen(state))
    }
  }
}
