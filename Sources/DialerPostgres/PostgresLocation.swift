public import DialerCore
import Foundation

/// A parsed `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` location.
public struct PostgresLocation: Sendable, Equatable {
    /// Host name or address.
    public var host: String
    /// TCP port (default 5432).
    public var port: Int
    /// User name.
    public var username: String
    /// Password, if the URL has one.
    public var password: String?
    /// Database name (default: the user name).
    public var database: String
    /// Schema to use (`?schema=NAME`), created when missing; default: the server's search path.
    public var schema: String?

    /// Parses a URL; the error says which part is wrong.
    public init(_ url: String) throws(StoreError) {
        guard let parts = URLComponents(string: url), parts.scheme == "postgres" || parts.scheme == "postgresql" else {
            throw .unavailable(store: url, reason: "not a postgres:// URL (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        guard let host = parts.host, !host.isEmpty else { throw .unavailable(store: url, reason: "the URL names no host") }
        guard let user = parts.user, !user.isEmpty else { throw .unavailable(store: url, reason: "the URL names no user (postgres://USER@HOST/DB)") }
        self.host = host
        port = parts.port ?? 5432
        username = user
        password = parts.password
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? user : path
        schema = parts.queryItems?.first { $0.name == "schema" }?.value
        if let unknown = parts.queryItems?.first(where: { $0.name != "schema" }) {
            throw .unavailable(store: url, reason: "unknown URL parameter '\(unknown.name)' (the only one is schema)")
        }
    }

    /// The location without its password, for messages and logs.
    public var redacted: String { "postgres://\(username)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "") }
}
