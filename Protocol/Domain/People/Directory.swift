import Foundation

/// Who each user is, from their registrations.
public struct Directory: Projection {
    public static let eventTypes: Set<EventType> = [UserRegistered.eventType]

    public private(set) var users: [String: UserRegistered] = [:]

    public init() {}

    /// The directory of these users, as a store's table holds them (each user's latest registration).
    public init(users: some Sequence<UserRegistered>) {
        for user in users { self.users[user.name] = user }
    }

    public mutating func apply(_ event: Event) {
        guard event.type == UserRegistered.eventType,
              let user = try? PayloadCodec.decode(UserRegistered.self, from: event) else { return }
        users[user.name] = user
    }

    public func role(of user: String) -> Role? { users[user]?.role }
}
