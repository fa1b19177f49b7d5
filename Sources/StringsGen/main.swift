import BuildToolSupport
import Foundation
import TranslationGenCore

// strings-gen OUTPUT.swift LANG.toml...
// Reads the interface's translation files, checks each against en.toml (TranslationGenCore), and
// writes them out as Swift. Any problem fails the build, one "error:" line each.

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
  FileHandle.standardError.write(Data("usage: strings-gen OUTPUT.swift LANG.toml...\n".utf8))
  exit(2)
}

var files: [(language: String, text: String)] = []
var unreadable: [String] = []
for path in arguments.dropFirst() {
  let url = URL(fileURLWithPath: path)
  do {
    files.append(
      (url.deletingPathExtension().lastPathComponent, try String(contentsOf: url, encoding: .utf8)))
  } catch {
    unreadable.append("\(url.lastPathComponent): cannot be read as UTF-8 text")
  }
}

switch generateInterfaceTranslations(files) {
case .problems(let problems):
  finishGeneration(
    source: nil, problems: unreadable + problems, label: "translations", path: outputPath)
case .swift(let source):
  finishGeneration(source: source, problems: unreadable, label: "translations", path: outputPath)
}
