import Foundation
import Testing

/// The explorer's `E`: the user's editor on the team's notes file, then the notes re-read.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, Tmux.missingMessage)) struct NoteEditorTests {
  /// A stand-in editor: records its arguments, then fills in the empty note under the header
  /// at the line it was given (+N), as a person would.
  func editor(in directory: String, writing text: String) throws -> String {
    let path = directory + "/editor.sh"
    try """
    #!/bin/sh
    echo "$@" > "\(directory)/editor-arguments"
    line=${1#+}
    sed -i "$((line + 1))s/note = \\"\\"/note = \\"\(text)\\"/" "$2"
    """.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
  }

  func start(_ directory: String, editor: String, code: String) throws -> Tmux {
    let command =
      "env HOME=\(directory) XDG_DATA_HOME= XDG_CONFIG_HOME= SMTPCODES_NOTES= SMTPCODES_CONFIG= "
      + "VISUAL= EDITOR=\(editor) \(Tmux.binary) tui --code \(code)"
    return try Tmux.start(command: command, directory: directory)
  }

  @Test func editsTheSelectedCodesNoteAndShowsItOnReturn() throws {
    let directory = try Tmux.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let notes = directory + "/.local/share/smtpcodes/notes.toml"
    try FileManager.default.createDirectory(
      atPath: directory + "/.local/share/smtpcodes", withIntermediateDirectories: true)
    let existing = "# our runbook\n[550]\nnote = \"Check the address first.\"\n"
    try existing.write(toFile: notes, atomically: true, encoding: .utf8)
    let tmux = try start(
      directory, editor: try editor(in: directory, writing: "Page the mail team"), code: "421")
    defer { tmux.kill() }
    try tmux.waitFor("421  Service not available")
    tmux.keys("E")
    let screen = try tmux.waitFor("Notes reloaded from")
    #expect(screen.contains("TEAM NOTES"))
    #expect(screen.contains("Page the mail team"))
    // The file keeps what was there; the new entry was added after it, and the editor opened
    // at its header.
    let text = try String(contentsOfFile: notes, encoding: .utf8)
    #expect(text == existing + "\n[421]\nnote = \"Page the mail team\"\n")
    let arguments = try String(contentsOfFile: directory + "/editor-arguments", encoding: .utf8)
    #expect(arguments == "+5 \(notes)\n")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func aNoteThatNoLongerParsesIsKeptAndTheLineIsShown() throws {
    let directory = try Tmux.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // A quote inside the note breaks the TOML.
    let tmux = try start(
      directory, editor: try editor(in: directory, writing: "bad\\\"x"), code: "450")
    defer { tmux.kill() }
    try tmux.waitFor("450  Requested mail action not taken")
    tmux.keys("E")
    try tmux.waitFor("notes.toml line 2:")
    let text = try String(
      contentsOfFile: directory + "/.local/share/smtpcodes/notes.toml", encoding: .utf8)
    #expect(text == "[450]\nnote = \"bad\"x\"\n")
    // Still running, still answering keys.
    tmux.keys("q")
    try tmux.waitForExit()
  }
}
