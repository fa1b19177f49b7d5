import CatalogGenCore
import Foundation

// catalog-gen OUTPUT.swift INPUT.toml...
// Reads the catalog's TOML files, checks them (CatalogGenCore), and writes them out as Swift values.
// Every problem is reported as "file: entry: problem", and any problem fails the build.

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
  FileHandle.standardError.write(Data("usage: catalog-gen OUTPUT.swift INPUT.toml...\n".utf8))
  exit(2)
}

var files: [(name: String, text: String)] = []
var unreadable: [String] = []
for path in arguments.dropFirst() {
  let name = URL(fileURLWithPath: path).lastPathComponent
  do {
    files.append((name, try String(contentsOfFile: path, encoding: .utf8)))
  } catch {
    unreadable.append("\(name): cannot be read as UTF-8 text (\(error.localizedDescription))")
  }
}

switch generateCatalog(files) {
case .problems(let problems):
  // Xcode-style "error:" lines, so SwiftPM shows them as build errors.
  for problem in unreadable + problems { print("error: catalog: \(problem)") }
  exit(1)
case .swift(let source):
  if !unreadable.isEmpty {
    for problem in unreadable { print("error: catalog: \(problem)") }
    exit(1)
  }
  let existing = try? String(contentsOfFile: outputPath, encoding: .utf8)
  if existing != source {
    do {
      try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
    } catch {
      print("error: catalog: cannot write \(outputPath): \(error.localizedDescription)")
      exit(1)
    }
  }
}
