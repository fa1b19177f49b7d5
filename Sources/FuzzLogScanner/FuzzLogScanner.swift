import ReplyCatalog
import TextLayout

/// libFuzzer's entry point for `scan`: the line splitter fed in chunks of any sizes must give
/// exactly the lines of a plain split (each cut to the maximum, without its CR), and the tally
/// must not depend on where the chunks broke. The first two bytes choose the maximum line length
/// and the chunk sizes; the rest is the log.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 2 else { return 0 }
  let maximumLine = 1 + Int(data[0])
  var seed = UInt32(data[1]) &+ 1
  let log = UnsafeBufferPointer(start: data + 2, count: size - 2)

  // The lines as a plain split would give them.
  var expected: [[UInt8]] = []
  var pieces = log.split(separator: 0x0A, omittingEmptySubsequences: false)
  if pieces.last?.isEmpty == true { pieces.removeLast() }
  for piece in pieces {
    var line = Array(piece.prefix(maximumLine))
    if line.last == 0x0D { line.removeLast() }
    expected.append(line)
  }

  // The lines from the splitter, fed in chunks of 1 to 64 bytes.
  var lines: [[UInt8]] = []
  var chunked = ReplyTally()
  var splitter = LineSplitter(maximumLine: maximumLine)
  var offset = 0
  while offset < log.count {
    seed = seed &* 1_103_515_245 &+ 12345
    let length = min(log.count - offset, 1 + Int((seed >> 16) % 64))
    let chunk = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: log[offset..<offset + length]))
    splitter.feed(chunk) {
      lines.append(Array($0))
      chunked.add(line: $0)
    }
    offset += length
  }
  splitter.finish {
    lines.append(Array($0))
    chunked.add(line: $0)
  }
  precondition(lines == expected, "chunked lines differ from a plain split")

  // The same log in one piece.
  var whole = ReplyTally()
  var once = LineSplitter(maximumLine: maximumLine)
  once.feed(UnsafeRawBufferPointer(log)) { whole.add(line: $0) }
  once.finish { whole.add(line: $0) }
  precondition(whole.lines == chunked.lines && whole.replies == chunked.replies)

  let rows = chunked.rows()
  let wholeRows = whole.rows()
  precondition(rows.count == wholeRows.count)
  var total = 0
  for (row, other) in zip(rows, wholeRows) {
    precondition(row.code == other.code && row.count == other.count)
    precondition(row.providerCount <= row.count)
    precondition(!row.meaning.unicodeScalars.contains(where: SafeText.needsEscape))
    total += row.count
  }
  precondition(total <= chunked.replies && chunked.replies <= chunked.lines)
  precondition(zip(rows, rows.dropFirst()).allSatisfy { $0.count >= $1.count })
  return 0
}
