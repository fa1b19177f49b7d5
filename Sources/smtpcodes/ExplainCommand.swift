import ArgumentParser
import Explorer
import ReplyCatalog

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a pasted reply, log line or bounce: codes, reason, provider, what to do.",
    discussion: """
      Give the text as arguments or on standard input (all lines form one reply; --each-line \
      explains every line on its own). Codes are found wherever they stand: multi-line replies, \
      Postfix, Exim and sendmail log lines, DSN fields, qmail's (#4.3.0), application errors.
      Exits 0 when a code was explained, 1 when the text holds none, 2 on bad usage.
      """
  )

  @Argument(help: "The reply, log line or bounce text (read from standard input when absent).")
  var text: [String] = []

  @Flag(name: .long, help: "Explain every line on its own.")
  var eachLine = false

  @OptionGroup var output: OutputOptions

  func run() throws {
    let catalog = Catalog.builtIn
    let out = TextOutput.detect()
    func page(_ explanation: Explanation, empty: Bool) -> [Line] {
      ExplainView(
        explanation: explanation, empty: empty, width: out.width, strings: out.strings
      ).lines
    }
    if !eachLine {
      let bytes: [UInt8]
      if text.isEmpty {
        if Input.stdinIsTerminal {
          throw UsageError(
            description:
              "give the text to explain, or pipe it in: smtpcodes explain '550 5.1.1 User unknown'")
        }
        bytes = Input.prefix(of: STDIN_FILENO, limit: ReplyParser.maximumInput + 1)
      } else {
        bytes = Array(text.joined(separator: " ").utf8)
      }
      let explanation = catalog.explain(bytes: bytes)
      if output.json {
        printOut(explanation.json.rendered())
      } else {
        out.print(page(explanation, empty: isBlank(bytes)))
      }
      if !explanation.foundCode { throw ExitCode.failure }
      return
    }

    // One explanation per non-blank line, written out as soon as its line is read.
    var found = false
    var first = true
    func emit(_ line: UnsafeBufferPointer<UInt8>) {
      guard !isBlank(line) else { return }
      let explanation = catalog.explain(bytes: Array(line))
      found = found || explanation.foundCode
      if output.json {
        printRaw((first ? "[\n  " : ",\n  ") + explanation.json.rendered(indent: 2))
      } else {
        out.print((first ? [] : [out.separator]) + page(explanation, empty: false))
      }
      first = false
    }
    var splitter = LineSplitter()
    if text.isEmpty {
      if Input.stdinIsTerminal {
        throw UsageError(
          description: "give the text to explain, or pipe it in (--each-line reads lines)")
      }
      try Input.chunks(of: STDIN_FILENO, name: "standard input") { splitter.feed($0, emit) }
    } else {
      var joined = text.joined(separator: "\n")
      joined.withUTF8 { splitter.feed(UnsafeRawBufferPointer($0), emit) }
    }
    splitter.finish(emit)
    if output.json { printOut(first ? "[]" : "\n]") }
    if !found {
      if first, !output.json { out.print([[Span(out.strings.explainAllBlank, .text)]]) }
      throw ExitCode.failure
    }
  }

  private func isBlank(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }
}

extension Explanation {
  var json: JSON {
    var members: [(String, JSON)] = [
      ("code", .optional(code)),
      ("enhanced", .optional(enhanced)),
      ("severity", .optional(severity?.rawValue)),
      ("reason", .string(reason.rawValue)),
      ("reasonSummary", .string(reason.summary)),
      ("reasonSource", .string(reasonSource.rawValue)),
      ("retry", .optional(retry?.rawValue)),
      ("whoMustAct", .strings(whoMustAct.map(\.rawValue))),
      ("stage", .optional(stage?.rawValue)),
      ("provider", .optional(provider?.name)),
      ("providerId", .optional(provider?.id)),
      ("providerMeaning", .optional(pattern?.meaning)),
      ("providerAction", .optional(pattern?.action)),
      ("providerSource", .optional(pattern?.source ?? provider?.source)),
    ]
    if let enhanced = codes.enhanced, let parts = enhancedParts {
      func part(_ part: EnhancedPart) -> JSON {
        .object([("value", .int(part.value)), ("meaning", .string(part.meaning))])
      }
      members.append(
        (
          "enhancedParts",
          .object([
            ("class", part(parts.class)), ("subject", part(parts.subject)),
            ("detail", part(parts.detail)),
            ("registered", .bool(enhancedRegistered)),
            ("catalogCode", .string(enhanced.catalogCode)),
          ])
        ))
    } else {
      members.append(("enhancedParts", .null))
    }
    members += [
      ("warnings", .strings(warnings)),
      ("matches", .strings(matches.map(\.entry.code))),
      (
        "conflicts",
        .array(
          conflicts.map {
            .object([
              ("provider", .string($0.provider)), ("code", .string($0.code)),
              ("providerMeaning", .string($0.providerMeaning)), ("source", .string($0.source)),
            ])
          })
      ),
      ("text", .string(replyText)),
      ("truncated", .bool(truncated)),
    ]
    return .object(members)
  }
}
