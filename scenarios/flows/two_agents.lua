scenario "two agents dial independently from one lead list"
-- Each agent has its own state, cdc and dials; an answer goes to the agent who dialed it, and
-- one agent's call, failure or drop never changes the other's.

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104" }
agent "a1"
agent "a2"

login "a1"
login "a2"
expect_dials("a1", { "+12125550100", "+12125550101" })
expect_dials("a2", { "+12125550102", "+12125550103" })

advance(5)
answer "+12125550103"                           -- a2's lead: a2 talks, a1 keeps waiting
expect_state("a2", { status = "in_call", latest_lead_phone_number = "+12125550103", timestamp = 5 })
expect_state("a1", { status = "ready", cdc = 2 })

fail_call "+12125550100"                        -- a1's dial fails: only a1 re-dials
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550104" })
expect_dials("a2", 2)

answer "+12125550101"                           -- a1 connects although a2 is in a call
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550101" })
answer "+12125550102"                           -- a2's second lead: a2's race, a2's drop
expect_outcome("+12125550102", "dropped")
expect_warning("call_start_while_in_call", "a2")
expect_no_warnings("a1")
expect_in_flight("a1", { "+12125550104" })
expect_in_flight("a2", 0)
