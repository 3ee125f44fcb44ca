import DialerCore

// The event reply and what it holds, written by hand: every event's answer is one of these.
// Members in sorted order, as `JSONEncoder` with `.sortedKeys` writes them; the coding keys in
// APIViews.swift name the same members (a test compares the two encodings).

extension EventReply: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("agent", agent)
            $0.member("steps", steps)
        }
    }
}

extension AgentView: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("agent_id", agentID)
            $0.member("call", call)
            $0.member("cdc", cdc)
            $0.member("in_flight", inFlight)
            $0.member("last_status", lastStatus)
            $0.member("latest_lead_phone_number", latestLeadPhoneNumber)
            $0.member("ringing", ringing)
            $0.member("status", status)
            $0.member("timestamp", timestamp)
        }
    }
}

extension DialView: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("answered_at", answeredAt)
            $0.member("dial_id", dialID)
            $0.member("dialed_at", dialedAt)
            $0.member("number", number)
        }
    }
}

extension StepView: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("agent_id", agentID)
            $0.member("dials", dials)
            $0.member("error", error)
            $0.member("event", event)
            $0.member("hung_up", hungUp)
            $0.member("number", number)
            $0.member("routed_from", routedFrom)
            $0.member("status_after", statusAfter)
            $0.member("status_before", statusBefore)
            $0.member("warnings", warnings)
        }
    }
}

extension StepView.Warning: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object {
            $0.member("code", code)
            $0.member("message", message)
        }
    }
}
