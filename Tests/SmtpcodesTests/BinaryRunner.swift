import Foundation

/// Runs the real `smtpcodes` binary, as a user would, and captures what it prints.
struct Run {
  let status: Int32
  let stdout: String
  let stderr: String

  /// The built binary sits next to the test bundle in the build folder.
  static let binary: URL = {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("smtpcodes")
    if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(".build/debug/smtpcodes")
  }()

  static func smtpcodes(
    _ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]
  ) throws -> Run {
    try smtpcodes(arguments: arguments, stdin: stdin, environment: environment)
  }

  static func smtpcodes(
    arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
  ) throws -> Run {
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = "100"
    // English unless a test asks for another language, whatever the machine's locale.
    for name in ["SMTPCODES_LANG", "LC_ALL", "LC_MESSAGES"] { env[name] = nil }
    env["LANG"] = "C.UTF-8"
    for (key, value) in environment { env[key] = value }
    return try program(binary, arguments: arguments, environment: env, stdin: stdin)
  }

  /// Runs any program with exactly `environment`, feeding `stdin` (none: an empty input), in
  /// `directory`, and captures what it prints.
  static func program(
    _ executable: URL, arguments: [String], environment: [String: String], stdin: String? = nil,
    directory: URL? = nil
  ) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// The standard output parsed as JSON.
  func json() throws -> Any {
    try JSONSerialization.jsonObject(with: Data(stdout.utf8))
  }
}
