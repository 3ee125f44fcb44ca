import DialerCore
import Foundation
import Logging
import XCTest
import Yams

@testable import DialerServer

/// openapi.yaml documents exactly the routes the service's router serves.
final class OpenAPIDocumentTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheOpenAPIDocumentListsExactlyTheRoutesTheRouterServes() throws {
        let text = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let document = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        XCTAssertEqual(document["openapi"] as? String, "3.0.3")
        let paths = try XCTUnwrap(document["paths"] as? [String: Any])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var documented: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where methods.contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }

        var configuration = ServerConfiguration(
            token: "t", rulesFile: root.appendingPathComponent("rules/default.lua").path, webhook: WebhookOptions(url: "http://127.0.0.1:9/hook"))
        configuration.rulesPollInterval = nil
        let (_, webhook) = AsyncStream.makeStream(of: WebhookRequest.self)
        let host = try EngineHost(
            store: InMemoryAgentStore(), configuration: configuration, webhook: webhook, metrics: ServiceMetrics(), logger: Logger(label: "test"))
        let reloader = RuleReloader(configuration: configuration, host: host, metrics: ServiceMetrics(), logger: Logger(label: "test"))
        let router = DialerRoutes.router(
            host: host, reloader: reloader, metrics: ServiceMetrics(), token: "t", maxBodyBytes: 1024,
            wallboard: WallboardRoutes(host: host, feed: WallboardFeed(host: host)), shadow: ShadowRoutes(host: host, reloader: nil))
        let served = Set(router.routes.map { "\($0.method) \($0.path)" })

        XCTAssertEqual(served.subtracting(documented).sorted(), [], "served but not documented in openapi.yaml")
        XCTAssertEqual(documented.subtracting(served).sorted(), [], "documented in openapi.yaml but not served")
        XCTAssertEqual(
            served.count, 22, "health, metrics, rules (2), leads (2), agents (5), dial and call events, campaign (3), wallboard (4), shadow (2)")
    }

    func testEveryDocumentedReferenceResolves() throws {
        let text = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let document = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        var references: [String] = []
        func collect(_ node: Any) {
            if let map = node as? [String: Any] {
                if let ref = map["$ref"] as? String { references.append(ref) }
                map.values.forEach(collect)
            } else if let list = node as? [Any] {
                list.forEach(collect)
            }
        }
        collect(document)
        XCTAssertFalse(references.isEmpty)
        for ref in Set(references) {
            var node: Any? = document
            for key in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
            XCTAssertNotNil(node, "\(ref) does not resolve")
        }
    }
}
