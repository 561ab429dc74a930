import Foundation

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

extension DustfallReadingRecorded {
    /// The issue a reading over the limit opens, if it is over.
    public func ticketToOpen(reading: UUID, station: DustfallStationRegistered, limit: Double) -> TicketReported? {
        guard let value = dustfall, value > limit else { return nil }
        return TicketReported(category: .dustfall, node: station.node,
                              title: String(format: "%@ %@ 降尘 %.2f 吨/(平方公里·30天)，超过限值 %.1f", station.name, month, value, limit),
                              location: station.location, origin: reading)
    }
}
