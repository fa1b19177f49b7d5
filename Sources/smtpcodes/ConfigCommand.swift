import ArgumentParser
import Explorer
import TextLayout

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Show the effective settings and where each came from.",
    discussion: """
      The config file is $XDG_CONFIG_HOME/smtpcodes/config.toml (~/.config/smtpcodes/config.toml; \
      SMTPCODES_CONFIG names another). It may set theme = "name", language = "en", mouse = \
      true|false and notes = "path". Flags beat the environment, which beats the file, which \
      beats the defaults.
      """
  )

  @Flag(name: .long, help: "Print only the config file's path.")
  var path = false

  @OptionGroup var output: OutputOptions

  func run() throws {
    let strings = Strings.english
    let file = Settings.configPath.value
    if path {
      printOut(output.json ? JSON.object([("path", .string(file))]).rendered() : file)
      return
    }
    let found = Settings.config.found
    let theme = Settings.theme(flag: nil)
    let language = Settings.language
    let mouse = Settings.mouse
    let notes = Settings.notesPath
    let rows: [(key: String, label: String, value: String, source: SettingSource)] = [
      ("theme", strings.settingTheme, theme.value, theme.source),
      ("language", strings.settingLanguage, language.value, language.source),
      ("mouse", strings.settingMouse, mouse.value ? strings.on : strings.off, mouse.source),
      ("notes", strings.settingNotes, notes.value, notes.source),
    ]
    if output.json {
      var settings: [(String, JSON)] = []
      for row in rows {
        var members: [(String, JSON)] = [
          ("value", row.key == "mouse" ? .bool(mouse.value) : .string(row.value)),
          ("source", .string(row.source.jsonName)),
        ]
        switch row.source {
        case .environment(let name), .flag(let name): members.append(("name", .string(name)))
        case .configFile(let line): members.append(("line", .int(line)))
        case .builtIn: break
        }
        settings.append((row.key, .object(members)))
      }
      printOut(
        JSON.object([
          ("configFile", .string(file)), ("configFileFound", .bool(found)),
          ("settings", .object(settings)),
        ]).rendered())
      return
    }
    let labelWidth =
      ([strings.configFileLabel] + rows.map(\.label)).map { displayWidth($0) }.max() ?? 0
    var lines: [Line] = [
      [
        Span(padded(strings.configFileLabel, labelWidth + 2), .heading),
        Span(SafeText.escape(file) + " ", .text),
        Span(found ? strings.configFileFound : strings.configFileMissing, .textDim),
      ]
    ]
    let valueWidth = rows.map { displayWidth(SafeText.escape($0.value)) }.max() ?? 0
    for row in rows {
      lines.append([
        Span(padded(row.label, labelWidth + 2), .heading),
        Span(padded(SafeText.escape(row.value), valueWidth + 2), .text),
        Span("(\(row.source.label))", .textDim),
      ])
    }
    TextOutput.detect().print(lines)
  }
}
