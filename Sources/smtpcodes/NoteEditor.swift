import CTerminalSupport
import Explorer
import SettingsFile
import Terminal
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The explorer's `E`: the team's note on a code in the user's own editor.
enum NoteEditor {
  /// Makes sure the notes file has a table for `code` (appending one: nothing already in the file
  /// is rewritten), opens $VISUAL or $EDITOR (else vi) at it with the terminal given back, then
  /// reads the file again. The status line says what happened; a file that no longer parses is
  /// left exactly as the user saved it, and the notes shown stay the last good ones.
  /// Returns the notes to show from now on (nil: keep the current ones) and the status line.
  static func edit(code: String, strings: Strings, terminal: CursesScreen) -> (
    notes: TeamNotes?, message: String
  ) {
    let path = Settings.notesPath.value
    let what = strings.notesFileWhat
    var text = ""
    do {
      text = String(
        decoding: try UserFile.read(path: path, limit: Settings.fileLimit, what: what).bytes,
        as: UTF8.self)
    } catch {
      guard error.isMissing else { return (nil, SafeText.escape(error.description)) }
      makeParentDirectories(of: path)
    }
    let location = TeamNotes.entryLocation(for: code, in: text)
    if let addition = location.append, !append(addition, to: path) {
      return (nil, SafeText.escape(strings.editorFailed("\(path): \(UserFile.errorText())")))
    }
    let editor = Settings.environment("VISUAL") ?? Settings.environment("EDITOR") ?? "vi"
    // Through the shell, as git does, so EDITOR may carry its own arguments ("code -w").
    let arguments = ["/bin/sh", "-c", editor + " \"$@\"", "sh", "+\(location.line)", path]
    let status = terminal.runOutside { run(arguments) }
    if !status.started { return (nil, SafeText.escape(strings.editorFailed(status.error))) }
    let reloaded = Settings.reloadNotes(warnings: false)
    if let problem = reloaded.problem {
      // The status line is short: the file's name, the line and the problem come first.
      let name = String(path.split(separator: "/").last ?? Substring(path))
      if let (bytes, _) = try? UserFile.read(path: path, limit: Settings.fileLimit, what: what) {
        do {
          _ = try TeamNotes.parse(String(decoding: bytes, as: UTF8.self))
        } catch {
          return (nil, SafeText.escape(strings.noteNotSaved(name, error.line, error.message)))
        }
      }
      return (nil, SafeText.escape(problem))
    }
    return (reloaded.notes, SafeText.escape(strings.noteEdited(path)))
  }

  private static func run(_ arguments: [String]) -> (started: Bool, error: String) {
    var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    let status = ts_run_foreground(&pointers)
    if status == -1 { return (false, UserFile.errorText()) }
    return (true, "")
  }

  /// `mkdir -p` of the file's folder (~/.local/share/smtpcodes the first time).
  private static func makeParentDirectories(of path: String) {
    var folder = ""
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    for (index, part) in parts.enumerated() {
      folder += (index == 0 ? "" : "/") + part
      if !folder.isEmpty { mkdir(folder, 0o755) }
    }
  }

  private static func append(_ text: String, to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var text = text
    return text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += written
      }
      return true
    }
  }
}
