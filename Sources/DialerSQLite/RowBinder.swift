import GRDB
import GRDBSQLite

/// Runs a cached statement for one row, its values bound through SQLite's own API: for the
/// statements every commit runs once per agent, dial, lead and journaled event, where GRDB's
/// `StatementArguments` (an array of existentials built for every row) cost more than writing
/// the row itself (`dialer bench`, SQLite rows). Text is copied by SQLite as it is bound, so
/// nothing points into a Swift string once a call returns.
struct RowBinder {
    private let statement: OpaquePointer
    private let db: Database

    /// The statement `sql`, cached by the connection.
    init(_ sql: String, _ db: Database) throws {
        statement = try db.cachedStatement(sql: sql).sqliteStatement
        self.db = db
    }

    /// Binds the values `bind` gives, in order from `?1`, steps the statement to its end and
    /// resets it; throws the connection's error if a step fails.
    func run(_ bind: (inout Values) -> Void) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)  // a value left out is NULL
        var values = Values(statement: statement)
        bind(&values)
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW { code = sqlite3_step(statement) }
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: String(cString: sqlite3_sql(statement)))
        }
    }

    /// The next parameter's value; nil binds NULL.
    struct Values {
        fileprivate let statement: OpaquePointer
        private var index: Int32 = 0

        fileprivate init(statement: OpaquePointer) { self.statement = statement }

        mutating func text(_ value: String?) {
            index += 1
            if let value { sqlite3_bind_text(statement, index, value, -1, Self.transient) }
        }

        mutating func real(_ value: Double?) {
            index += 1
            if let value { sqlite3_bind_double(statement, index, value) }
        }

        mutating func integer(_ value: Int?) {
            index += 1
            if let value { sqlite3_bind_int64(statement, index, Int64(value)) }
        }

        /// SQLite's `SQLITE_TRANSIENT`: copy the text now.
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
