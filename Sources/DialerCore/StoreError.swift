/// Why a store refused to work. Each message names the store and says what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store cannot be opened or reached.
    case unavailable(store: String, reason: String)
    /// The file is not a database, or is damaged.
    case corrupt(store: String, reason: String)
    /// Another process holds the database.
    case locked(store: String)
    /// Another live process writes to this SQLite store: it holds `lockFile` (pid if known).
    case inUse(store: String, lockFile: String, pid: Int32?)
    /// The database was written by a newer dialer.
    case newerSchema(store: String, found: String, known: String)
    /// The disk (or quota) is full.
    case full(store: String)
    /// Another node changed or owns the agent (optimistic concurrency / lease).
    case conflict(store: String, agentID: String)
    /// Any other failure of a statement.
    case failed(store: String, reason: String)

    /// The message a person reads.
    public var description: String {
        switch self {
        case .unavailable(let store, let reason):
            return "\(store): cannot open the store: \(reason)"
        case .corrupt(let store, let reason):
            return "\(store): the database is damaged or not a dialer database (\(reason)); restore it from a backup or start a new file"
        case .locked(let store):
            return "\(store): the database is locked by another process (is another dialer running on this file?); stop it or use another file"
        case .inUse(let store, let lockFile, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return
                "\(store): \(holder) is writing to this store (it holds \(lockFile)); stop it first, or use another file (agents list, leads list and report can read it meanwhile)"
        case .newerSchema(let store, let found, let known):
            return "\(store): written by a newer dialer (schema \(found); this dialer knows up to \(known)); upgrade dialer"
        case .full(let store):
            return "\(store): the disk is full; free space and retry (nothing was half-written)"
        case .conflict(let store, let agentID):
            return "\(store): agent '\(agentID)' was changed or is driven by another dialer node; reload it"
        case .failed(let store, let reason):
            return "\(store): \(reason)"
        }
    }
}

extension StoreError {
    /// The error as a store error: itself when it is one, else a failure of `store` that keeps
    /// the error's own words.
    public init(_ error: any Error, store: String) {
        self = (error as? StoreError) ?? .failed(store: store, reason: "\(error)")
    }
}
