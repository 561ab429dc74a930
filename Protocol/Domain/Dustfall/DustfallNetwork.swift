import Foundation

/// Dust-fall stations, their monthly readings and the limits in force, from events in canonical order.
public struct DustfallNetwork: Projection {
    public static let eventTypes: Set<EventType> = stationTypes.union([DustfallLimitSet.eventType, GridNodeDefined.eventType])
    /// The types of the stations' events: registrations and readings, each naming its station by code.
    public static let stationTypes: Set<EventType> = [DustfallStationRegistered.eventType, DustfallReadingRecorded.eventType]

    /// The station code a registration or reading names, if it can be read.
    public static func station(of event: Event) -> String? {
        switch event.type {
        case DustfallStationRegistered.eventType: (try? PayloadCodec.decode(DustfallStationRegistered.self, from: event))?.code
        case DustfallReadingRecorded.eventType: (try? PayloadCodec.decode(DustfallReadingRecorded.self, from: event))?.station
        default: nil
        }
    }

    public struct Reading: Hashable, Sendable, Codable {
        public var event: UUID
        public var recordedBy: String
        public var reading: DustfallReadingRecorded
    }

    public private(set) var stations: [String: DustfallStationRegistered] = [:]
    /// Readings by station code, in canonical order; a later reading for the same month corrects an earlier one.
    public private(set) var readings: [String: [Reading]] = [:]
    public private(set) var limits: [DustfallLimitSet] = []
    /// Events that could not be read, concern no known record, or start a record a second time
    /// (the first stands): kept in sight, never dropped silently.
    public private(set) var orphans: [UUID] = []
    public private(set) var grid = Grid()

    public init() {}

    /// The stations and readings as a store's tables hold them, in `grid`; limits are applied as events after.
    public init(grid: Grid, stations: some Sequence<DustfallStationRegistered>, readings: [String: [Reading]]) {
        self.grid = grid
        for station in stations { self.stations[station.code] = station }
        self.readings = readings
    }

    public mutating func apply(_ event: Event) {
        switch event.type {
        case GridNodeDefined.eventType:
            grid.apply(event)
        case DustfallStationRegistered.eventType:
            guard let station = try? PayloadCodec.decode(DustfallStationRegistered.self, from: event), stations[station.code] == nil else {
                return orphans.append(event.id)
            }
            stations[station.code] = station
        case DustfallLimitSet.eventType:
            guard let limit = try? PayloadCodec.decode(DustfallLimitSet.self, from: event) else { return orphans.append(event.id) }
            limits.append(limit)
        case DustfallReadingRecorded.eventType:
            guard let reading = try? PayloadCodec.decode(DustfallReadingRecorded.self, from: event), stations[reading.station] != nil else {
                return orphans.append(event.id)
            }
            readings[reading.station, default: []].append(Reading(event: event.id, recordedBy: event.actor, reading: reading))
        default:
            return
        }
    }

    /// The same network with only the stations in `node` or below it.
    public func restricted(to node: String) -> DustfallNetwork {
        var copy = self
        copy.stations = stations.filter { $0.value.node == node || grid.node($0.value.node, isWithin: node) }
        copy.readings = readings.filter { copy.stations[$0.key] != nil }
        return copy
    }

    /// The limit for `node` in `year`.
    public func limit(for node: String, year: Int) -> Double {
        DustfallLimit.limit(for: node, year: year, in: grid, settings: limits)
    }

    /// The station's reading for `month`: the latest recorded.
    public func reading(station: String, month: String) -> DustfallReadingRecorded? {
        readings[station]?.last { $0.reading.month == month }?.reading
    }
}
