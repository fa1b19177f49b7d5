import Explorer
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

/// The application loop: events from the terminal become actions, `update` makes the next
/// state, the renderer draws it and reports what it laid out. The curses backend only draws,
/// reads events and restores the terminal; what a key means is decided here, from the key table.
enum ExplorerLoop {
  enum Outcome: Equatable {
    /// The user quit (q, Ctrl-C).
    case quit
    /// Curses could not drive this terminal (why); nothing was drawn.
    case unavailable(CursesScreen.StartFailure)
  }

  /// `log`: the log of `tui --log`, read on idle ticks.
  static func run(
    _ initial: AppState, theme: Theme, color: Bool, mouse: Bool, log: LogFeed? = nil
  ) -> Outcome {
    let terminal: CursesScreen
    do {
      terminal = try CursesScreen(color: color, mouse: mouse)
    } catch {
      return .unavailable(error)
    }
    defer {
      terminal.signalsWaitForLoop(false)
      terminal.stop()
    }
    terminal.signalsWaitForLoop(true)
    var state = initial
    let size = terminal.size
    update(&state, .resize(width: size.width, height: size.height))
    func draw() {
      let frame = renderFrame(state, theme: theme)
      terminal.draw(frame.grid)
      update(&state, .framed(frame.facts))
    }
    draw()
    while !state.shouldQuit {
      if let signal = terminal.pendingSignal {
        terminal.stopAndReraise(signal)
        return .quit
      }
      // While the log has bytes waiting, keys are polled without waiting and reading goes on.
      switch terminal.readEvent(waitMilliseconds: log?.busy == true ? 0 : 100) {
      case .idle:
        guard let snapshot = log?.pump(budget: 0.05) else { continue }
        update(&state, .logRead(snapshot))
      case .hangup:
        terminal.stopAndReraise(SIGHUP)
        return .quit
      case .resize(let width, let height):
        update(&state, .resize(width: width, height: height))
      case .paste(let text, let truncated):
        update(&state, .paste(text))
        if truncated { state.message = state.strings.pasteTruncated }
      case .mouse(let event):
        update(&state, .mouse(event))
      case .key(let key):
        guard let action = KeyTable.action(for: key, in: state.mode) else { continue }
        if action == .suspend {
          terminal.suspend()
          let size = terminal.size
          update(&state, .resize(width: size.width, height: size.height))
        } else if action == .editNote {
          var message = state.strings.noteNeedsCode
          if let entry = state.selectedEntry {
            let edited = NoteEditor.edit(
              code: entry.code, strings: state.strings, terminal: terminal)
            if let notes = edited.notes { state.notes = notes }
            message = edited.message
          }
          // The terminal may have been resized meanwhile; the message outlives that update.
          let size = terminal.size
          update(&state, .resize(width: size.width, height: size.height))
          state.message = message
        } else {
          update(&state, action)
        }
      }
      if let text = state.pendingCopy {
        state.pendingCopy = nil
        if !terminal.copyToClipboard(text) { state.message = state.strings.copyFailed }
      }
      if !state.shouldQuit { draw() }
    }
    // A signal that came with the last key still ends the process by that signal.
    if let signal = terminal.pendingSignal {
      terminal.stopAndReraise(signal)
    }
    return .quit
  }
}
