import Foundation
import Testing

@Suite struct ScanFollowTests {
  /// Collects a running process's standard output until a condition holds or time runs out.
  final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
      lock.lock()
      data.append(more)
      lock.unlock()
    }

    var text: String {
      lock.lock()
      defer { lock.unlock() }
      return String(decoding: data, as: UTF8.self)
    }

    func wait(seconds: Double, until condition: (String) -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        if condition(text) { return true }
        Thread.sleep(forTimeInterval: 0.05)
      }
      return condition(text)
    }
  }

  static func append(_ text: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
  }

  @Test func followsGrowthAndRotationWithALinePerNewGroup() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "follow-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let log = directory.appendingPathComponent("mail.log")
    try
      "May  9 04:21:10 mx postfix/smtp[1]: A: to=<a@example.org>, dsn=5.1.1, status=bounced (host m[192.0.2.1] said: 550 5.1.1 <a@example.org>: User unknown)\n"
      .write(to: log, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = Run.binary
    process.arguments = ["scan", "--follow", log.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    let output = Output()
    pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
    try process.run()
    defer {
      // SIGKILL: the test runner's threads block SIGTERM, and spawned children inherit the mask.
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      pipe.fileHandleForReading.readabilityHandler = nil
    }

    #expect(output.wait(seconds: 20) { $0.contains("new group: 550 5.1.1 userUnknown") })
    try Self.append(
      "May  9 04:22:00 mx postfix/smtp[1]: B: to=<b@example.org>, dsn=4.2.0, status=deferred (host m[192.0.2.1] said: 450 4.2.0 <b@example.org>: Recipient address rejected: Greylisted)\n",
      to: log)
    #expect(output.wait(seconds: 20) { $0.contains("new group: 450 4.2.0 greylisted") })
    // Rotation: the file is renamed away and a new one takes its name.
    try FileManager.default.moveItem(at: log, to: directory.appendingPathComponent("mail.log.1"))
    try
      "May  9 04:23:00 mx postfix/smtp[1]: C: to=<c@yahoo.com>, dsn=4.7.0, status=deferred (host mta5.am0.yahoodns.net[192.0.2.1] said: 421 4.7.0 [TSS04] Messages from 192.0.2.9 temporarily deferred due to unexpected volume or user complaints)\n"
      .write(to: log, atomically: true, encoding: .utf8)
    #expect(output.wait(seconds: 20) { $0.contains("new group: 421 4.7.0 reputation Yahoo") })
    // An existing group growing prints nothing new.
    let before = output.text.split(separator: "\n").count
    try Self.append(
      "May  9 04:24:00 mx postfix/smtp[1]: D: to=<d@example.org>, dsn=5.1.1, status=bounced (host m[192.0.2.1] said: 550 5.1.1 <d@example.org>: User unknown)\n",
      to: log)
    Thread.sleep(forTimeInterval: 1)
    #expect(output.text.split(separator: "\n").count == before)
    #expect(process.isRunning)
  }
}
