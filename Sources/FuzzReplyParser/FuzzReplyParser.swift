import ReplyCatalog
import TextLayout

/// libFuzzer's entry point: the reply parser, the explanation and the scan tally must take any
/// bytes without crashing, hanging or reading out of bounds (built with AddressSanitizer).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplyParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let found = ReplyParser.find(in: bytes)
  if let offset = found.basicOffset { precondition(offset + 3 <= size) }
  if let offset = found.enhancedOffset { precondition(offset + 5 <= size) }
  let explanation = Catalog.builtIn.explain(bytes: Array(bytes))
  precondition(explanation.codes == found || size > ReplyParser.maximumInput)
  // Escaped text never holds a control character.
  precondition(
    !SafeText.escape(explanation.reply).unicodeScalars.contains {
      $0.value < 0x20 || $0.value == 0x7F
    })
  var tally = ReplyTally(grouping: .template)
  tally.maximumGroups = 4
  tally.maximumAnalyses = 4
  var splitter = LineSplitter(maximumLine: 97)
  splitter.feed(UnsafeRawBufferPointer(bytes)) { tally.add(line: $0) }
  splitter.finish { tally.add(line: $0) }
  _ = tally.rows()
  _ = ReplyTemplate.text(bytes)
  _ = LogTime.parse(lineStart: bytes, syslogYear: 2024)
  _ = LogDomain.recipient(in: bytes)
  return 0
}
