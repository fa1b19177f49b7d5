import ArgumentParser
import Explorer
import ReplyCatalog
import SettingsFile
import TextLayout

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
      Whole messages are explained recipient by recipient: a bounce on standard input, readable \
      files as arguments (.eml, mbox), maildir folders, or --mbox FILE; several messages give \
      one row each.
      Exits 0 when a code was explained, 1 when the text holds none, 2 on bad usage.
      """
  )

  @Argument(
    help:
      "The reply, log line or bounce text, or message files and folders (read from standard input when absent)."
  )
  var text: [String] = []

  @Flag(name: .long, help: "Explain every line on its own.")
  var eachLine = false

  @Flag(
    name: .long,
    help: "With --each-line: one line per reply (time, codes, verdict, reason, provider).")
  var oneline = false

  @Option(name: .long, help: "Explain every message of an mbox file, one result per message.")
  var mbox: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let catalog = Catalog.builtIn
    let out = TextOutput.detect()
    func page(_ explanation: Explanation, empty: Bool) -> [Line] {
      ExplainView(
        explanation: explanation, empty: empty, width: out.width, strings: out.strings,
        teamNotes: explanation.teamNotes
      ).lines
    }
    if oneline, !eachLine {
      throw UsageError(
        description: "--oneline goes with --each-line: smtpcodes explain --each-line --oneline")
    }
    if let mbox {
      if eachLine || !text.isEmpty {
        throw UsageError(
          description: "--mbox FILE takes no text and no --each-line; give the mbox file alone")
      }
      return try explainMessages(try MessageInputs.messages(inFile: mbox, forceMbox: true), catalog)
    }
    // Readable files or folders as arguments: messages (mbox, maildir, .eml); text otherwise.
    if !eachLine, MessageInputs.areFiles(text) {
      let inputs = try MessageInputs.collect(text)
      if inputs.count == 1, text.count == 1, !MessageInputs.isDirectory(text[0]) {
        return try explainOneMessage(inputs[0], catalog, out)
      }
      return try explainMessages(inputs, catalog)
    }
    if !eachLine {
      let bytes: [UInt8]
      if text.isEmpty {
        if Input.stdinIsTerminal {
          throw UsageError(
            description:
              "give the text to explain, or pipe it in: smtpcodes explain '550 5.1.1 User unknown'")
        }
        // The first 64 KiB decide: a message or an mbox is read on (up to its own limit); any
        // other text is not read past what explain looks at.
        var head = Input.prefix(of: STDIN_FILENO, limit: ReplyParser.maximumInput + 1)
        if head.count > ReplyParser.maximumInput,
          MessageParser.looksLikeMessage(head) || Mailbox.isMbox(head)
        {
          head += Input.prefix(
            of: STDIN_FILENO, limit: MessageInputs.maximumMessage + 1 - head.count)
        }
        bytes = head
        // A whole message (or an mbox of them) on standard input.
        if Mailbox.isMbox(bytes), Mailbox.split(bytes).count > 1 {
          // Standard input is read up to 64 MiB: the last message is marked cut when it was.
          let cut = bytes.count > MessageInputs.maximumMessage
          let kept = cut ? Array(bytes.prefix(MessageInputs.maximumMessage)) : bytes
          let ranges = Mailbox.split(kept)
          let inputs = ranges.enumerated().map { index, range in
            MessageInput(
              source: "stdin#\(index + 1)", bytes: Array(kept[range]),
              truncated: cut && index == ranges.count - 1)
          }
          return try explainMessages(inputs, catalog)
        }
        if MessageParser.looksLikeMessage(bytes) {
          let cut = bytes.count > MessageInputs.maximumMessage
          return try explainOneMessage(
            MessageInput(
              source: "stdin",
              bytes: cut ? Array(bytes.prefix(MessageInputs.maximumMessage)) : bytes,
              truncated: cut), catalog, out)
        }
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

    // One explanation per non-blank line, printed as it is read.
    var found = false
    var first = true
    func emit(_ line: UnsafeBufferPointer<UInt8>) {
      guard !isBlank(line) else { return }
      let explanation = catalog.explain(bytes: Array(line))
      found = found || explanation.foundCode
      if oneline, !output.json {
        out.print([ExplainView.oneline(explanation, line: line, strings: out.strings)])
        first = false
        return
      }
      if output.json {
        printRaw((first ? "[\n  " : ",\n  ") + explanation.json.rendered(indent: 2))
      } else {
        out.print((first ? [] : [out.separator]) + page(explanation, empty: false))
      }
      first = false
    }
    // One byte over the limit, so that a longer line reaches explain cut and marked truncated.
    var splitter = LineSplitter(maximumLine: ReplyParser.maximumInput + 1)
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

  /// One whole message: the verdict first, then the primary recipient's explanation, the
  /// message's facts and every recipient.
  private func explainOneMessage(_ input: MessageInput, _ catalog: Catalog, _ out: TextOutput)
    throws
  {
    let result = catalog.explainInput(input)
    if output.json {
      printOut(result.json.rendered())
    } else {
      var lines = ExplainView(
        explanation: result.explanation, empty: isBlank(input.bytes), width: out.width,
        strings: out.strings, teamNotes: result.explanation.teamNotes
      ).lines
      if let report = result.report {
        lines +=
          BounceView(
            report: report, truncatedAt: result.truncated ? MessageInputs.maximumMessage : nil,
            width: out.width, strings: out.strings
          ).lines
      }
      out.print(lines)
    }
    if !result.foundCode { throw ExitCode.failure }
  }

  /// Many messages: a compact table, or a JSON array with one object per message.
  private func explainMessages(_ inputs: [MessageInput], _ catalog: Catalog) throws {
    let results = inputs.map(catalog.explainInput)
    let out = TextOutput.detect()
    if output.json {
      printOut(JSON.array(results.map(\.json)).rendered())
    } else {
      out.print(
        MessagesTableView(
          results.map {
            MessagesTableView.Row(
              source: $0.source, explanation: $0.explanation, report: $0.report)
          }, width: out.width, strings: out.strings
        ).lines)
    }
    if !results.contains(where: \.foundCode) { throw ExitCode.failure }
  }

  private func isBlank(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }
}

extension Explanation {
  /// The team's notes on the codes found: the basic code, the enhanced code as written (a
  /// provider's 5.7.606 the catalog may not know), and the catalog entries it matched. Only a
  /// reply with a code reads the notes file.
  var teamNotes: [TeamNote] {
    guard foundCode else { return [] }
    let notes = Settings.notes
    guard !notes.isEmpty else { return [] }
    var found: [TeamNote] = []
    for code in [code, enhanced] + matches.map({ Optional($0.entry.code) }) {
      if let note = notes.note(for: code), !found.contains(note) { found.append(note) }
    }
    return found
  }

  var json: JSON {
    var members: [(String, JSON)] = [
      ("code", .optional(code)),
      ("enhanced", .optional(enhanced)),
      ("verdict", .string(verdict)),
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
      ("text", .string(SafeText.escape(reply, limit: ExplainView.replyShown))),
      ("truncated", .bool(truncated)),
      ("treatedAs", treatedAs.map(JSON.int) ?? .null),
      ("teamNotes", .array(teamNotes.map(\.json))),
    ]
    return .object(members)
  }
}
