import Explorer
import Foundation

/// The explorer module does no file I/O; its theme tests read theme files with this.
extension Theme {
  static func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
    try load(nameOrPath) { path throws(ThemeFileProblem) in
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ThemeFileProblem(
          description: "cannot read theme file '\(path)'",
          isMissing: !FileManager.default.fileExists(atPath: path))
      }
      let identity = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
      return ThemeFile(
        identity: URL(fileURLWithPath: identity).standardizedFileURL.path,
        text: String(decoding: data, as: UTF8.self))
    }
  }
}
