/// An enterprise's environmental performance grade on the emergency reduction list (绩效分级,
/// seed 000 §22, seed 003 §(三)): A may take no measures, B fewer, C the strictest; 保障类 may only
/// do its guaranteed work (seed 003 §(四)); the rest are ungraded.
public enum ReductionGrade: String, Codable, Hashable, Sendable, CaseIterable {
    case a = "A", b = "B", c = "C"
    case guaranteed
    case ungraded
}

extension ReductionGrade: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .a: language.say("A 级", "grade A")
        case .b: language.say("B 级", "grade B")
        case .c: language.say("C 级", "grade C")
        case .guaranteed: language.say("保障类", "guaranteed")
        case .ungraded: language.say("未分级", "ungraded")
        }
    }
}
