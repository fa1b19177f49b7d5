import SettingsFile
import TextLayout

extension PageBuilder {
  /// The team's note on a code, under its own heading so it is never taken for the catalog's
  /// text: the note (escaped: it comes from a file anyone on the team may edit), then its owner.
  /// `code` names the code when a page shows notes on several.
  mutating func teamNotes(_ notes: [TeamNote], naming: Bool) {
    guard !notes.isEmpty else { return }
    heading(strings.sectionTeamNotes)
    for note in notes {
      var indent = 2
      if naming {
        paragraph(strings.teamNoteFor(SafeText.escape(note.code)), indent: 2, role: .heading)
        indent = 4
      }
      for line in note.note.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.isEmpty {
          blank()
        } else {
          paragraph(SafeText.escape(String(line)), indent: indent)
        }
      }
      if let owner = note.owner {
        paragraph(strings.teamNoteOwner(SafeText.escape(owner)), indent: indent, role: .textDim)
      }
    }
  }
}
