import Foundation
import Testing

/// Runs a program (a shell, man, the install script) and captures what it prints.
func runProgram(
  _ path: String, _ arguments: [String], environment: [String: String] = [:],
  directory: URL? = nil
) throws -> Run {
  try Run.program(
    URL(fileURLWithPath: path), arguments: arguments,
    environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
    directory: directory)
}

/// The program's path on PATH, or nil when it is not installed.
func installed(_ name: String) -> String? {
  for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
    let path = "\(folder)/\(name)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

@Suite struct CompletionTests {
  /// Completes `words` (the last one being completed) with the generated bash script, the way
  /// bash does on Tab, and returns what it offers.
  func bashCompletes(_ words: [String]) throws -> [String] {
    let script = try Run.smtpcodes("--generate-completion-script", "bash")
    #expect(script.status == 0)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "smtpcodes-completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("smtpcodes.bash")
    try script.stdout.write(to: file, atomically: true, encoding: .utf8)
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let driver = """
      source \(file.path)
      COMP_WORDS=(smtpcodes \(quoted))
      COMP_CWORD=\(words.count)
      COMP_LINE="${COMP_WORDS[*]}"
      COMP_POINT=${#COMP_LINE}
      _smtpcodes smtpcodes "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let bin = Run.binary.deletingLastPathComponent().path
    let run = try runProgram(
      "/bin/bash", ["--norc", "-c", driver],
      environment: ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
    #expect(run.stderr.isEmpty, "\(run.stderr)")
    return run.stdout.split(separator: "\n").map(String.init).sorted()
  }

  /// The basic codes in the catalog, from `list --json`.
  func catalogCodes(kind: String) throws -> [String] {
    let list = try Run.smtpcodes("list", "--kind", kind, "--json")
    let entries = try #require(try list.json() as? [[String: Any]])
    return entries.compactMap { $0["code"] as? String }
  }

  @Test func bashCompletesShow45ToTheCatalogs45xCodes() throws {
    let expected = try catalogCodes(kind: "basic").filter { $0.hasPrefix("45") }.sorted()
    #expect(expected.count >= 3)
    #expect(try bashCompletes(["show", "45"]) == expected)
    // The same for every argument that takes a code.
    #expect(try bashCompletes(["compare", "421", "45"]) == expected)
    #expect(try bashCompletes(["tui", "--code", "45"]) == expected)
  }

  @Test func bashCompletesEnhancedCodesInTheirClass() throws {
    // X.7.2x entries of the catalog, written in class 5.
    let expected = try catalogCodes(kind: "enhanced").filter {
      $0.hasPrefix("X.7.2")
    }.map { "5" + $0.dropFirst() }.sorted()
    let offered = try bashCompletes(["show", "5.7.2"])
    #expect(!offered.isEmpty)
    #expect(offered == expected)
    #expect(offered.contains("5.7.26"))
  }

  @Test func bashCompletesThemeNames() throws {
    #expect(try bashCompletes(["tui", "--theme", "hi"]) == ["high-contrast"])
  }

  @Test func bashCompletesLanguages() throws {
    #expect(try bashCompletes(["show", "421", "--lang", "h"]) == ["hi"])
    #expect(try bashCompletes(["tui", "--lang", "zh"]) == ["zh-Hans"])
    #expect(try bashCompletes(["scan", "--lang", ""]).count == 8)
  }

  @Test func zshAndFishScriptsAreValid() throws {
    for (shell, check) in [("zsh", ["-n"]), ("fish", ["--no-execute"])] {
      guard let path = installed(shell) else { continue }
      let script = try Run.smtpcodes("--generate-completion-script", shell)
      #expect(script.status == 0)
      #expect(script.stdout.contains("smtpcodes"))
      let file = FileManager.default.temporaryDirectory.appendingPathComponent(
        "smtpcodes-\(UUID().uuidString).\(shell)")
      try script.stdout.write(to: file, atomically: true, encoding: .utf8)
      defer { try? FileManager.default.removeItem(at: file) }
      let run = try runProgram(path, check + [file.path])
      #expect(run.status == 0, "\(shell): \(run.stderr)")
    }
  }
}

@Suite struct ManPageTests {
  @Test func theCommittedPageReadsAndHasEverySection() throws {
    let page = packageRoot.appendingPathComponent("Docs/smtpcodes.1").path
    let man = try runProgram(
      "/usr/bin/man", ["-l", page],
      environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100", "LANG": "C.UTF-8"])
    #expect(man.status == 0, "\(man.stderr)")
    #expect(man.stderr.isEmpty, "\(man.stderr)")
    for section in [
      "NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES",
      "SEE ALSO",
    ] {
      #expect(man.stdout.contains("\n\(section)\n"), "missing \(section)")
    }
    for word in [
      "NO_COLOR", "SMTPCODES_THEME", "SMTPCODES_NOTES", "SMTPCODES_CONFIG", "COLUMNS", "TERM",
      "LC_MESSAGES", "config.toml", "notes.toml",
    ] {
      #expect(man.stdout.contains(word), "missing \(word)")
    }
    // Generated from the command definitions: every command is there.
    let help = try Run.smtpcodes("--help")
    for command in ["show", "compare", "search", "list", "explain", "scan", "tui", "config"] {
      #expect(help.stdout.contains("  \(command) "))
      let item = man.stdout.split(separator: "\n").contains {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix(command + " ")
          || $0.trimmingCharacters(in: .whitespaces) == command
      }
      #expect(item, "missing command \(command)")
    }
  }
}

@Suite struct InstallTests {
  let files = [
    "bin/smtpcodes", "share/man/man1/smtpcodes.1", "share/bash-completion/completions/smtpcodes",
    "share/zsh/site-functions/_smtpcodes", "share/fish/vendor_completions.d/smtpcodes.fish",
  ]

  func filesUnder(_ root: URL) -> Set<String> {
    var found = Set<String>()
    let prefix = root.resolvingSymlinksInPath().path + "/"
    if let walk = FileManager.default.enumerator(
      at: root.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey])
    {
      for case let url as URL in walk
      where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        found.insert(String(url.resolvingSymlinksInPath().path.dropFirst(prefix.count)))
      }
    }
    return found
  }

  @Test func installsIntoAPrefixAndUninstallRemovesExactlyThat() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "smtpcodes-install-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    // Something of another package's already there, in the same folders.
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("share/man/man1"), withIntermediateDirectories: true)
    try "other".write(
      to: root.appendingPathComponent("share/man/man1/other.1"), atomically: true,
      encoding: .utf8)
    let before = filesUnder(root)
    let script = packageRoot.appendingPathComponent("Scripts/install.sh").path
    let install = try runProgram(
      "/bin/sh", [script, "--prefix", root.path, "--binary", Run.binary.path])
    #expect(install.status == 0, "\(install.stderr)")
    #expect(filesUnder(root).subtracting(before) == Set(files))
    #expect(
      FileManager.default.isExecutableFile(
        atPath: root.appendingPathComponent("bin/smtpcodes").path))
    let version = try runProgram(root.appendingPathComponent("bin/smtpcodes").path, ["--version"])
    #expect(version.stdout.hasPrefix("smtpcodes"))
    let man = try runProgram(
      "/usr/bin/man", ["-l", root.appendingPathComponent("share/man/man1/smtpcodes.1").path],
      environment: ["MANPAGER": "cat", "PAGER": "cat"])
    #expect(man.status == 0)
    #expect(man.stdout.contains("EXIT STATUS"))

    let uninstall = try runProgram("/bin/sh", [script, "--uninstall", "--prefix", root.path])
    #expect(uninstall.status == 0, "\(uninstall.stderr)")
    #expect(filesUnder(root) == before)
  }

  @Test func honoursDestdirAndPrefixFromTheEnvironment() throws {
    let stage = FileManager.default.temporaryDirectory.appendingPathComponent(
      "smtpcodes-stage-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: stage) }
    let script = packageRoot.appendingPathComponent("Scripts/install.sh").path
    let env = ["DESTDIR": stage.path, "PREFIX": "/opt/smtp", "SMTPCODES_BINARY": Run.binary.path]
    let install = try runProgram("/bin/sh", [script], environment: env)
    #expect(install.status == 0, "\(install.stderr)")
    #expect(filesUnder(stage) == Set(files.map { "opt/smtp/" + $0 }))
    let uninstall = try runProgram("/bin/sh", [script, "--uninstall"], environment: env)
    #expect(uninstall.status == 0)
    #expect(filesUnder(stage).isEmpty)
  }

  @Test func badArgumentsAreOneLineAndStatus2() throws {
    let script = packageRoot.appendingPathComponent("Scripts/install.sh").path
    let run = try runProgram("/bin/sh", [script, "--prefx", "/tmp/x"])
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.contains("--prefix"))
  }
}
