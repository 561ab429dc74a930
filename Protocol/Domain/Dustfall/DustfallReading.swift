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

    /// Checks each measured value, naming the first field that is impossible: masses from 0 to
    /// 10 kg, an opening from 0.001 to 10 m², from half a day to 366 days.
    public func validate() throws(InvalidValue) {
        let field = "jar \(label.rawValue) "
        try Check.number(sampleMassGrams, field + "sample mass", in: 0...10_000)
        try Check.number(blankMassGrams, field + "blank mass", in: 0...10_000)
        try Check.positive(openingAreaSquareMetres, field + "opening area", max: 10)
        try Check.number(openingAreaSquareMetres, field + "opening area", in: 0.001...10)
        try Check.positive(exposureDays, field + "exposure days", max: 366)
        try Check.number(exposureDays, field + "exposure days", in: 0.5...366)
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

extension DustfallReadingRecorded {
    public static let definition = EventDefinition(
        DustfallReadingRecorded.self, chinese: "降尘读数", english: "dust-fall reading", recorders: .field, subject: .starts,
        example: DustfallReadingRecorded(station: "GL-01", month: "2026-10", jars: [
            DustfallJar(label: .a, sampleMassGrams: 0.9512, blankMassGrams: 0.0012, openingAreaSquareMetres: 0.0154, exposureDays: 31),
        ]))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(station, "station")
        guard let sampled = ReviewMonth(month) else { throw InvalidValue(field: "month", rule: .invalidMonth) }
        guard sampled.start <= recordedAt.adding(milliseconds: EventBounds.payloadTolerance) else {
            throw InvalidValue(field: "month", rule: .inTheFuture)
        }
        guard !jars.isEmpty else { throw InvalidValue(field: "jars", rule: .empty) }
        try Check.count(jars.count, "jars", max: 2)
        guard Set(jars.map(\.label)).count == jars.count else { throw InvalidValue(field: "jars", rule: .duplicate) }
        for jar in jars { try jar.validate() }
    }

    /// A reading lies at its station, named by code.
    public func placement(of event: Event) -> PlacementClaim {
        .sameAs(subject: DustfallStationRegistered.subject(for: station), startedBy: [DustfallStationRegistered.eventType])
    }
}

extension DustfallStationRegistered {
    /// The subject of the station with `code`: the same on every device.
    public static func subject(for code: String) -> UUID { .version5(name: "dustfall-station:\(code)") }

    public static let definition = EventDefinition(
        DustfallStationRegistered.self, chinese: "降尘监测点登记", english: "dust-fall station registered", recorders: .field,
        subject: .starts, example: DustfallStationRegistered(code: "GL-01", name: "古楼站", node: "371502001",
                                                             location: try! GeoPoint(latitude: 36.4512, longitude: 115.9853)))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(code, "station")
        try Check.text(name, "name", required: true)
        try Check.code(node, "node")
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

extension DustfallLimitSet {
    public static let definition = EventDefinition(
        DustfallLimitSet.self, chinese: "降尘限值设置", english: "dust-fall limit set", recorders: .server, subject: .defines,
        example: DustfallLimitSet(node: "371502", year: 2026, limit: 8))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.number(Double(year), "year", in: 2000...2100)
        try Check.positive(limit, "limit", max: 1_000)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}
