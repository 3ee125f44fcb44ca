scenario "in_call × call_start: raise a warning and end the call (dropped)"
-- seed 000, in_call × call_start: "raise warn; end call" (the parallel-dial race)

leads { "+12125550100", "+12125550101" }
agent "a1"

login "a1"
advance(5)
answer "+12125550100"
advance(2)
answer "+12125550101"
expect_eq(warnings(), { "call_start_while_in_call" }, "warnings")   -- no unhandled_answer: the rules hung up
expect_ended("+12125550101")
expect_outcome("+12125550101", "dropped")
expect_not_ended("+12125550100")
expect_outcome("+12125550100", "connected")
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "ready", timestamp = 5 })
expect_dials("a1", 2)
