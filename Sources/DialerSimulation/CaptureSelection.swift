import DialerCore

extension JournalCapture {
    /// Which agents, leads and inputs of a window a capture keeps.
    struct Selection {
        /// The window's agents: the chosen, and those an answer passed between them and a chosen one.
        let agents: Set<String>
        /// Agents that joined the chosen, sorted.
        let joined: [String]
        /// The numbers the agents had in dials at the start or dialed in the window, first dialed first.
        let numberOrder: [String]
        let numbers: Set<String>

        init(chosen: [String], agents start: [CapturedWindow.AgentStart], raw: [RawStep]) throws(CaptureError) {
            var known = Set(start.map(\.state.agentID))
            var links: [(String, String)] = []
            for step in raw {
                if case .agentAdded(let id) = step.entry.input { known.insert(id) }
                for taken in step.steps { if let placer = taken.routedFrom { links.append((placer, taken.event.agentID)) } }
            }
            if let unknown = chosen.first(where: { !known.contains($0) }) { throw .unknownAgent(unknown, known: known.sorted()) }
            var agents = chosen.isEmpty ? known : Set(chosen)
            var grew = true
            while grew {
                grew = false
                for (a, b) in links where agents.contains(a) != agents.contains(b) {
                    agents.formUnion([a, b])
                    grew = true
                }
            }
            self.agents = agents
            joined = agents.subtracting(chosen.isEmpty ? known : Set(chosen)).sorted()
            var order: [String] = []
            for agent in start where agents.contains(agent.state.agentID) {
                order += agent.openDials.sorted { $0.id < $1.id }.map(\.number)
            }
            for step in raw.flatMap(\.steps) where agents.contains(step.event.agentID) { order += step.placed.map(\.number) }
            var seen = Set<String>()
            numberOrder = order.filter { seen.insert($0).inserted }
            numbers = seen
        }

        /// The inputs that reach the window's agents, with what they did to them.
        func steps(_ raw: [RawStep], start: [CapturedWindow.AgentStart]) throws(CaptureError) -> [CapturedWindow.Step] {
            var ringing = Dictionary(start.map { ($0.state.agentID, $0.ringing.map(\.number)) }, uniquingKeysWith: { $1 })
            var kept: [CapturedWindow.Step] = []
            var resumed: [String] = []  // the dialing events a resume sends, still to come
            for step in raw {
                if case .event(let id, .dialing, _, _) = step.entry.input, resumed.first == id {
                    // `resume_dialing()` sends it: what it did is asserted after the resume.
                    resumed.removeFirst()
                    if !kept.isEmpty { kept[kept.count - 1].after += afters(step, &ringing) }
                    continue
                }
                resumed = step.resumedFor
                guard let numbers = try concerns(step.entry) else { continue }
                kept.append(CapturedWindow.Step(entry: step.entry, numbers: numbers, after: afters(step, &ringing), ruleFile: step.ruleFile))
            }
            return kept
        }

        /// What the input did to the window's agents; `ringing` is what each had ringing before.
        private func afters(_ step: RawStep, _ ringing: inout [String: [String]]) -> [CapturedWindow.AgentAfter] {
            var after: [CapturedWindow.AgentAfter] = []
            for (id, now) in step.after.sorted(by: { $0.key < $1.key }) where agents.contains(id) {
                let own = step.steps.filter { $0.event.agentID == id }
                after.append(
                    CapturedWindow.AgentAfter(
                        agentID: id, state: now.state, ringing: ringing[id] == now.ringing ? nil : now.ringing, ended: own.flatMap(\.ended),
                        warnings: own.flatMap(\.warnings).map(\.code)))
                ringing[id] = now.ringing
            }
            return after
        }

        /// Nil when the entry does not concern the window's agents, else the numbers it names
        /// that do (for leads added and callbacks).
        private func concerns(_ entry: JournalEntry) throws(CaptureError) -> [String]? {
            switch entry.input {
            case .event(let id, _, _, _), .agentAdded(let id), .agentRemoved(let id): return agents.contains(id) ? [] : nil
            case .leadsAdded(let leads):
                let relevant = leads.map(\.number).filter(numbers.contains)
                return relevant.isEmpty ? nil : relevant
            case .callback(let number, _): return numbers.contains(number) ? [number] : nil
            case .rules(_, _, _, _, let trigger):
                if trigger == "start" { throw .unsupported(sequence: entry.sequence, time: entry.time, "a restart") }
                return []
            case .simulation: return nil
            case .dialingPaused: return []
            }
        }

        /// The numbers the window's agents dialed in it, in order.
        func placed(_ raw: [RawStep]) -> [String] {
            raw.flatMap(\.steps).filter { agents.contains($0.event.agentID) }.flatMap { $0.placed.map(\.number) }
        }
    }
}
