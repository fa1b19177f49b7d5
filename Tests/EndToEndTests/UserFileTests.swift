import Foundation
import Testing

/// Paths the user names that are not regular files: a FIFO must never hang the binary (it is
/// opened non-blocking and refused), whether named by --theme, by SMTPCODES_THEME or by a
/// theme's `inherits`.
@Suite struct UserFileTests {
  struct Finished {
    let status: Int32
    let stderr: String
    let seconds: Double
  }

  /// Runs the binary with output to files (no pipes to drain) and kills it after `timeout`.
  func run(_ arguments: [String], in directory: String, timeout: Double = 5) throws -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tmux.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let errors = directory + "/stderr-\(UUID().uuidString.prefix(8))"
    _ = FileManager.default.createFile(atPath: errors, contents: nil)
    process.standardError = FileHandle(forWritingAtPath: errors)
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    while process.isRunning, Date().timeIntervalSince(start) < timeout { usleep(10_000) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      Issue.record("smtpcodes \(arguments.joined(separator: " ")) still ran after \(timeout) s")
    }
    return Finished(
      status: process.terminationStatus,
      stderr: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "",
      seconds: Date().timeIntervalSince(start))
  }

  func makeFIFO(_ path: String) throws {
    #expect(mkfifo(path, 0o600) == 0, "mkfifo \(path)")
  }

  @Test func aFIFOAsThemeIsRefusedAtOnce() throws {
    let directory = try Tmux.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try makeFIFO(directory + "/f")
    let result = try run(["tui", "--theme", "./f"], in: directory)
    #expect(result.seconds < 1)
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "smtpcodes: theme file './f' is a FIFO (named pipe); a theme file must be a regular file\n"
    )
  }

  @Test func aFIFOInheritedByAThemeIsRefusedAtOnce() throws {
    let directory = try Tmux.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try makeFIFO(directory + "/parent.toml")
    try "inherits = \"parent\"\n".write(
      toFile: directory + "/child.toml", atomically: true, encoding: .utf8)
    let result = try run(["tui", "--theme", "child.toml"], in: directory)
    #expect(result.seconds < 1)
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "smtpcodes: theme 'child.toml' inherits 'parent': theme file 'parent.toml' is a FIFO (named pipe); a theme file must be a regular file\n"
    )
  }

  @Test func devicesDirectoriesAndHugeFilesAreRefusedWithTheReason() throws {
    let directory = try Tmux.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data(count: 2 << 20).write(to: URL(fileURLWithPath: directory + "/big.toml"))
    let cases = [
      (
        "/dev/zero",
        "theme file '/dev/zero' is a character device; a theme file must be a regular file"
      ),
      (directory, "theme file '\(directory)' is a directory; a theme file must be a regular file"),
      ("big.toml", "theme file 'big.toml' is larger than 1 MiB, the limit for a theme file"),
      (
        "missing.toml",
        "cannot read theme file 'missing.toml': no such file or directory; --theme takes a built-in theme"
      ),
    ]
    for (path, message) in cases {
      let result = try run(["tui", "--theme", path], in: directory)
      #expect(result.seconds < 1)
      #expect(result.status == 2)
      #expect(result.stderr.hasPrefix("smtpcodes: " + message), "\(result.stderr)")
      #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
  }

  /// SMTPCODES_THEME is read only when the explorer starts, so this case needs a terminal.
  @Test(.enabled(if: Tmux.isInstalled, Tmux.missingMessage))
  func aFIFOInSMTPCODES_THEMEIsRefusedAtOnce() throws {
    let directory = try Tmux.temporaryDirectory()
    try makeFIFO(directory + "/f")
    let script = """
      cd \(directory)
      SMTPCODES_THEME=./f \(Tmux.binary) tui
      echo $? > \(directory)/status
      sleep 60
      """
    try script.write(toFile: directory + "/run.sh", atomically: true, encoding: .utf8)
    let start = Date()
    let tmux = try Tmux.start(command: "sh \(directory)/run.sh", directory: directory)
    defer { tmux.kill() }
    let status = try tmux.waitForFile("status", timeout: 5)
    #expect(Date().timeIntervalSince(start) < 2)  // the tmux server's start included
    #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    let screen = try tmux.waitFor("is a FIFO")
    #expect(
      screen.contains(
        "smtpcodes: theme file './f' is a FIFO (named pipe); a theme file must be a regular file (from SMTPCODES_THEME)"
      ))
  }
}
