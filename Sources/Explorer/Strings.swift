import ReplyCatalog

/// Every word the explorer and the command line show, in one place, so the interface can be
/// translated.
///
/// Functions take the variable parts; nothing else in the module spells out user-facing text.
public struct Strings: Sendable {
  public var appTitle = "smtpcodes"
  public var appSubtitle = "SMTP reply codes"
  public var codesCount: @Sendable (Int, Int) -> String = { shown, total in
    shown == total ? "\(total) codes" : "\(shown) of \(total) codes"
  }
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
  // Status-line hints (which keys show, and when, is the key table's business).
  public var hintFilter = "filter"
  public var hintMark = "mark"
  public var hintCompare = "compare"
  public var hintHelp = "help"
  public var hintQuit = "quit"
  public var hintKeep = "keep"
  public var hintClear = "clear"
  public var hintSwap = "swap"
  public var hintNextDifference = "next/prev diff"
  public var hintDifferencesOnly = "diffs only"
  public var hintBack = "back"

  // Messages after a key.
  public var markLimit = "Two codes are marked already; Space on one of them unmarks it."
  public var marked: @Sendable (String) -> String = { "Marked \($0)." }
  public var unmarked: @Sendable (String) -> String = { "Unmarked \($0)." }
  public var compareNeedsTwo = "Mark a code with Space, then c compares it with the selected one."
  public var noDifferences = "No differences."
  public var swapped: @Sendable (String, String) -> String = { "Swapped: \($0) ⇄ \($1)." }

  // Detail pane sections.
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

  // Lookup errors on the command line: the catalog's reason, and what to try instead.
  public var lookupFailed: @Sendable (LookupError) -> String = { error in
    switch error {
    case .unknownBasic:
      "\(error.description); see 'smtpcodes list --kind basic'"
    case .unregisteredEnhanced(let code):
      "\(error.description); 'smtpcodes explain \(code)' explains it by class and subject"
    default:
      error.description
    }
  }

  // Listing (`list`, `search`).
  public var classesBadge: @Sendable (String) -> String = { "class \($0)" }
  public var searchNothingFound: @Sendable (String) -> String = { "nothing found for '\($0)'" }

  // Log tally (`scan`).
  public var columnCount = "COUNT"
  public var columnCode = "CODE"
  public var columnEnhanced = "ENHANCED"
  public var columnSeverity = "SEVERITY"
  public var columnProvider = "PROVIDER"
  public var columnReason = "REASON"
  public var columnVerdict = "VERDICT"
  public var columnDomain = "DOMAIN"
  public var columnTemplate = "TEMPLATE"
  public var scanNothing: @Sendable (Int) -> String = {
    "No reply codes found in \($0) line\($0 == 1 ? "" : "s")."
  }
  public var scanSummary: @Sendable (Int, Int, Int) -> String = { replies, lines, groups in
    "\(replies) \(replies == 1 ? "reply" : "replies") in \(lines) \(lines == 1 ? "line" : "lines"); \(groups) \(groups == 1 ? "group" : "groups")"
  }
  public var scanLargestShown: @Sendable (Int) -> String = { ", the \($0) largest shown" }
  public var scanFilteredOut: @Sendable (Int, Int) -> String = {
    "; \($0) counted, \($1) left out by --since/--until/--severity"
  }
  public var scanUntimed: @Sendable (Int) -> String = { " (\($0) without a timestamp)" }
  public var scanFollowing: @Sendable (String) -> String = { "following \($0); Ctrl-C stops" }
  public var scanFolded: @Sendable (Int) -> String = {
    "\($0) rarer groups folded to bound memory"
  }
  public var scanFoldedSummary: @Sendable (Int) -> String = {
    "; \($0) rarer groups folded into the 'other' row to bound memory"
  }

  // Explanation of a reply (`explain`).
  public var explainEmpty = "No text to explain: the input is empty."
  public var explainAllBlank = "No text to explain: every line is blank."
  public var explainNoCode = "No reply code found in the text."
  public var explainSuggests: @Sendable (String, String) -> String = {
    "The text suggests: \($0) (\($1))."
  }
  public var fieldReason = "Reason"
  public var fieldStage = "Stage"
  public var fieldProvider = "Provider"
  public var fieldProviderMeans = "means"
  public var fieldProviderDo = "do"
  public var fieldSource = "source"
  public var fieldBasicCode = "Basic code"
  public var fieldEnhanced = "Enhanced"
  public var fieldCatalog = "Catalog"
  public var fieldReply = "Reply"
  public var reasonFromProvider = " (from the provider's wording)"
  public var reasonFromText = " (from the text)"
  public var reasonFromCodes = " (from the codes)"
  public var basicCodeDecides: @Sendable (String) -> String = { " (the basic code \($0) decides)" }
  public var notInCatalog = "(not in the catalog)"
  public var notInRegistry = "  (not in the IANA registry)"
  public var partClass: @Sendable (Int) -> String = { "class \($0)" }
  public var partSubject: @Sendable (Int) -> String = { "subject \($0)" }
  public var partDetail: @Sendable (Int) -> String = { "detail \($0)" }
  public var showCommandHint: @Sendable (String) -> String = { "  (smtpcodes show \"\($0)\")" }
  public var sectionWarnings = "WARNINGS"
  public var treatedAs: @Sendable (String, Int) -> String = {
    " (\($0) treated as \($1), RFC 5321 §4.5.3.1.10)"
  }
  public var lineTruncated = "truncated (only the first 64 KiB of the line were read)"

  // Whole bounce messages.
  public var sectionMessage = "MESSAGE"
  public var sectionRecipients = "RECIPIENTS"
  public var fieldFrom = "From"
  public var fieldSubject = "Subject"
  public var fieldDate = "Date"
  public var fieldReportingMTA = "Reporting MTA"
  public var fieldArrivalDate = "Arrival date"
  public var fieldFormat = "Format"
  public var messageTruncated: @Sendable (Int) -> String = {
    "The message is larger than \($0) MiB; only its start was read."
  }
  public var notABounce = "No failed recipients: the message does not look like a bounce."
  public var noRecipientFound =
    "No recipient address found in the bounce; its own text was explained above."
  public var noMessages = "No messages found."
  public var columnRecipient = "RECIPIENT"
  public var columnAction = "ACTION"
  public var columnSource = "SOURCE"
  public var columnFailed = "FAILED"
  public var columnCodes = "CODES"
  public var columnRecipientVerdict = "RECIPIENT / VERDICT"
  public var messagesSummary: @Sendable (Int, Int, Int) -> String = { messages, bounces, coded in
    "\(messages) messages; \(bounces) with failed or delayed recipients; \(coded) with a reply code."
  }

  // Compare view.
  public var compareField = "Field"
  public var sectionKeyDifferences = "KEY DIFFERENCES"
  public var sectionWhenToUse = "WHEN TO USE WHICH"
  public var sectionCompareNotes = "NOTES"
  public var placeholder = "—"
  public var sameMarker = "="
  public var changedMarker = "≠"
  public var currentMarker = "▶"
  public var keyDifference: @Sendable (String, String) -> String = { field, text in
    "\(field): \(text)"
  }
  public var differenceCounter: @Sendable (Int, Int) -> String = { "≠ \($0)/\($1)" }
  public var keyDifferenceCounter: @Sendable (Int, Int) -> String = {
    "key difference \($0)/\($1): Enter goes to its row"
  }
  public var lastDifference: @Sendable (Int) -> String = {
    "Last difference (\($0) of \($0)); N goes back."
  }
  public var firstDifference: @Sendable (Int) -> String = {
    "First difference (1 of \($0)); n goes on."
  }
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
  public var keyDelete = "Delete"
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
  public var helpDifferencesOnly = "show only the differences, long rows cut to what differs"
  public var helpExpand =
    "on a row: show it whole (differences only); on a key difference: go to its row"
  public var helpBack = "back (close compare or help; clear filter)"
  public var helpHelp = "show or hide this help"
  public var helpQuit = "quit"
  public var helpInterrupt = "quit from anywhere"
  public var helpSuspend = "suspend (fg resumes)"

  // Log view
  // (`tui --log FILE`: the groups of a mail log, and each group's explanation page.)
  public var logTitle: @Sendable (String) -> String = { "log \($0)" }
  public var logGroupTitle: @Sendable (String) -> String = { "group \($0)" }
  public var logHeader: @Sendable (String, Int, Int, Int) -> String = {
    file, lines, replies, groups in
    "\(file): \(lines) \(lines == 1 ? "line" : "lines") read, \(replies) \(replies == 1 ? "reply" : "replies"), \(groups) \(groups == 1 ? "group" : "groups")"
  }
  public var logReading = "reading…"
  public var logFollowing = "following"
  public var logNoGroupsYet = "No reply codes yet: the table fills as lines arrive."
  public var logFiltered: @Sendable (Int) -> String = { ", \($0) left out by the filters" }
  public var sectionInThisLog = "IN THIS LOG"
  public var sectionSampleLines = "SAMPLE LINES"
  public var fieldCount = "Count"
  public var fieldFirstSeen = "First seen"
  public var fieldLastSeen = "Last seen"
  public var fieldDomains = "Domains"
  public var fieldTemplate = "Template"
  public var logCountShare: @Sendable (Int, Int) -> String = { count, total in
    total > 0 ? "\(count) (\(count * 100 / total)% of the replies counted)" : String(count)
  }
  public var logOtherDomains: @Sendable (Int) -> String = {
    "\($0) without a domain or not among the top ones"
  }
  public var logNoTime = "no timestamps on these lines"
  public var logNoLog = "No log open: start with smtpcodes tui --log FILE."
  public var logStopped: @Sendable (String) -> String = { "stopped reading: \($0)" }
  public var helpOpenGroup = "open the selected group: its explanation, domains and sample lines"
  public var helpSwitchLog = "switch between the log view (tui --log) and the catalog"
  public var helpLogBack = "back to the group table"
  public var hintOpen = "open"
  public var hintCatalog = "catalog"
  public var hintLog = "log"

  public init() {}

  public static let english = Strings()
}
