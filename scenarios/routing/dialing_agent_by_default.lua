scenario "dialing_agent (the default): an answer for a busy agent is that agent's drop, even with others ready"
-- The seed's reading: each agent has its own dialer. Without ANSWER_ROUTING a free agent
-- never takes another agent's answer.

rules "rules/power.lua"
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
agent "a1"
agent "a2"

login "a1"
login "a2"
answer "+12125550100"
answer "+12125550101"                           -- a1 busy, a2 ready: still a1's drop
expect_outcome("+12125550101", "dropped")
expect_warning("call_start_while_in_call", "a1")
expect_state("a2", { status = "ready", cdc = 2 })
