import DialerCore
import Foundation
import Hummingbird

/// A value sent as JSON with a status: keys sorted, slashes unescaped, one line.
struct JSONResponse<Value: Encodable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status

    init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = try Self.body(value)
        body.append(UInt8(ascii: "\n"))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The JSON of `value`: written by hand for the replies every event gets, else by
    /// `JSONEncoder` (sorted keys, slashes unescaped); the same bytes either way.
    static func body(_ value: Value) throws -> [UInt8] {
        if let writable = value as? any JSONWritable {
            var json = JSONWriter()
            json.value(writable)
            return json.bytes
        }
        return Array(try encoded(value))
    }

    /// `value` through `JSONEncoder`, as every reply was before the hand-written ones.
    static func encoded(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
