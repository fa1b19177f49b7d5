import CNcursesw
import CTerminalSupport
import Explorer
import TextLayout

#if canImport(Glibc)
  import Glibc
#endif

/// What the terminal reports between frames.
public enum TerminalEvent: Equatable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// A bracketed paste (ESC [200~ … ESC [201~): its text (line ends as "\n"), never read as keys;
  /// `truncated` when it was longer than `InputDecoder.defaultPasteLimit` (the rest was dropped).
  case paste(String, truncated: Bool)
  case mouse(MouseEvent)
  /// Nothing happened within the poll interval (the loop checks for signals then).
  case idle
  /// The terminal went away (its input hung up): end as SIGHUP would.
  case hangup
}

/// The curses backend: starts and ends curses, copies cell grids to the screen (only what
/// changed), and turns input into `Key`s. It never decides what a key means.
public final class CursesScreen {
  /// Why curses could not start (the explorer then prints plain text).
  public enum StartFailure: Error, Equatable {
    /// terminfo has no entry for this TERM.
    case unknownTerminal(String)
    /// The terminal cannot move its cursor (a hardcopy or "dumb"-like entry).
    case cannotAddressCursor(String)
  }

  /// The largest screen the explorer draws, in cells: a frame costs memory per cell, and a
  /// 5000×5000 window would cost gigabytes. Beyond it the rest of the window stays blank.
  public static let maximumWidth = 1000
  public static let maximumHeight = 500

  private var screen: OpaquePointer?
  private var previous: CellGrid?
  private var pairs: [PairKey: Int16] = [:]
  private let color: Bool
  private var defaultColors = false
  private var colorCount = 0
  private var stopped = false
  private var decoder = InputDecoder()
  private var queued: [TerminalEvent] = []
  private var queueStart = 0
  /// The size last reported by an event (or read at start): a change is reported once.
  private var reportedSize = (width: 0, height: 0)
  private var lastInput = CursesScreen.milliseconds()

  private struct PairKey: Hashable {
    let foreground: Int16
    let background: Int16
  }

  /// Whether curses may be started at all: stdin and stdout are terminals and TERM is set and
  /// not "dumb". (Without a terminal a curses loop can spin; TERM=dumb cannot move the cursor.)
  public static var isUsable: Bool {
    isTerminal && !terminalType.isEmpty && terminalType != "dumb"
  }

  /// Whether stdin and stdout are both terminals (else plain text is the expected output).
  public static var isTerminal: Bool {
    isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
  }

  /// TERM, or "" when unset.
  public static var terminalType: String {
    getenv("TERM").map { String(cString: $0) } ?? ""
  }

  /// Starts curses, or throws why it cannot drive the terminal (unknown TERM, no cursor
  /// addressing); nothing has been drawn then. `mouse` turns on SGR mouse reports (clicks and the
  /// wheel; while on, the terminal's own selection needs Shift).
  public init(color: Bool, mouse: Bool = true) throws(StartFailure) {
    ts_setup_locale()
    let term = Self.terminalType
    // The restore path is armed before curses touches the terminal: a signal at any moment from
    // here on gives the terminal back.
    ts_save_terminal(STDOUT_FILENO)
    ts_install_signal_handlers()
    // Curses starts at terminfo's size, not the window's: a huge window is never allocated in
    // full; the clamped size is set just below.
    use_env(false)
    guard let screen = newterm(nil, shim_stdout(), shim_stdin()) else {
      ts_finish_terminal()
      throw .unknownTerminal(term)
    }
    self.screen = screen
    ts_set_leave_sequence(
      ["rmkx", "cnorm", "sgr0", "rmcup"].map(CursesScreen.capability).joined())
    guard shim_can_address_cursor() == 1 else {
      endwin()
      ts_finish_terminal()
      delscreen(screen)
      self.screen = nil
      throw .cannotAddressCursor(term)
    }
    self.color = color && has_colors()
    raw()
    noecho()
    nonl()
    // Keypad transmit mode on (what terminfo's key strings describe); the bytes themselves are
    // read and decoded by `InputDecoder`, never by curses, so no sequence becomes a stray key.
    keypad(shim_stdscr(), true)
    curs_set(0)
    wtimeout(shim_stdscr(), 0)
    if self.color {
      start_color()
      defaultColors = use_default_colors() == OK
      colorCount = Int(shim_colors())
    }
    resizeToWindow()
    // Bracketed paste always; SGR mouse (button presses and the wheel) unless turned off.
    ts_set_modes_on("\u{1B}[?2004h" + (mouse ? "\u{1B}[?1000h\u{1B}[?1006h" : ""))
    // Out after what curses has queued (the alternate screen), so both land in order.
    wrefresh(shim_stdscr())
    ts_modes_on()
    reportedSize = size
  }

  /// A terminfo string capability, or "" when the terminal has none.
  private static func capability(_ name: String) -> String {
    guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return "" }
    return String(cString: value)
  }

  deinit { stop() }

  /// The screen size the explorer draws (at most `maximumWidth`×`maximumHeight`).
  public var size: (width: Int, height: Int) {
    (Int(getmaxx(shim_stdscr())), Int(getmaxy(shim_stdscr())))
  }

  /// Gives the terminal back as it was. Safe to call more than once.
  public func stop() {
    guard !stopped, let screen else { return }
    stopped = true
    curs_set(1)
    endwin()
    ts_finish_terminal()
    delscreen(screen)
    self.screen = nil
  }

  /// Whether an event loop checks `pendingSignal` between frames (at least every ~100 ms): then
  /// a signal sent from outside is left to the loop, which ends curses cleanly; otherwise (and for
  /// crashes) the signal handler restores the terminal itself.
  public func signalsWaitForLoop(_ polls: Bool) { ts_event_loop_polls(polls ? 1 : 0) }

  /// The signal received from outside (SIGTERM, SIGHUP, SIGINT, SIGQUIT, …), if any.
  public var pendingSignal: Int32? {
    let signal = ts_pending_signal()
    return signal == 0 ? nil : signal
  }

  /// Ends curses, re-raises the signal with its default action (the process ends as the sender
  /// expects); does not return.
  public func stopAndReraise(_ signal: Int32) {
    stop()
    ts_reraise(signal)
  }

  /// Ctrl-Z: give the terminal back, stop, and on `fg` take it again with a full redraw.
  public func suspend() {
    ts_modes_off()
    endwin()
    ts_suspend()
    // Resumed.
    resizeToWindow()
    clearok(shim_curscr(), true)
    invalidate()
    wrefresh(shim_stdscr())
    ts_modes_on()
  }

  /// Puts `text` on the clipboard of the terminal (OSC 52; through ssh too; in tmux with
  /// `set-clipboard on`). False when curses is not running or the text is over
  /// `clipboardLimit` bytes (terminals drop longer ones, some of them silently).
  @discardableResult
  public func copyToClipboard(_ text: String) -> Bool {
    guard !stopped, text.utf8.count <= Self.clipboardLimit else { return false }
    let sequence = "\u{1B}]52;c;" + Base64.encode(text.utf8) + "\u{07}"
    // What curses has buffered goes first.
    fflush(shim_stdout())
    return sequence.withCString { ts_write_terminal($0, strlen($0)) } == 1
  }

  /// The most `copyToClipboard` sends, in bytes of UTF-8 (xterm and others cap OSC 52 near here).
  public static let clipboardLimit = 100_000

  /// Gives the terminal back while `body` runs (an editor), then takes it again with a full
  /// redraw, as after Ctrl-Z and `fg`: paste and mouse modes are off meanwhile.
  public func runOutside<Result>(_ body: () -> Result) -> Result {
    ts_modes_off()
    endwin()
    let result = body()
    resizeToWindow()
    clearok(shim_curscr(), true)
    invalidate()
    wrefresh(shim_stdscr())
    ts_modes_on()
    return result
  }

  /// Forgets what is on screen: the next draw repaints everything.
  public func invalidate() { previous = nil }

  // MARK: Input

  /// The next event: a key, a paste, a mouse report, a resize; `.idle` after up to
  /// `waitMilliseconds` of nothing (0 while the caller has work of its own, such as reading a
  /// log; also while a long paste is still arriving), so the loop can look at signals.
  public func readEvent(waitMilliseconds: Int = 100) -> TerminalEvent {
    // A resize goes first, even while keys keep coming (a held key never stops the input).
    if ts_take_window_change() == 1, case .resize(let width, let height) = sizeCheck() {
      return .resize(width: width, height: height)
    }
    if let event = nextQueued() { return event }
    // A lone ESC waits only the escape delay before it counts as the Esc key.
    let wait =
      decoder.isWaiting ? min(InputDecoder.escapeDelay, waitMilliseconds) : waitMilliseconds
    switch ts_wait_for_input(Int32(wait)) {
    case -1:
      return .hangup
    case 0:
      // Quiet (or a signal, such as SIGWINCH, cut the wait short).
      let now = Self.milliseconds()
      let quiet = now - lastInput
      lastInput = now
      enqueue(decoder.idle(milliseconds: quiet))
      return nextQueued() ?? sizeCheck()
    default:
      var buffer = [UInt8](repeating: 0, count: 65536)
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count == 0 { return .hangup }
      guard count > 0 else { return errno == EINTR || errno == EAGAIN ? sizeCheck() : .hangup }
      lastInput = Self.milliseconds()
      enqueue(decoder.feed(buffer[..<count]))
      return nextQueued() ?? .idle
    }
  }

  private func enqueue(_ events: [InputEvent]) {
    for event in events {
      switch event {
      case .key(let key): queued.append(.key(key))
      case .paste(let text, let truncated): queued.append(.paste(text, truncated: truncated))
      case .mouse(let mouse): queued.append(.mouse(mouse))
      }
    }
  }

  private func nextQueued() -> TerminalEvent? {
    guard queueStart < queued.count else { return nil }
    let event = queued[queueStart]
    queueStart += 1
    if queueStart == queued.count {
      queued.removeAll(keepingCapacity: true)
      queueStart = 0
    }
    return event
  }

  private static func milliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }

  /// Sizes curses' screens to the window, at most `maximumWidth`×`maximumHeight` (curses keeps
  /// three of them, so their cost grows with the window's area).
  private func resizeToWindow() {
    var rows: Int32 = 0
    var columns: Int32 = 0
    guard ts_window_size(&rows, &columns) == 0 else { return }
    let height = min(rows, Int32(Self.maximumHeight))
    let width = min(columns, Int32(Self.maximumWidth))
    if height != getmaxy(shim_stdscr()) || width != getmaxx(shim_stdscr()) {
      resizeterm(height, width)
    }
  }

  /// Resizes are seen here, not as curses' KEY_RESIZE (curses reads no input): SIGWINCH cuts the
  /// wait short, and the kernel's size is compared with what was last reported. (This also
  /// catches up when a burst of resizes loses a SIGWINCH.)
  private func sizeCheck() -> TerminalEvent {
    resizeToWindow()
    let current = size
    guard current.width != reportedSize.width || current.height != reportedSize.height else {
      return .idle
    }
    reportedSize = current
    invalidate()
    return .resize(width: current.width, height: current.height)
  }

  // MARK: Output

  /// Copies a grid to the screen, touching only the cells that changed since the last draw.
  public func draw(_ grid: CellGrid) {
    let window = shim_stdscr()
    let changes = gridChanges(from: previous, to: grid)
    if changes.full { werase(window) }
    for run in changes.runs { drawRun(grid, y: run.y, from: run.first, to: run.last) }
    previous = grid
    wnoutrefresh(window)
    doupdate()
  }

  private func drawRun(_ grid: CellGrid, y: Int, from first: Int, to last: Int) {
    let window = shim_stdscr()
    var x = first
    var buffer: [wchar_t] = []
    while x <= last {
      let style = grid[x, y].style
      let start = x
      buffer.removeAll(keepingCapacity: true)
      while x <= last, grid[x, y].style == style {
        let cell = grid[x, y]
        if !cell.isContinuation {
          // Whatever made the grid, nothing in it drives the terminal: controls, bidi and other
          // invisible format characters are not drawn (a cell of nothing else shows a space).
          let before = buffer.count
          for scalar in cell.text.unicodeScalars where !SafeText.needsEscape(scalar) {
            buffer.append(wchar_t(bitPattern: scalar.value))
          }
          if buffer.count == before, !cell.text.isEmpty { buffer.append(32) }
        }
        x += 1
      }
      let (attributes, pair) = cursesStyle(style)
      wattr_set(window, attributes, pair, nil)
      wmove(window, Int32(y), Int32(start))
      buffer.append(0)
      // Writing the bottom-right cell reports ERR (the cursor cannot advance) but draws it.
      _ = waddnwstr(window, buffer, Int32(buffer.count - 1))
    }
    wattr_set(window, shim_a_normal(), 0, nil)
  }

  private func cursesStyle(_ style: Style) -> (attr_t, Int16) {
    var attributes = shim_a_normal()
    if style.attributes.contains(.bold) { attributes |= shim_a_bold() }
    if style.attributes.contains(.dim) { attributes |= shim_a_dim() }
    if style.attributes.contains(.italic) { attributes |= shim_a_italic() }
    if style.attributes.contains(.underline) { attributes |= shim_a_underline() }
    if style.attributes.contains(.reverse) { attributes |= shim_a_reverse() }
    guard color else { return (attributes, 0) }
    let foreground = cursesColor(style.foreground, isForeground: true)
    let background = cursesColor(style.background, isForeground: false)
    return (attributes, pair(foreground, background))
  }

  private func cursesColor(_ color: Color?, isForeground: Bool) -> Int16 {
    let fallback: Int16 = defaultColors ? -1 : (isForeground ? 7 : 0)
    guard let color else { return fallback }
    switch color.downgraded(toColors: colorCount) {
    case .terminalDefault: return fallback
    case .ansi(let index): return Int16(colorCount >= 16 ? index : index % 8)
    case .indexed(let index): return Int16(index)
    case .rgb: return fallback
    }
  }

  private func pair(_ foreground: Int16, _ background: Int16) -> Int16 {
    if foreground == -1, background == -1 { return 0 }
    let key = PairKey(foreground: foreground, background: background)
    if let known = pairs[key] { return known }
    let number = Int16(pairs.count + 1)
    guard Int32(number) < shim_color_pairs() else { return 0 }
    init_pair(number, foreground, background)
    pairs[key] = number
    return number
  }
}
