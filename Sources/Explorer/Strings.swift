/// Every label the explorer shows, in one place, so the interface can be translated later.
///
/// Functions take the variable parts; nothing else in the module spells out user-facing text.
public struct Strings: Sendable {
  public var appTitle = "smtpcodes"
  public var appSubtitle = "SMTP reply codes"
  public var codesCount: @Sendable (Int, Int) -> String = { shown, total in
    shown == total ? "\(total) codes" : "\(shown) of \(total) codes"
  }
  public var listTitle = "Codes"
  public var detailTitle = "Detail"
  public var compareTitle: @Sendable (String, String) -> String = { left, right in
    "Compare \(left) ⇄ \(right)"
  }
  public var differencesOnlyBanner = "differences only"
  public var helpTitle = "Keys"
  public var helpFooter = "Esc or ? closes this help"
  public var noMatches: @Sendable (String) -> String = { "Nothing matches “\($0)”." }
  public var noMatchesHint = "Esc clears the filter."
  public var emptyCatalog = "The catalog is empty."
  public var tooSmall: @Sendable (Int, Int, Int, Int) -> String = {
    width, height, minWidth, minHeight in
    "Too small: \(width)×\(height), need \(minWidth)×\(minHeight)"
  }

  // Status line.
  public var filterPrompt = "/"
  public var filterLabel = "filter:"
  public var marksLabel = "marked:"
  public var statusKeysList = [
    ("/", "filter"), ("Space", "mark"), ("c", "compare"), ("?", "help"), ("q", "quit"),
  ]
  public var statusKeysFilter = [("Enter", "keep"), ("Esc", "clear")]
  public var statusKeysCompare = [
    ("s", "swap"), ("n/N", "next/prev diff"), ("d", "diffs only"), ("Esc", "back"), ("q", "quit"),
  ]
  public var statusKeysHelp = [("Esc", "close"), ("q", "quit")]

  // Messages after a key.
  public var markLimit = "Two codes are marked already; Space on one of them unmarks it."
  public var marked: @Sendable (String) -> String = { "Marked \($0)." }
  public var unmarked: @Sendable (String) -> String = { "Unmarked \($0)." }
  public var compareNeedsTwo = "Mark a code with Space, then c compares it with the selected one."
  public var noDifferences = "No differences."
  public var swapped: @Sendable (String, String) -> String = { "Swapped: \($0) ⇄ \($1)." }

  // Detail pane sections.
  public var fieldClass = "Class"
  public var fieldSeverity = "Severity"
  public var fieldRetry = "Retry"
  public var fieldWhoMustAct = "Who must act"
  public var fieldStages = "Stages"
  public var fieldConnection = "Connection"
  public var closesConnection = "closed by the server after this reply"
  public var fieldOrigin = "Origin"
  public var deprecatedSuffix = "; deprecated"
  public var fieldClasses = "Classes"
  public var fieldSentWith = "Sent with"
  public var fieldReferences = "References"
  public var fieldRelated = "Related"
  public var sectionSummary = "SUMMARY"
  public var sectionMeaning = "WHAT IT MEANS"
  public var sectionWhen = "WHEN YOU SEE IT"
  public var sectionFix = "HOW TO FIX"
  public var sectionNotes = "WATCH OUT"
  public var sectionServerTexts = "REAL SERVER TEXTS"

  // Compare view.
  public var compareField = "Field"
  public var sectionKeyDifferences = "KEY DIFFERENCES"
  public var sectionWhenToUse = "WHEN TO USE WHICH"
  public var sectionCompareNotes = "NOTES"
  public var placeholder = "—"
  public var sameMarker = "="
  public var changedMarker = "≠"
  public var markSymbol = "●"
  public var bullet = "•"
  public var ellipsis = "…"

  // Help: group names.
  public var helpGroupMove = "Move"
  public var helpGroupFilter = "Filter"
  public var helpGroupCompare = "Compare"
  public var helpGroupGeneral = "General"

  // Key names shown in help.
  public var keyUp = "↑"
  public var keyDown = "↓"
  public var keyLeft = "←"
  public var keyRight = "→"
  public var keyPageUp = "PgUp"
  public var keyPageDown = "PgDn"
  public var keyHome = "Home"
  public var keyEnd = "End"
  public var keyEnter = "Enter"
  public var keyEscape = "Esc"
  public var keyTab = "Tab"
  public var keyBackTab = "Shift-Tab"
  public var keyBackspace = "Backspace"
  public var keySpace = "Space"
  public var keyControl: @Sendable (Character) -> String = { "Ctrl-\(String($0).uppercased())" }

  // Help: what each action does.
  public var helpMoveUp = "move up"
  public var helpMoveDown = "move down"
  public var helpPageUp = "page up"
  public var helpPageDown = "page down"
  public var helpHalfPageUp = "half a page up"
  public var helpHalfPageDown = "half a page down"
  public var helpTop = "go to the top"
  public var helpBottom = "go to the bottom"
  public var helpFilter = "filter by code prefix or words (arrows still move)"
  public var helpFilterAccept = "keep the filter, back to the list"
  public var helpFilterCancel = "clear the filter"
  public var helpFocus = "switch focus: list ⇄ detail"
  public var helpFocusBack = "switch focus back"
  public var helpMark = "mark or unmark for comparison (two at most)"
  public var helpCompare = "compare the marked codes (or marked and selected)"
  public var helpSwap = "swap the two sides"
  public var helpNextDifference = "next difference"
  public var helpPreviousDifference = "previous difference"
  public var helpDifferencesOnly = "show only the differences"
  public var helpBack = "back (close compare or help; clear filter)"
  public var helpHelp = "show or hide this help"
  public var helpQuit = "quit"
  public var helpInterrupt = "quit from anywhere"
  public var helpSuspend = "suspend (fg resumes)"

  public init() {}

  public static let english = Strings()
}
