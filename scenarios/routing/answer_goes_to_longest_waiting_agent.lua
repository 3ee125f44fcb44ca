scenario "any_ready_agent: an answer for a busy agent goes to the agent who has waited longest"
-- With ANSWER_ROUTING = "any_ready_agent" (rules/predictive.lua sets it) the lines are the
-- campaign's: a lead who answers while the agent who dialed them is busy is connected to the
-- ready agent who has been ready longest, instead of being dropped. Only when nobody is ready
-- do the dialing agent's rules decide (a drop).

rules "rules/power.lua"
settings { ANSWER_ROUTING = "any_ready_agent" }
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104",
        "+12125550105", "+12125550106", "+12125550107" }
agent "a1"
agent "a2"
agent "a3"

login "a2"                                      -- ready first: longest waiting
advance(1)
login "a3"
advance(1)
login "a1"
expect_dials("a1", { "+12125550104", "+12125550105" })

answer "+12125550104"                           -- a1 is ready: a1 takes its own answer
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550104" })

answer "+12125550105"                           -- a1 is busy: a2 (ready since t=0) takes it
expect_state("a2", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550105" })
expect_in_flight("a1", 0)
expect_in_flight("a2", { "+12125550100", "+12125550101" })
expect_status("a3", "ready")
expect_no_warnings()

answer "+12125550100"                           -- a2 busy: a3 is the only one ready
expect_state("a3", { status = "in_call", latest_lead_phone_number = "+12125550100" })

answer "+12125550101"                           -- nobody ready: a2's rules drop it
expect_outcome("+12125550101", "dropped")
expect_warning("call_start_while_in_call", "a2")

-- the call record names the agent who talked; the far end hangs up on the right agent
local records = {}
for _, call in ipairs(calls()) do records[call.number] = call end
expect_eq(records["+12125550105"].agent_id, "a2")
expect_eq(records["+12125550105"].outcome, "connected")
hang_up "+12125550105"
expect_status("a2", "ready")
expect_eq(records["+12125550100"].agent_id, "a3")
