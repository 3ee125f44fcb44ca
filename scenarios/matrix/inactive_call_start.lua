scenario "inactive × call_start: raise a warning and end the call (dropped)"
-- seed 000, inactive × call_start: "raise warn; end call"
-- A real dial: login (2 dials), answer one, miss the keep-alive (inactive), then the other answers.

leads { "+12125550100", "+12125550101" }
agent "a1"

login "a1"
advance(5)
answer "+12125550100"
advance(61)
keep_alive "a1"
expect_state("a1", { status = "inactive", last_status = "in_call", timestamp = 5 })

answer "+12125550101"
expect_eq(warnings(), { "call_start_while_inactive" }, "warnings")   -- no unhandled_answer: the rules hung up
expect_ended("+12125550101")
expect_outcome("+12125550101", "dropped")
expect_state("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "in_call", timestamp = 5 })
expect_dials("a1", 2)
