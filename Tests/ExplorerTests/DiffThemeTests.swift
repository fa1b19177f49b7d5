import Explorer
import Testing

@Suite struct DiffThemeRoles {
  @Test(arguments: ["default", "light", "high-contrast", "colorblind", "mono"])
  func diffEmphasisIsAStyleThatStandsOutWithoutAColour(name: String) throws {
    let theme = try Theme.load(name)
    let changed = theme.style(.diffChanged)
    // A style only: laid over a word's class or severity colour, it must not replace it.
    #expect(changed.foreground == nil && changed.background == nil, "\(name)")
    #expect(!changed.attributes.isEmpty, "\(name)")
    // It must differ from what the class colours already use for emphasis.
    for digit in 2...5 {
      let classStyle = theme.style(.codeClass(digit))
      #expect(!classStyle.attributes.isSuperset(of: changed.attributes), "\(name) \(digit)xx")
    }
    #expect(theme.style(.diffSame) != theme.style(.text), "\(name): equal fields are dimmed")
  }

  @Test(arguments: ["default", "light", "high-contrast", "colorblind", "mono"])
  func severityRolesUseTheClassColours(name: String) throws {
    let theme = try Theme.load(name)
    #expect(theme.style(.severitySuccess) == theme.style(.class2), "\(name)")
    #expect(theme.style(.severityIntermediate) == theme.style(.class3), "\(name)")
    #expect(theme.style(.severityTransient) == theme.style(.class4), "\(name)")
    #expect(theme.style(.severityPermanent) == theme.style(.class5), "\(name)")
  }

  @Test func theNewRolesHaveThemeKeys() {
    #expect(Role.diffChanged.key == "diff.changed")
    #expect(Role.diffSame.key == "diff.same")
    #expect(Role.severityTransient.key == "severity.transient")
    #expect(Role.severityPermanent.key == "severity.permanent")
    #expect(Set(Role.allCases.map(\.key)).count == Role.allCases.count)
  }
}
