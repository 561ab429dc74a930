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

    /// Checks each measured value, naming the first field that is impossible.
    public func validate() throws(ValidationError) {
        let field = "jar \(label.rawValue) "
        guard sampleMassGrams.isFinite, sampleMassGrams >= 0 else { throw ValidationError(field: field + "sample mass", rule: .outOfRange(min: 0, max: .infinity)) }
        guard blankMassGrams.isFinite, blankMassGrams >= 0 else { throw ValidationError(field: field + "blank mass", rule: .outOfRange(min: 0, max: .infinity)) }
        guard openingAreaSquareMetres.isFinite, openingAreaSquareMetres > 0 else { throw ValidationError(field: field + "opening area", rule: .mustBePositive) }
        guard exposureDays.isFinite, exposureDays > 0 else { throw ValidationError(field: field + "exposure days", rule: .mustBePositive) }
    }

    /// Dust-fall in t/(km²·30 d): (m_sample − m_blank) / (area · days) · 30, since 1 g/m² = 1 t/km².
    /// `nil` when the jar cannot give a value: marked invalid, impossible values, or a sample lighter than the blank.
    public var dustfall: Double? {
        guard !markedInvalid, (try? validate()) != nil, sampleMassGrams >= blankMassGrams else { return nil }
        return (sampleMassGrams - blankMassGrams) / (openingAreaSquareMetres * exposureDays) * 30
    }
}

/// A month's reading at one station (降尘监测).
public struct DustfallReadingRecorded: EventPayload, Hashable {
    public static let eventType: EventType = "dustfall.reading.recorded"
    public static let schema: UInt16 = 1

    /// The station's code.
    public var station: String
    /// The month sampled, `YYYY-MM`.
    public var month: String
    public var jars: [DustfallJar]

    public init(station: String, month: String, jars: [DustfallJar]) {
        self.station = station
        self.month = month
        self.jars = jars
    }

    /// The station's value for the month: jar A's, or jar B's only when A gives none. Never an average.
    public var dustfall: Double? {
        let a = jars.first { $0.label == .a }?.dustfall
        return a ?? jars.first { $0.label == .b }?.dustfall
    }

    /// Which jar the value came from.
    public var valueJar: DustfallJar.Label? {
        if jars.first(where: { $0.label == .a })?.dustfall != nil { return .a }
        return jars.first(where: { $0.label == .b })?.dustfall != nil ? .b : nil
    }
}

/// A dust-fall monitoring station placed in a grid node.
public struct DustfallStationRegistered: EventPayload, Hashable {
    public static let eventType: EventType = "dustfall.station.registered"
    public static let schema: UInt16 = 1

    public var code: String
    public var name: String
    /// The grid node (by code) the station stands in.
    public var node: String
    public var location: GeoPoint?

    public init(code: String, name: String, node: String, location: GeoPoint? = nil) {
        self.code = code
        self.name = name
        self.node = node
        self.location = location
    }
}

/// The dust-fall limit for a jurisdiction and year; without one, ``DustfallLimit/standard`` applies.
public struct DustfallLimitSet: EventPayload, Hashable {
    public static let eventType: EventType = "dustfall.limit.set"
    public static let schema: UInt16 = 1

    /// The grid node (by code) the limit applies to, and everything below it.
    public var node: String
    public var year: Int
    /// In t/(km²·30 d).
    public var limit: Double

    public init(node: String, year: Int, limit: Double) {
        self.node = node
        self.year = year
        self.limit = limit
    }
}

public enum DustfallLimit {
    /// 9 t/(km²·30 d): a county's or township's average must not exceed it (seeds 001, 003).
    public static let standard = 9.0

    /// The limit for `node` in `year`: the one set for the nearest node of its lineage (itself first), else the standard.
    public static func limit(for node: String, year: Int, in grid: Grid, settings: [DustfallLimitSet]) -> Double {
        let thatYear = Dictionary(settings.filter { $0.year == year }.map { ($0.node, $0.limit) }) { _, later in later }
        return grid.nearest(thatYear, for: node) ?? standard
    }
}
