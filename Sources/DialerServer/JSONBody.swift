import Foundation
import Hummingbird
import NIOCore

/// Reads a request body of at most `limit` bytes and decodes it, turning every failure into a
/// `ServiceError` that names the field: `field 'event': missing`, `field 'numbers[2]': expected
/// a string`.
func decodeBody<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws(ServiceError) -> T {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw .bodyTooLarge(limit: limit) }
    let buffer: ByteBuffer
    do {
        buffer = try await request.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
        throw .bodyTooLarge(limit: limit)
    } catch {
        throw .malformedJSON("cannot read the body: \(error)")
    }
    guard buffer.readableBytes > 0 else { throw .malformedJSON("the body is empty; send a JSON object") }
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
    } catch let error as DecodingError {
        throw describe(error)
    } catch {
        throw .malformedJSON("\(error)")
    }
}

private func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
    var text = ""
    for key in codingPath + (last.map { [$0] } ?? []) {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return text
}

private func describe(_ error: DecodingError) -> ServiceError {
    switch error {
    case .keyNotFound(let key, let context):
        return .invalidField(field: path(context.codingPath, key), message: "missing")
    case .typeMismatch(let type, let context):
        let field = path(context.codingPath)
        if field.isEmpty { return .malformedJSON("expected a JSON object") }
        return .invalidField(field: field, message: "expected \(name(of: type))")
    case .valueNotFound(let type, let context):
        return .invalidField(field: path(context.codingPath), message: "must not be null (expected \(name(of: type)))")
    case .dataCorrupted(let context):
        let field = path(context.codingPath)
        if field.isEmpty { return .malformedJSON("not valid JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription))") }
        return .invalidField(field: field, message: context.debugDescription)
    @unknown default:
        return .malformedJSON("\(error)")
    }
}

private func name(of type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type, is Double.Type: "a number"
    case is Bool.Type: "true or false"
    case is [Any].Type: "an array"
    default: "a JSON object"
    }
}
