import TextLayout

/// A key as the backend reports it, independent of curses.
public enum Key: Hashable, Sendable {
  case character(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  /// Ctrl with a letter: `.control("c")` is Ctrl-C.
  case control(Character)

  public static let space = Key.character(" ")
}

/// A mouse report from the terminal (SGR mode), in screen cells counted from 0.
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// The left button went down.
    case press
    case wheelUp, wheelDown
  }

  public var kind: Kind
  public var x: Int
  public var y: Int

  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// Everything that can happen to the explorer: keys become actions, and so do resizes.
public enum Action: Equatable, Sendable {
  case moveUp, moveDown, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom
  case startFilter, startSearch, startExplain
  /// An edit of the open prompt's line.
  case edit(LineEdit)
  case promptAccept, promptCancel
  case nextMatch, previousMatch
  case nextLink, previousLink, follow, goBack
  case nextReply, previousReply
  case copy, copyAll
  /// A digit (or dot) typed in the list: jump to the code it starts.
  case typeCode(Character)
  case paste(String)
  case mouse(MouseEvent)
  case focusNext, focusPrevious
  case toggleMark, compare, swap, nextDifference, previousDifference, toggleDifferencesOnly
  case toggleExpand
  case back, toggleHelp, quit, interrupt, suspend
  /// Open the team's note on the selected code in the user's editor (the event loop runs it).
  case editNote
  case resize(width: Int, height: Int)
  /// The renderer's report of what the last frame laid out.
  case framed(FrameFacts)
  /// The log view (`tui --log`): open the selected group, switch log ⇄ catalog, new lines read.
  case openGroup, switchLog
  case logRead(LogSnapshot)
}

/// Where input goes: decides which bindings apply.
public enum Mode: Hashable, Sendable, CaseIterable {
  /// `prompt`: typing into the filter, the search or the explain prompt.
  case list, detail, prompt, compare, explain, help
  /// The log view's group table, and one group's page.
  case log, logGroup
}

/// A help group, in the order the help overlay shows them.
public enum HelpGroup: CaseIterable, Sendable {
  case move, filter, links, compare, general

  func title(_ strings: Strings) -> String {
    switch self {
    case .move: strings.helpGroupMove
    case .filter: strings.helpGroupFilter
    case .links: strings.helpGroupLinks
    case .compare: strings.helpGroupCompare
    case .general: strings.helpGroupGeneral
    }
  }
}

/// How a binding appears in the status line: a short word, and how much it matters when the line
/// is too narrow for every hint (lower numbers stay longest).
public struct StatusHint: Sendable {
  public let label: @Sendable (Strings) -> String
  public let priority: Int
  /// Shown instead of the binding's first key ("n/N" for a pair of bindings).
  public let keys: String?

  init(_ priority: Int, keys: String? = nil, _ label: @escaping @Sendable (Strings) -> String) {
    self.priority = priority
    self.keys = keys
    self.label = label
  }
}

/// One row of the key table: the keys, what they do, where, the help text and the status hint.
public struct KeyBinding: Sendable {
  public let keys: [Key]
  public let action: Action
  public let modes: Set<Mode>
  public let group: HelpGroup
  public let help: @Sendable (Strings) -> String
  public let hint: StatusHint?
  /// Shown in help instead of the keys' names (a range such as "0–9").
  public let helpKeys: String?

  init(
    _ keys: [Key], _ action: Action, in modes: Set<Mode>, _ group: HelpGroup,
    hint: StatusHint? = nil, helpKeys: String? = nil,
    _ help: @escaping @Sendable (Strings) -> String
  ) {
    self.helpKeys = helpKeys
    self.keys = keys
    self.action = action
    self.modes = modes
    self.group = group
    self.hint = hint
    self.help = help
  }
}

/// The one table that drives input and generates the help overlay.
public enum KeyTable {
  static let browsing: Set<Mode> = [.list, .detail]
  static let pages: Set<Mode> = [.list, .detail, .explain]
  static let logModes: Set<Mode> = [.log, .logGroup]
  static let scrolling = Set<Mode>([.list, .detail, .compare, .explain, .help]).union(logModes)
  static let everywhere = Set(Mode.allCases)
  static let notTyping = Set<Mode>([.list, .detail, .compare, .explain, .help]).union(logModes)

  public static let bindings: [KeyBinding] = [
    KeyBinding([.up, .character("k")], .moveUp, in: scrolling, .move) { $0.helpMoveUp },
    KeyBinding([.down, .character("j")], .moveDown, in: scrolling, .move) { $0.helpMoveDown },
    KeyBinding([.pageUp, .control("b")], .pageUp, in: scrolling, .move) { $0.helpPageUp },
    KeyBinding([.pageDown, .control("f")], .pageDown, in: scrolling, .move) { $0.helpPageDown },
    KeyBinding([.control("u")], .halfPageUp, in: scrolling, .move) { $0.helpHalfPageUp },
    KeyBinding([.control("d")], .halfPageDown, in: scrolling, .move) { $0.helpHalfPageDown },
    KeyBinding([.home, .character("g")], .top, in: scrolling, .move) { $0.helpTop },
    KeyBinding([.end, .character("G")], .bottom, in: scrolling, .move) { $0.helpBottom },
    KeyBinding([.tab], .focusNext, in: browsing, .move) { $0.helpFocus },
    KeyBinding([.backTab], .focusPrevious, in: browsing, .move) { $0.helpFocusBack },
    KeyBinding([.enter], .follow, in: [.list], .move) { $0.helpEnterList },
    KeyBinding([.character("0")], .typeCode("0"), in: [.list], .move, helpKeys: "0–9") {
      $0.helpTypeCode
    },
    KeyBinding([.right, .character("]")], .nextReply, in: [.explain], .move) {
      $0.helpNextReply
    },
    KeyBinding([.left, .character("[")], .previousReply, in: [.explain], .move) {
      $0.helpPreviousReply
    },

    KeyBinding(
      [.character("/")], .startFilter, in: [.list], .filter, hint: StatusHint(2) { $0.hintFilter }
    ) { $0.helpFilter },
    KeyBinding(
      [.character("/")], .startSearch, in: [.detail, .explain], .filter,
      hint: StatusHint(2) { $0.hintSearch }
    ) { $0.helpSearch },
    KeyBinding(
      [.character("n")], .nextMatch, in: [.detail, .explain], .filter,
      hint: StatusHint(4, keys: "n/N") { $0.hintMatches }
    ) { $0.helpNextMatch },
    KeyBinding([.character("N")], .previousMatch, in: [.detail, .explain], .filter) {
      $0.helpPreviousMatch
    },
    KeyBinding(
      [.character("e")], .startExplain, in: pages, .filter, hint: StatusHint(2) { $0.hintExplain }
    ) { $0.helpExplain },
    // The prompt's line editor.
    KeyBinding([.left, .control("b")], .edit(.left), in: [.prompt], .filter) { $0.helpEditLeft },
    KeyBinding([.right, .control("f")], .edit(.right), in: [.prompt], .filter) {
      $0.helpEditRight
    },
    KeyBinding([.home, .control("a")], .edit(.home), in: [.prompt], .filter) { $0.helpEditHome },
    KeyBinding([.end, .control("e")], .edit(.end), in: [.prompt], .filter) { $0.helpEditEnd },
    KeyBinding([.backspace, .control("h")], .edit(.deleteBackward), in: [.prompt], .filter) {
      $0.helpEditBackspace
    },
    KeyBinding([.delete, .control("d")], .edit(.deleteForward), in: [.prompt], .filter) {
      $0.helpEditDelete
    },
    KeyBinding([.control("u")], .edit(.deleteToStart), in: [.prompt], .filter) {
      $0.helpEditDeleteToStart
    },
    KeyBinding([.control("w")], .edit(.deleteWordBackward), in: [.prompt], .filter) {
      $0.helpEditDeleteWord
    },
    KeyBinding([.up, .control("p")], .edit(.historyPrevious), in: [.prompt], .filter) {
      $0.helpEditHistory
    },
    KeyBinding([.down, .control("n")], .edit(.historyNext), in: [.prompt], .filter) {
      $0.helpEditHistoryNext
    },
    // While typing a filter, PgUp/PgDn still move the selection.
    KeyBinding([.pageUp], .pageUp, in: [.prompt], .filter) { _ in "" },
    KeyBinding([.pageDown], .pageDown, in: [.prompt], .filter) { _ in "" },
    KeyBinding(
      [.enter], .promptAccept, in: [.prompt], .filter, hint: StatusHint(1) { $0.hintKeep }
    ) { $0.helpFilterAccept },
    KeyBinding(
      [.escape], .promptCancel, in: [.prompt], .filter, hint: StatusHint(1) { $0.hintClear }
    ) { $0.helpFilterCancel },

    KeyBinding(
      [.character("r")], .nextLink, in: pages, .links,
      hint: StatusHint(4, keys: "r/R") { $0.hintLinks }
    ) { $0.helpNextLink },
    KeyBinding([.character("R")], .previousLink, in: pages, .links) { $0.helpPreviousLink },
    KeyBinding([.enter], .follow, in: [.detail, .explain], .links) { $0.helpFollow },
    // Where back goes is said when a link is followed ("⌫ or Ctrl-O goes back").
    KeyBinding([.backspace, .control("o")], .goBack, in: pages, .links) { $0.helpGoBack },
    KeyBinding(
      [.character("y")], .copy, in: pages.union([.compare]), .links,
      hint: StatusHint(5) { $0.hintCopy }
    ) {
      $0.helpCopy
    },
    KeyBinding([.character("Y")], .copyAll, in: pages.union([.compare]), .links) { $0.helpCopyAll },

    KeyBinding([.space], .toggleMark, in: browsing, .compare, hint: StatusHint(3) { $0.hintMark }) {
      $0.helpMark
    },
    KeyBinding(
      [.character("c")], .compare, in: browsing, .compare, hint: StatusHint(3) { $0.hintCompare }
    ) { $0.helpCompare },
    KeyBinding(
      [.character("s")], .swap, in: [.compare], .compare, hint: StatusHint(3) { $0.hintSwap }
    ) { $0.helpSwap },
    KeyBinding(
      [.character("n")], .nextDifference, in: [.compare], .compare,
      hint: StatusHint(2, keys: "n/N") { $0.hintNextDifference }
    ) {
      $0.helpNextDifference
    },
    KeyBinding([.character("N")], .previousDifference, in: [.compare], .compare) {
      $0.helpPreviousDifference
    },
    KeyBinding([.enter], .toggleExpand, in: [.compare], .compare) { $0.helpExpand },
    KeyBinding(
      [.character("d")], .toggleDifferencesOnly, in: [.compare], .compare,
      hint: StatusHint(3) { $0.hintDifferencesOnly }
    ) {
      $0.helpDifferencesOnly
    },

    KeyBinding(
      [.escape], .back, in: [.compare, .help, .explain], .general,
      hint: StatusHint(1) { $0.hintBack }
    ) { $0.helpBack },
    KeyBinding([.escape], .back, in: browsing, .general) { $0.helpBack },
    KeyBinding(
      [.character("?")], .toggleHelp, in: pages.union([.compare]).union(logModes), .general,
      hint: StatusHint(0) { $0.hintHelp }
    ) { $0.helpHelp },
    KeyBinding([.character("?")], .toggleHelp, in: [.help], .general) { $0.helpHelp },
    // No status hint: the line is full at 80 columns; the help lists it.
    KeyBinding([.character("E")], .editNote, in: browsing, .general) { $0.helpEditNote },
    KeyBinding(
      [.character("q")], .quit, in: notTyping, .general, hint: StatusHint(0) { $0.hintQuit }
    ) { $0.helpQuit },
    KeyBinding([.control("c")], .interrupt, in: everywhere, .general) { $0.helpInterrupt },
    KeyBinding([.control("z")], .suspend, in: everywhere, .general) { $0.helpSuspend },

    // Log view (`tui --log`).
    KeyBinding([.enter], .openGroup, in: [.log], .general, hint: StatusHint(1) { $0.hintOpen }) {
      $0.helpOpenGroup
    },
    KeyBinding(
      [.escape], .back, in: [.logGroup], .general, hint: StatusHint(1) { $0.hintBack }
    ) { $0.helpLogBack },
    KeyBinding(
      [.character("l")], .switchLog, in: logModes, .general,
      hint: StatusHint(2) { $0.hintCatalog }
    ) { $0.helpSwitchLog },
    KeyBinding([.character("l")], .switchLog, in: browsing, .general) { $0.helpSwitchLog },
  ]

  /// What a key does in a mode; typing into a prompt inserts printable characters, and digits
  /// in the list jump to a code.
  public static func action(for key: Key, in mode: Mode) -> Action? {
    for binding in bindings where binding.modes.contains(mode) && binding.keys.contains(key) {
      return binding.action
    }
    if case .character(let character) = key {
      if mode == .prompt, displayWidth(character) > 0 {
        return .edit(.insert(String(character)))
      }
      if mode == .list, character.isASCII, character.isNumber || character == "." {
        return .typeCode(character)
      }
    }
    return nil
  }

  /// The status-line hints of a mode, in table order, each with its priority.
  public static func hints(in mode: Mode, _ strings: Strings) -> [(
    keys: String, label: String, priority: Int
  )] {
    bindings.compactMap { binding in
      guard let hint = binding.hint, binding.modes.contains(mode) else { return nil }
      return (hint.keys ?? name(binding.keys[0], strings), hint.label(strings), hint.priority)
    }
  }

  /// A key's name as help shows it.
  public static func name(_ key: Key, _ strings: Strings) -> String {
    switch key {
    case .character(" "): strings.keySpace
    case .character(let character): String(character)
    case .up: strings.keyUp
    case .down: strings.keyDown
    case .left: strings.keyLeft
    case .right: strings.keyRight
    case .pageUp: strings.keyPageUp
    case .pageDown: strings.keyPageDown
    case .home: strings.keyHome
    case .end: strings.keyEnd
    case .enter: strings.keyEnter
    case .escape: strings.keyEscape
    case .tab: strings.keyTab
    case .backTab: strings.keyBackTab
    case .backspace: strings.keyBackspace
    case .delete: strings.keyDelete
    case .control(let letter): strings.keyControl(letter)
    }
  }
}
