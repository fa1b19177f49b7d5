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
      CodeReference(entry: Fixture.catalog.entry(left)!),
      CodeReference(entry: Fixture.catalog.entry(right)!))
    return state
  }

  static let cases: [(String, AppState)] = [
    (
      "browse-40x12",
      Fixture.apply([.moveDown, .toggleMark], to: Fixture.state(width: 40, height: 12))
    ),
    (
      "browse-80x24",
      Fixture.apply([.moveDown, .toggleMark, .moveDown, .moveDown, .moveDown], to: Fixture.state())
    ),
    (
      "browse-160x40",
      Fixture.apply(Fixture.type("mailbox"), to: Fixture.state(width: 160, height: 40))
    ),
    ("compare-40x12", comparing("421", "556", width: 40, height: 12)),
    ("compare-80x24", comparing("421", "556", width: 80, height: 24)),
    ("compare-160x40", comparing("421", "556", width: 160, height: 40)),
    ("help-80x24", Fixture.apply([.toggleHelp], to: Fixture.state())),
    ("too-small-20x5", Fixture.state(width: 20, height: 5)),
  ]

  static let expected: [String: String] = [
    "browse-40x12": #"""
     smtpcodes · SMTP reply codes   7 codes
      250   Requested mail action okay, com…
    ● 421   Service not available, closing …
      450   Requested mail action not taken…
      550   Requested action not taken: mai…
    ────────────────────────────────────────
     421  Service not available, closing
          transmission channel
     4xx Transient Negative Completion

     Severity    transient                 ↓
     marked: 421  Marked 421.
    """#,
    "browse-80x24": #"""
     smtpcodes · SMTP reply codes                                           7 codes
      250   Requested mail action o…│ 556  Domain does not accept mail
    ● 421   Service not available, …│ 5xx Permanent Negative Completion
      450   Requested mail action n…│
      550   Requested action not ta…│ Severity      permanent
      556   Domain does not accept …│ Retry         do not retry
      5.X.X Permanent Failure       │ Who must act  sender's administrator
      X.1.1 Bad destination mailbox…│ Stages        RCPT TO
                                    │ Origin        standard (defined in an RFC)
                                    │ References    RFC 5321
                                    │
                                    │ SUMMARY
                                    │   The domain publishes a null MX: it accepts
                                    │   no mail at all.
                                    │
                                    │ WHAT IT MEANS
                                    │   RFC 7504: the recipient domain has declared
                                    │   that it accepts no mail.
                                    │
                                    │
                                    │
                                    │
                                    │
     marked: 421                    / filter  Space mark  c compare  ? help  q quit
    """#,
    "browse-160x40": #"""
     smtpcodes · SMTP reply codes                                                                                                                      3 of 7 codes
      550   Requested action not taken: mailbox unavailable │ 550  Requested action not taken: mailbox unavailable
      X.1.1 Bad destination mailbox address                 │ 5xx Permanent Negative Completion
      450   Requested mail action not taken: mailbox unavai…│
                                                            │ Severity      permanent
                                                            │ Retry         do not retry until something is fixed
                                                            │ Who must act  sender's administrator
                                                            │ Stages        RCPT TO
                                                            │ Origin        standard (defined in an RFC)
                                                            │ References    RFC 5321
                                                            │
                                                            │ SUMMARY
                                                            │   Summary of 550.
                                                            │
                                                            │ WHAT IT MEANS
                                                            │   The mailbox does not exist or refuses mail.
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
     /mailbox▏                                                                                                                                Enter keep  Esc clear
    """#,
    "compare-40x12": #"""
     Compare 421 ⇄ 556
     ≠ Code
       421  421
       556  556
     ≠ Title
       421  Service not available, closing
            transmission channel
       556  Domain does not accept mail
     ≠ Severity
       421  transient
       556  permanent                      ↓
                 s swap  n/N next/prev diff
    """#,
    "compare-80x24": #"""
     Compare 421 ⇄ 556
     Field             421                          │ 556
     Code            ≠ 421                          │ 556
     Title           ≠ Service not available,       │ Domain does not accept mail
                       closing transmission channel │
     Severity        ≠ transient                    │ permanent
     Retry           ≠ retry later, with backoff    │ do not retry
     Who must act    = sender's administrator       │ sender's administrator
     Closes          ≠ yes                          │ no
     connection                                     │
     Stages          = RCPT TO                      │ RCPT TO
     Summary         ≠ The server is closing the    │ The domain publishes a null
                       connection; retry later.     │ MX: it accepts no mail at
                                                    │ all.
     Description     ≠ The server cannot go on with │ RFC 7504: the recipient
                       the session and closes the   │ domain has declared that it
                       connection.                  │ accepts no mail.
     When you see it = —                            │ —
     How to fix      ≠ Nothing to fix for a single  │ —
                       occurrence: the message      │
                       waits in the queue.          │
     Class           ≠ 4xx Transient Negative       │ 5xx Permanent Negative
                       Completion                   │ Completion                   ↓
                         s swap  n/N next/prev diff  d diffs only  Esc back  q quit
    """#,
    "compare-160x40": #"""
     Compare 421 ⇄ 556
     Field                    421                                                               │ 556
     Code                   ≠ 421                                                               │ 556
     Title                  ≠ Service not available, closing transmission channel               │ Domain does not accept mail
     Severity               ≠ transient                                                         │ permanent
     Retry                  ≠ retry later, with backoff                                         │ do not retry
     Who must act           = sender's administrator                                            │ sender's administrator
     Closes connection      ≠ yes                                                               │ no
     Stages                 = RCPT TO                                                           │ RCPT TO
     Summary                ≠ The server is closing the connection; retry later.                │ The domain publishes a null MX: it accepts no mail at all.
     Description            ≠ The server cannot go on with the session and closes the           │ RFC 7504: the recipient domain has declared that it accepts no
                              connection.                                                       │ mail.
     When you see it        = —                                                                 │ —
     How to fix             ≠ Nothing to fix for a single occurrence: the message waits in the  │ —
                              queue.                                                            │
     Class                  ≠ 4xx Transient Negative Completion                                 │ 5xx Permanent Negative Completion
     Kind                   = basic                                                             │ basic
     Origin                 = standard (defined in an RFC)                                      │ standard (defined in an RFC)
     Enhanced classes       = —                                                                 │ —
     Associated basic codes = —                                                                 │ —
     Related codes          = —                                                                 │ —
     References             = RFC 5321                                                          │ RFC 5321

     KEY DIFFERENCES
       • 421 is a transient failure: the client keeps the message and tries again later; 556 is a permanent failure: the client must not retry as is and returns
         the message to its sender.
       • 421 ends the session: the server closes the connection and nothing more is sent in it; after 556 the session goes on.
       • Retry: for 421, retry later, with backoff; for 556, do not retry.

     WHEN TO USE WHICH
       421 (transient, retry later, with backoff, closes the connection): The server is closing the connection; retry later. 556 (permanent, do not retry): The
       domain publishes a null MX: it accepts no mail at all. Send 421 when the condition may clear by itself: the message waits in the sender's queue. Send 556
       only for a verdict that retrying cannot change. Use 421 only when the whole session must end; 556 answers one command and keeps the connection.

     NOTES
       • 421 is about the server now; 556 about the domain forever.



                                                                                                         s swap  n/N next/prev diff  d diffs only  Esc back  q quit
    """#,
    "help-80x24": #"""
     smtpcodes · SMTP reply codes                                           7 codes
      250┌─ Keys ────────────────────────────────────────────────────────────┐ed
      421│ Move                                                              │
      450│   ↑ k          move up                                            │
      550│   ↓ j          move down                                          │
      556│   PgUp Ctrl-B  page up                                            │ure)
      5.X│   PgDn Ctrl-F  page down                                          │
      X.1│   Ctrl-U       half a page up                                     │
         │   Ctrl-D       half a page down                                   │C)
         │   Home g       go to the top                                      │
         │   End G        go to the bottom                                   │
         │   Tab          switch focus: list ⇄ detail                        │
         │   Shift-Tab    switch focus back                                  │
         │                                                                   │
         │ Filter                                                            │
         │   /            filter by code prefix or words (arrows still move) │
         │   Enter        keep the filter, back to the list                  │
         │   Esc          clear the filter                                   │
         │                                                                   │
         │ Compare                                                           │
         │   Space        mark or unmark for comparison (two at most)        │
         │   c            compare the marked codes (or marked and selected) ↓│
         └─────────────────────────────────────── Esc or ? closes this help ─┘
                                                                  Esc close  q quit
    """#,
    "too-small-20x5": #"""
    Too small: 20×5,
    need 24×7



    """#,
  ]

  @Test(arguments: cases.map(\.0))
  func snapshot(name: String) {
    let state = Self.cases.first { $0.0 == name }!.1
    let actual = Self.screen(state)
    let expected = Self.expected[name]!
    #expect(actual == expected, "\(name):\n\(actual)")
  }

  /// What the snapshots show, said in words: the parts a person relies on.
  @Test func snapshotsShowWhatMatters() {
    let browse = Self.expected["browse-80x24"]!.split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(browse[2].hasPrefix("● 421"))  // marked
    #expect(browse[5].contains("556") && browse[1].contains("556  Domain does not accept mail"))
    #expect(browse.last!.contains("marked: 421") && browse.last!.contains("? help"))
    let compare = Self.expected["compare-80x24"]!.split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(compare[0].contains("Compare 421 ⇄ 556"))
    #expect(
      compare.contains {
        $0.hasPrefix(" Severity        ≠ transient") && $0.hasSuffix("│ permanent")
      })
    #expect(compare.contains { $0.hasPrefix(" Who must act    = sender's administrator") })
    // Verdict rows come before prose rows.
    #expect(
      compare.firstIndex { $0.hasPrefix(" Stages") }! < compare.firstIndex {
        $0.hasPrefix(" Summary")
      }!)
    // A wrapped value keeps both columns aligned: the divider stays in one column.
    let dividers = Set(
      compare.dropFirst().dropLast().compactMap { line in
        line.firstIndex(of: "│").map { line.distance(from: line.startIndex, to: $0) }
      })
    #expect(dividers.count == 1)
    let stacked = Self.expected["compare-40x12"]!
    #expect(
      stacked.contains(
        "≠ Title\n   421  Service not available, closing\n        transmission channel\n   556  Domain does not accept mail\n ≠ Severity"
      ))
    let wide = Self.expected["compare-160x40"]!
    #expect(
      wide.contains("KEY DIFFERENCES") && wide.contains("WHEN TO USE WHICH")
        && wide.contains("NOTES"))
    #expect(Self.expected["browse-160x40"]!.contains("/mailbox▏"))
    #expect(Self.expected["browse-160x40"]!.contains("3 of 7 codes"))
    #expect(Self.expected["help-80x24"]!.contains("Space        mark or unmark for comparison"))
    #expect(Self.expected["too-small-20x5"]!.hasPrefix("Too small: 20×5,"))
  }

  @Test func dump() {
    guard ProcessInfoShim.environment("SNAPSHOT_DUMP") != nil else { return }
    for (name, state) in Self.cases {
      print("=== \(name)")
      print(Self.screen(state))
    }
  }
}
