import ArgumentParser
import Explorer
import ReplyCatalog

/// What the shells complete, from the compiled-in catalog (no file is read, so an answer takes
/// no longer than the process start).
enum Completion {
  /// Codes that begin with `prefix`: basic codes as they are; an enhanced code such as X.7.20 in
  /// each class it is used with (4.7.20, 5.7.20) and as written in the catalog.
  static func codes(prefix: String) -> [String] {
    var seen = Set<String>()
    var found: [String] = []
    func offer(_ code: String) {
      if code.hasPrefix(prefix), seen.insert(code).inserted { found.append(code) }
    }
    for entry in Catalog.builtIn.entries {
      if entry.kind == .enhanced, entry.code.hasPrefix("X.") {
        for digit in entry.classes { offer("\(digit)" + entry.code.dropFirst()) }
      }
      offer(entry.code)
    }
    return found
  }

  /// For every argument that takes a code: `show 45<Tab>` offers 450, 451, 452, …
  static let code = CompletionKind.custom { _, _, prefix in codes(prefix: prefix) }

  /// The built-in theme names (a path to a .toml file works too, but is not offered).
  static let theme = CompletionKind.list(Theme.builtInNames)
}
