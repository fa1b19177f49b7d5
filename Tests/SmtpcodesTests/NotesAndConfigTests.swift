import Foundation
import Testing

/// A private HOME-like folder per test: config and notes files live there, nothing of the
/// user's own leaks in.
struct SettingsFolder {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "smtpcodes-settings-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func write(_ name: String, _ text: String) throws -> String {
    let url = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// XDG folders inside this one, so the default paths are empty unless a test writes there.
  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = [
      "HOME": root.path, "XDG_CONFIG_HOME": root.path + "/config",
      "XDG_DATA_HOME": root.path + "/data", "SMTPCODES_CONFIG": "", "SMTPCODES_NOTES": "",
      "SMTPCODES_THEME": "", "SMTPCODES_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "",
    ]
    for (key, value) in extra { env[key] = value }
    return env
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

let issueNotes = """
  [421]
  note = "Our edge MTAs send 421 during deploys; check #mail-ops before paging."
  [5.7.606]
  note = "Microsoft banned our IP: request delisting at https://sender.office.com, then tell @deliverability."
  owner = "deliverability"
  """

@Suite struct TeamNotesCommandTests {
  @Test func showPrintsTheNoteMarkedAsTheTeams() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let notes = try folder.write("team/notes.toml", issueNotes)
    let run = try Run.smtpcodes(
      "show", "421", environment: folder.environment(["SMTPCODES_NOTES": notes]))
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty, "\(run.stderr)")
    #expect(run.stdout.contains("TEAM NOTES"))
    #expect(run.stdout.contains("check #mail-ops before paging"))
    // After the description, before "when you see it".
    let lines = run.stdout.components(separatedBy: "\n")
    let meaning = try #require(lines.firstIndex { $0.hasPrefix("WHAT IT MEANS") })
    let team = try #require(lines.firstIndex { $0.hasPrefix("TEAM NOTES") })
    let when = try #require(lines.firstIndex { $0.hasPrefix("WHEN YOU SEE IT") })
    #expect(meaning < team && team < when)
    // Without the file, no such section.
    let plain = try Run.smtpcodes("show", "421", environment: folder.environment())
    #expect(!plain.stdout.contains("TEAM NOTES"))
    #expect(plain.stderr.isEmpty)
  }

  @Test func showJSONCarriesTheNote() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let notes = try folder.write("notes.toml", issueNotes)
    let run = try Run.smtpcodes(
      "show", "421", "--json", environment: folder.environment(["SMTPCODES_NOTES": notes]))
    #expect(run.status == 0)
    let objects = try #require(try run.json() as? [[String: Any]])
    let note = try #require(objects.first?["teamNote"] as? [String: Any])
    #expect((note["note"] as? String)?.hasPrefix("Our edge MTAs") == true)
    #expect(note["code"] as? String == "421")
    // The catalog's own notes keep their key.
    #expect(objects.first?["notes"] is [String])
  }

  @Test func explainShowsTheProviderCodesNote() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let notes = try folder.write("notes.toml", issueNotes)
    let env = folder.environment(["SMTPCODES_NOTES": notes])
    let reply = "550 5.7.606 Access denied, banned sending IP [192.0.2.1]"
    let run = try Run.smtpcodes("explain", reply, environment: env)
    #expect(run.status == 0)
    #expect(run.stdout.contains("TEAM NOTES"))
    #expect(run.stdout.contains("request delisting at https://sender.office.com"))
    #expect(run.stdout.contains("owner: deliverability"))
    #expect(!run.stdout.contains("#mail-ops"))
    let json = try Run.smtpcodes("explain", reply, "--json", environment: env)
    let object = try #require(try json.json() as? [String: Any])
    let teamNotes = try #require(object["teamNotes"] as? [[String: Any]])
    #expect(teamNotes.map { $0["code"] as? String } == ["5.7.606"])
  }

  @Test func noteTextIsEscaped() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let notes = try folder.write("notes.toml", "[421]\nnote = \"bad \\u001B[31m red\"\n")
    let run = try Run.smtpcodes(
      "show", "421", environment: folder.environment(["SMTPCODES_NOTES": notes]))
    #expect(run.stdout.contains("bad \\x1B[31m red"))
    #expect(!run.stdout.contains("\u{1B}"))
  }

  @Test func aBrokenNotesFileGivesOneWarningAndShowStillWorks() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let notes = try folder.write("notes.toml", "[421]\nnote = \"unclosed\n[550]\nnote = \"x\"\n")
    let run = try Run.smtpcodes(
      "show", "421", environment: folder.environment(["SMTPCODES_NOTES": notes]))
    #expect(run.status == 0)
    #expect(run.stdout.contains("Service not available"))
    let warnings = run.stderr.split(separator: "\n")
    #expect(warnings.count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("warning: notes file '\(notes)' line 2: string is not closed"))
  }

  @Test func aMissingNamedNotesFileIsAWarningNotAFailure() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let run = try Run.smtpcodes(
      "show", "421",
      environment: folder.environment(["SMTPCODES_NOTES": folder.root.path + "/none.toml"]))
    #expect(run.status == 0)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.contains("none.toml"))
  }

  @Test func theNotesPathComesFromTheConfigRelativeToIt() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    _ = try folder.write("config/smtpcodes/team.toml", issueNotes)
    _ = try folder.write("config/smtpcodes/config.toml", "notes = \"team.toml\"\n")
    let run = try Run.smtpcodes("show", "421", environment: folder.environment())
    #expect(run.stdout.contains("check #mail-ops before paging"), "\(run.stderr)")
    // And in the default place, with no config at all.
    let other = try SettingsFolder()
    defer { other.remove() }
    _ = try other.write("data/smtpcodes/notes.toml", issueNotes)
    let byDefault = try Run.smtpcodes("show", "421", environment: other.environment())
    #expect(byDefault.stdout.contains("check #mail-ops before paging"))
  }
}

@Suite struct ConfigCommandTests {
  @Test func reportsAThemeFromTheFileAndTheEnvironmentOverridesIt() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let path = try folder.write("config/smtpcodes/config.toml", "# mine\ntheme = \"light\"\n")
    let run = try Run.smtpcodes("config", environment: folder.environment())
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty, "\(run.stderr)")
    let theme = run.stdout.split(separator: "\n").first { $0.hasPrefix("theme") }
    #expect(theme?.contains("light") == true)
    #expect(theme?.contains("config file, line 2") == true, "\(run.stdout)")
    #expect(run.stdout.contains(path))

    let overridden = try Run.smtpcodes(
      "config", "--json", environment: folder.environment(["SMTPCODES_THEME": "mono"]))
    let object = try #require(try overridden.json() as? [String: Any])
    let settings = try #require(object["settings"] as? [String: [String: Any]])
    #expect(settings["theme"]?["value"] as? String == "mono")
    #expect(settings["theme"]?["source"] as? String == "environment")
    #expect(settings["mouse"]?["source"] as? String == "default")
    #expect(object["configFileFound"] as? Bool == true)
  }

  /// The config's language speaks unless --lang or SMTPCODES_LANG says otherwise; it comes before
  /// the locale variables (set on nearly every system).
  @Test func theConfigsLanguageAndWhatBeatsIt() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    _ = try folder.write("config/smtpcodes/config.toml", "language = \"hi\"\n")
    let hindi = try Run.smtpcodes("show", "421", environment: folder.environment(["LANG": "C"]))
    #expect(hindi.stdout.contains("विवरण"), "\(hindi.stdout)")
    let variable = try Run.smtpcodes(
      "show", "421", environment: folder.environment(["SMTPCODES_LANG": "en"]))
    #expect(variable.stdout.contains("WHAT IT MEANS"))
    let flag = try Run.smtpcodes("show", "421", "--lang", "en", environment: folder.environment())
    #expect(flag.stdout.contains("WHAT IT MEANS"))
    let report = try Run.smtpcodes("config", "--lang", "en", environment: folder.environment())
    let line = report.stdout.split(separator: "\n").first { $0.hasPrefix("language") }
    #expect(line?.contains("hi") == true && line?.contains("config file, line 1") == true)
  }

  @Test func pathFollowsXDGAndSMTPCODES_CONFIG() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let run = try Run.smtpcodes("config", "--path", environment: folder.environment())
    #expect(run.stdout == folder.root.path + "/config/smtpcodes/config.toml\n")
    let named = try Run.smtpcodes(
      "config", "--path", environment: folder.environment(["SMTPCODES_CONFIG": "/etc/x.toml"]))
    #expect(named.stdout == "/etc/x.toml\n")
    let home = try Run.smtpcodes(
      "config", "--path", environment: folder.environment(["XDG_CONFIG_HOME": ""]))
    #expect(home.stdout == folder.root.path + "/.config/smtpcodes/config.toml\n")
  }

  @Test func aBadConfigFileGivesOneWarningWithFileAndLineThenDefaults() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    let path = try folder.write(
      "config/smtpcodes/config.toml", "theme = \"light\"\nmouse = yes\n")
    let run = try Run.smtpcodes("config", environment: folder.environment())
    #expect(run.status == 0)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("config file '\(path)' line 2"))
    #expect(
      run.stdout.split(separator: "\n").first { $0.hasPrefix("theme") }?.contains("default") == true
    )
    // Lookups go on as well.
    let show = try Run.smtpcodes("show", "421", environment: folder.environment())
    #expect(show.status == 0)
    #expect(show.stdout.contains("Service not available"))
  }

  @Test func aConfigThemeThatDoesNotExistIsAWarningNotARefusal() throws {
    let folder = try SettingsFolder()
    defer { folder.remove() }
    _ = try folder.write("config/smtpcodes/config.toml", "theme = \"nosuch\"\n")
    // Without a terminal the explorer prints the plain listing; the theme is not even loaded.
    let run = try Run.smtpcodes("tui", "--code", "421", environment: folder.environment())
    #expect(run.status == 0)
    #expect(run.stdout.contains("Service not available"))
  }
}
