import BuildToolSupport
import CatalogGenCore
import Foundation

// catalog-gen OUTPUT.swift INPUT.toml... [--translations LANG.toml...]
// Reads the catalog's TOML files, checks them (CatalogGenCore), and writes them out as Swift values.
// Every problem is reported as "file: entry: problem", and any problem fails the build.

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
  FileHandle.standardError.write(Data("usage: catalog-gen OUTPUT.swift INPUT.toml...\n".utf8))
  exit(2)
}

var files: [(name: String, text: String)] = []
var translations: [(language: String, text: String)] = []
var unreadable: [String] = []
var readingTranslations = false
for path in arguments.dropFirst() {
  if path == "--translations" {
    readingTranslations = true
    continue
  }
  let url = URL(fileURLWithPath: path)
  do {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    if readingTranslations {
      translations.append((url.deletingPathExtension().lastPathComponent, text))
    } else {
      files.append((url.lastPathComponent, text))
    }
  } catch {
    unreadable.append(
      "\(url.lastPathComponent): cannot be read as UTF-8 text (\(error.localizedDescription))")
  }
}

switch generateCatalog(files, translations: translations) {
case .problems(let problems):
  finishGeneration(source: nil, problems: unreadable + problems, label: "catalog", path: outputPath)
case .swift(let source):
  finishGeneration(source: source, problems: unreadable, label: "catalog", path: outputPath)
}
