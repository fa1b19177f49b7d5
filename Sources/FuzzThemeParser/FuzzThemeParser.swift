import Explorer
import TextLayout

/// libFuzzer's entry point for themes: the parser, inheritance (with cycles and missing
/// parents) and colour resolution must take any bytes without crashing or hanging, and every
/// error is one line with nothing in it that could drive a terminal.
///
/// Every theme file the input names holds the input itself, so `inherits` chains and cycles
/// happen; names containing "missing" do not exist. A file's identity is its last path
/// component, as if every directory were the same one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemeParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let read: ThemeFileReader = { path throws(ThemeFileProblem) in
    if path.contains("missing") {
      throw ThemeFileProblem(
        description: "cannot read theme file '\(SafeText.escape(path))': no such file",
        isMissing: true)
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return ThemeFile(identity: name, text: text)
  }
  do {
    let theme = try Theme.load("fuzz.toml", readingFilesWith: read)
    for role in Role.allCases { _ = theme.style(role) }
    _ = theme.withoutColor
  } catch {
    let line = error.description
    precondition(!line.isEmpty)
    precondition(!line.unicodeScalars.contains(where: SafeText.needsEscape), line)
  }
  return 0
}
