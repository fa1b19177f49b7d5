import Explorer
import ReplyCatalog
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The log behind `tui --log`: read a slice at a time from the explorer's idle ticks, so the
/// screen and Ctrl-C never wait for a large file; with `follow`, it keeps reading as the file
/// grows and survives rotation and truncation (like `scan --follow`).
final class LogFeed {
  let path: String
  let follow: Bool
  private(set) var tally: ReplyTally
  private var fd: Int32
  private var identity: (dev_t, ino_t)
  private var offset = 0
  private var splitter = LineSplitter()
  private var gzip: GzipReader?
  private var firstChunk = true
  /// The end of the file was reached once: the first pass is done.
  private(set) var reachedEnd = false
  /// Nothing more to read now: wait for the file to grow (following) or stop (not following).
  private var idle = false
  private var error: String?
  private var lastCheck = 0.0
  private var lastSnapshot = -1.0
  private var linesAtSnapshot = -1
  private let buffer: UnsafeMutableRawBufferPointer

  /// Opens the log or throws a one-line usage error naming it (before curses starts).
  init(path: String, follow: Bool, tally: ReplyTally) throws {
    self.path = path
    self.follow = follow
    self.tally = tally
    fd = try Input.openFile(path)
    var info = stat()
    fstat(fd, &info)
    identity = (info.st_dev, info.st_ino)
    buffer = .allocate(byteCount: ScanInput.chunkSize, alignment: 16)
  }

  deinit {
    buffer.deallocate()
    if fd >= 0 { close(fd) }
  }

  /// Whether there may be bytes to read right now (the loop then polls keys without waiting).
  var busy: Bool { !idle && fd >= 0 }

  /// Reads for at most `budget` seconds. Returns a new snapshot when the table changed and the
  /// last one is old enough (or the first pass just ended).
  func pump(budget: Double) -> LogSnapshot? {
    let start = ScanFollower.seconds()
    if idle, follow, start - lastCheck >= 0.25 {
      lastCheck = start
      checkRotation()
    }
    var endedNow = false
    while busy, ScanFollower.seconds() - start < budget {
      let count = read(fd, buffer.baseAddress, ScanInput.chunkSize)
      if count < 0, errno == EINTR { continue }
      if count < 0 {
        error = Input.errorText()
        stop()
        break
      }
      if count == 0 {
        if !reachedEnd { endedNow = true }
        reachedEnd = true
        idle = true
        if !follow { finish() }
        break
      }
      offset += count
      feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
    let now = ScanFollower.seconds()
    guard tally.lines != linesAtSnapshot || endedNow || error != nil,
      endedNow || now - lastSnapshot >= 0.25 || error != nil
    else { return nil }
    lastSnapshot = now
    linesAtSnapshot = tally.lines
    return snapshot
  }

  var snapshot: LogSnapshot {
    LogSnapshot(
      rows: tally.rows(), summary: tally.summary, reading: !reachedEnd,
      error: error.map { SafeText.escape($0) })
  }

  private func feed(_ chunk: UnsafeRawBufferPointer) {
    if firstChunk {
      firstChunk = false
      if GzipReader.isGzip(chunk) { gzip = GzipReader() }
    }
    if let gzip {
      do {
        try gzip.feed(chunk) { piece in splitter.feed(piece) { tally.add(line: $0) } }
      } catch {
        self.error = "\(error)"
        stop()
      }
    } else {
      splitter.feed(chunk) { tally.add(line: $0) }
    }
  }

  /// The last line without a line break counts once the file is done with.
  private func finish() {
    splitter.finish { tally.add(line: $0) }
    if let gzip {
      do { try gzip.finish() } catch { self.error = "\(error)" }
    }
    stop()
  }

  private func stop() {
    if fd >= 0 { close(fd) }
    fd = -1
    idle = true
    reachedEnd = true
  }

  /// Rotated (a new file under the name), truncated (copytruncate) or grown?
  private func checkRotation() {
    var now = stat()
    guard fd >= 0, stat(path, &now) == 0 else { return }  // between rename and re-creation
    if now.st_dev != identity.0 || now.st_ino != identity.1 {
      // What was written to the old file before the rename still counts.
      while true {
        let count = read(fd, buffer.baseAddress, ScanInput.chunkSize)
        if count < 0, errno == EINTR { continue }
        if count <= 0 { break }
        feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
      }
      splitter.finish { tally.add(line: $0) }
      guard let next = try? Input.openFile(path) else { return }
      close(fd)
      fd = next
      identity = (now.st_dev, now.st_ino)
      offset = 0
      gzip = nil
      firstChunk = true
    } else if Int(now.st_size) < offset {
      splitter.finish { tally.add(line: $0) }
      lseek(fd, 0, SEEK_SET)
      offset = 0
    } else if Int(now.st_size) == offset {
      return
    }
    idle = false
  }
}
