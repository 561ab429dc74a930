import Foundation

/// Whether an event can be accepted at all: a known type's payload must decode, which also checks
/// its rules (ranges, required fields). Unknown types pass: a newer client may know more types.
///
/// ```swift
/// let reading = EventValidation.read(event)
/// if let problem = reading.problem { quarantine(event, problem) }
/// let placement = EventPlacement.of(event, payload: reading.payload)  // decoded once
/// ```
public enum EventValidation {
    /// An event's payload read once: decoded (for a known type), or why it cannot be accepted.
    public struct Reading: Sendable {
        /// The decoded payload; `nil` for a type this build does not know, or one that failed.
        public var payload: (any Sendable)?
        public var problem: String?
    }

    private static let readers: [EventType: @Sendable (Data) throws -> any Sendable] = {
        var readers: [EventType: @Sendable (Data) throws -> any Sendable] = [:]
        func register<Payload: EventPayload>(_: Payload.Type) {
            readers[Payload.eventType] = { try PayloadCodec.decode(Payload.self, from: $0) }
        }
        register(FirePointReport.self)
        register(FireResponseRecorded.self)
        register(FireAccountabilityRecorded.self)
        register(TicketReported.self)
        register(EnterpriseRegistered.self)
        register(DustSiteRegistered.self)
        register(DustSiteInspected.self)
        register(DustfallStationRegistered.self)
        register(DustfallReadingRecorded.self)
        register(GridNodeDefined.self)
        register(UserRegistered.self)
        register(DeviceSyncReported.self)
        register(AttachmentReceived.self)
        register(DeviceEnrolled.self)
        register(DeviceRevoked.self)
        register(DustChecklistDefined.self)
        register(DustMonitoringThresholdSet.self)
        register(DustfallLimitSet.self)
        register(SignOffDepartmentsDefined.self)
        for kind in TicketStep.Kind.allCases { readers[kind.eventType] = { try PayloadCodec.decode(TicketStep.self, from: $0) } }
        for kind in EnterpriseStep.Kind.allCases { readers[kind.eventType] = { try PayloadCodec.decode(EnterpriseStep.self, from: $0) } }
        return readers
    }()

    /// Every type whose payload is checked, in a fixed order.
    public static var knownTypes: [EventType] { readers.keys.sorted { $0.rawValue < $1.rawValue } }

    /// Why `event` cannot be accepted, or `nil` when it can.
    public static func problem(with event: Event) -> String? { read(event).problem }

    /// Decodes `event`'s payload, checking its rules, and says why the event cannot be accepted if it cannot.
    public static func read(_ event: Event) -> Reading {
        if event.actor.allSatisfy(\.isWhitespace) { return Reading(payload: nil, problem: "the event names no actor") }
        guard let read = readers[event.type] else { return Reading(payload: nil, problem: nil) }
        do {
            return Reading(payload: try read(event.payload), problem: nil)
        } catch let error as ValidationError {
            return Reading(payload: nil, problem: "\(event.type) payload breaks a rule: \(error.field) \(error.rule)")
        } catch {
            return Reading(payload: nil, problem: "\(event.type) payload cannot be read: \(error)")
        }
    }
}
