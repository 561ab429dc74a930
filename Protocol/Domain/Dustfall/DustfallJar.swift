import Foundation

/// One jar's sample from a dust-fall station (降尘缸), as weighed in the lab.
public struct DustfallJar: Codable, Hashable, Sendable {
    /// The parallel jars of a station.
    public enum Label: String, Codable, Hashable, Sendable { case a = "A", b = "B" }

    public var label: Label
    /// Mass of the sample after drying, in grams.
    public var sampleMassGrams: Double
    /// Mass of the blank, in grams.
    public var blankMassGrams: Double
    /// Area of the jar's opening, in square metres.
    public var openingAreaSquareMetres: Double
    /// Days the jar stood open.
    public var exposureDays: Double
    /// Whether the lab or the officer marked the sample invalid (jar knocked over, contaminated…).
    public var markedInvalid: Bool

    public init(label: Label, sampleMassGrams: Double, blankMassGrams: Double, openingAreaSquareMetres: Double,
                exposureDays: Double, markedInvalid: Bool = false) {
        self.label = label
        self.sampleMassGrams = sampleMassGrams
        self.blankMassGrams = blankMassGrams
        self.openingAreaSquareMetres = openingAreaSquareMetres
        self.exposureDays = exposureDays
        self.markedInvalid = markedInvalid
    }

    /// The days a monthly jar stands open: GB/T 15265-94 (环境空气 降尘的测定 重量法) collects for
    /// 30 ± 2 days; a few more either way allow for a collection day moved by a holiday.
    public static let exposureDays: ClosedRange<Double> = 25...35

    /// Checks each measured value, naming the first field that is impossible: masses from 0 to
    /// 10 kg, the sample no lighter than its blank unless the jar is marked invalid, an opening
    /// from 0.001 to 10 m², ``exposureDays``.
    public func validate() throws(InvalidValue) {
        let field = "jar \(label.rawValue) "
        try Check.number(sampleMassGrams, field + "sample mass", in: 0...10_000)
        try Check.number(blankMassGrams, field + "blank mass", in: 0...10_000)
        guard markedInvalid || sampleMassGrams >= blankMassGrams else { throw InvalidValue(field: field + "sample mass", rule: .lighterThanBlank) }
        try Check.positive(openingAreaSquareMetres, field + "opening area", max: 10)
        try Check.number(openingAreaSquareMetres, field + "opening area", in: 0.001...10)
        try Check.number(exposureDays, field + "exposure days", in: Self.exposureDays)
    }

    /// Dust-fall in t/(km²·30 d): (m_sample − m_blank) / (area · days) · 30, since 1 g/m² = 1 t/km².
    /// `nil` when the jar cannot give a value: marked invalid, impossible values, or a sample lighter than the blank.
    public var dustfall: Double? {
        guard !markedInvalid, (try? validate()) != nil, sampleMassGrams >= blankMassGrams else { return nil }
        return (sampleMassGrams - blankMassGrams) / (openingAreaSquareMetres * exposureDays) * 30
    }
}
