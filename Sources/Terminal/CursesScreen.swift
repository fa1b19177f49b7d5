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
  /// A bracketed paste (ESC [200~ … ESC [201~): its text, never read as keys.
  case paste(String)
  case mouse(MouseEvent)
  /// Nothing happened within the poll interval (the loop checks for signals then).
  case idle
  /// The terminal went away (its input hung up): end as SIGHUP would.
  case hangup
}

/// The curses backend: starts and ends curses, copies cell grids to the screen (only what
/// changed), and turns input into `Key`s. It never decides what a key means.
public final class CursesScreen {
  private var screen: OpaquePointer?
  private var previous: CellGrid?
  private var pairs: [PairKey: Int16] = [:]
  private let color: Bool
  private var defaultColors = false
  private var colorCount = 0
  private var stopped = false

  private struct PairKey: Hashable {
    let foreground: Int16
    let background: Int16
  }

  /// Whether curses may be started at all: stdin and stdout are terminals and TERM is set and
  /// not "dumb". (Without a terminal a curses loop can spin; TERM=dumb cannot move the cursor.)
  public static var isUsable: Bool {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
    guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty, term != "dumb"
    else { return false }
    return true
  }

  /// Starts curses, or returns nil when the terminal cannot be driven (unknown TERM, no cursor
  /// addressing); nothing has been drawn then.
  public init?(color: Bool) {
    ts_setup_locale()
    // The restore path is armed before curses touches the terminal: a signal at any moment from
    // here on gives the terminal back.
    ts_save_terminal(STDOUT_FILENO)
    ts_install_signal_handlers()
    guard let screen = newterm(nil, shim_stdout(), shim_stdin()) else {
      ts_finish_terminal()
      return nil
    }
    self.screen = screen
    ts_set_leave_sequence(
      ["rmkx", "cnorm", "sgr0", "rmcup"].map(CursesScreen.capability).joined())
    guard shim_can_address_cursor() == 1 else {
      endwin()
      ts_finish_terminal()
      delscreen(screen)
      self.screen = nil
      return nil
    }
    self.color = color && has_colors()
    raw()
    noecho()
    nonl()
    keypad(shim_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    // Input is polled by `readEvent` (to see signals and hangups); curses itself never blocks.
    wtimeout(shim_stdscr(), 0)
    if self.color {
      start_color()
      defaultColors = use_default_colors() == OK
      colorCount = Int(shim_colors())
    }
  }

  /// A terminfo string capability, or "" when the terminal has none.
  private static func capability(_ name: String) -> String {
    guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return "" }
    return String(cString: value)
  }

  deinit { stop() }

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
    endwin()
    ts_suspend()
    // Resumed.
    var rows: Int32 = 0
    var columns: Int32 = 0
    if ts_window_size(&rows, &columns) == 0 { resizeterm(rows, columns) }
    clearok(shim_curscr(), true)
    invalidate()
    wrefresh(shim_stdscr())
  }

  /// Forgets what is on screen: the next draw repaints everything.
  public func invalidate() { previous = nil }

  // MARK: Input

  /// The next event; with nothing queued, waits up to `waitMilliseconds` (0 while the caller
  /// has work of its own, such as reading a log) and then returns `.idle`.
  public func readEvent(waitMilliseconds: Int32 = 100) -> TerminalEvent {
    var character: wint_t = 0
    var result = wget_wch(shim_stdscr(), &character)
    if result == ERR {
      // Nothing queued: wait a little for input, so termination signals are seen in time.
      switch ts_wait_for_input(waitMilliseconds) {
      case -1: return .hangup
      case 0: return sizeCheck()
      default: result = wget_wch(shim_stdscr(), &character)
      }
    }
    if result == ERR { return sizeCheck() }
    if result == KEY_CODE_YES {
      switch Int32(character) {
      case KEY_RESIZE:
        invalidate()
        let size = self.size
        return .resize(width: size.width, height: size.height)
      case KEY_UP: return .key(.up)
      case KEY_DOWN: return .key(.down)
      case KEY_LEFT: return .key(.left)
      case KEY_RIGHT: return .key(.right)
      case KEY_PPAGE: return .key(.pageUp)
      case KEY_NPAGE: return .key(.pageDown)
      case KEY_HOME, KEY_A1: return .key(.home)
      case KEY_END, KEY_C1: return .key(.end)
      case KEY_ENTER: return .key(.enter)
      case KEY_BACKSPACE, KEY_DC: return .key(.backspace)
      case KEY_BTAB: return .key(.backTab)
      default: return .idle
      }
    }
    switch character {
    case 27: return .key(.escape)
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 8, 127: return .key(.backspace)
    case 1...26:
      return .key(.control(Character(Unicode.Scalar(UInt8(character) + 96))))
    default:
      guard let scalar = Unicode.Scalar(UInt32(character)) else { return .idle }
      return .key(.character(Character(scalar)))
    }
  }

  /// A burst of resizes can lose a SIGWINCH inside curses; when idle, compare with the kernel's
  /// size and catch up.
  private func sizeCheck() -> TerminalEvent {
    var rows: Int32 = 0
    var columns: Int32 = 0
    guard ts_window_size(&rows, &columns) == 0 else { return .idle }
    let current = size
    guard Int(rows) != current.height || Int(columns) != current.width else { return .idle }
    resizeterm(rows, columns)
    invalidate()
    let updated = size
    return .resize(width: updated.width, height: updated.height)
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
