import Explorer
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file the user named could not be read, as one line.
struct UserFileError: Error, CustomStringConvertible {
  enum Problem: Equatable {
    /// open(2) failed: the reason (strerror).
    case cannotOpen(String)
    /// Not a regular file: what it is ("a FIFO (named pipe)", "a directory", …).
    case notRegular(String)
    /// Longer than the limit.
    case tooLarge
    /// read(2) failed: the reason.
    case cannotRead(String)
  }

  /// What the file is for: "theme file", "config file", …
  let what: String
  let path: String
  let limit: Int
  let problem: Problem

  /// Nothing is at the path (ENOENT, ENOTDIR): perhaps a typo.
  var isMissing = false

  var description: String {
    let named = "\(what) '\(SafeText.escape(path))'"
    switch problem {
    case .cannotOpen(let reason): return "cannot read \(named): \(reason)"
    case .notRegular(let kind):
      return "\(named) is \(kind); a \(what) must be a regular file"
    case .tooLarge:
      return "\(named) is larger than \(UserFile.size(limit)), the limit for a \(what)"
    case .cannotRead(let reason): return "cannot read \(named): \(reason)"
    }
  }
}

/// Files the user names: themes now, config and notes files later. One way to read them all.
enum UserFile {
  /// The most a theme file may hold (the built-in themes are about 2 KiB).
  static let themeLimit = 1 << 20

  /// Reads at most `limit` bytes of the regular file at `path`.
  ///
  /// The file is opened non-blocking, so a FIFO with no writer (or a device) cannot hang the
  /// process; anything but a regular file (FIFO, socket, device, directory) is refused with one
  /// clear line, and so is a file over `limit` bytes (the error names the limit). Only `limit + 1`
  /// bytes are ever read, whatever the file's size.
  static func read(path: String, limit: Int, what: String) throws(UserFileError) -> (
    bytes: [UInt8], identity: String
  ) {
    func failure(_ problem: UserFileError.Problem) -> UserFileError {
      UserFileError(what: what, path: path, limit: limit, problem: problem)
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard fd >= 0 else {
      let number = errno
      let reason = errorText()
      // A socket cannot be opened (ENXIO): say what it is rather than "no such device".
      var info = stat()
      if stat(path, &info) == 0, let kind = kind(of: info.st_mode) {
        throw failure(.notRegular(kind))
      }
      var error = failure(.cannotOpen(reason))
      error.isMissing = number == ENOENT || number == ENOTDIR
      throw error
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure(.cannotRead(errorText())) }
    if let kind = kind(of: info.st_mode) { throw failure(.notRegular(kind)) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count <= limit {
      let want = min(chunk.count, limit + 1 - bytes.count)
      let count = chunk.withUnsafeMutableBytes { readSome(fd, $0.baseAddress, want) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(.cannotRead(errorText()))
      }
      bytes.append(contentsOf: chunk[0..<count])
    }
    if bytes.count > limit { throw failure(.tooLarge) }
    return (bytes, "\(info.st_dev):\(info.st_ino)")
  }

  /// What a file that is not a regular file is, or nil for a regular file.
  static func kind(of mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    default: "not a regular file"
    }
  }

  /// 1048576 → "1 MiB", 65536 → "64 KiB".
  static func size(_ bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }

  static func errorText() -> String {
    String(cString: strerror(errno)).lowercased()
  }

  /// Theme files for `Theme.load`: read with `read(path:limit:what:)`.
  static func readTheme(_ path: String) throws(ThemeFileProblem) -> ThemeFile {
    do {
      let (bytes, identity) = try read(path: path, limit: themeLimit, what: "theme file")
      return ThemeFile(identity: identity, text: String(decoding: bytes, as: UTF8.self))
    } catch {
      throw ThemeFileProblem(description: error.description, isMissing: error.isMissing)
    }
  }
}

/// read(2), named apart from `UserFile.read`.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}
