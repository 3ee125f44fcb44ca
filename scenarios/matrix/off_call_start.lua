scenario "off × call_start: raise a warning and end the call (dropped)"
-- seed 000, off × call_start: "raise warn; end call"
-- A real dial: the agent logs in (2 dials), logs out while both ring, then a lead answers.

leads { "+12125550100", "+12125550101" }
agent "a1"

login "a1"
advance(5)
logout "a1"
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 5 })

advance(3)
answer "+12125550101"
expect_eq(warnings(), { "call_start_while_off" }, "warnings")   -- no unhandled_answer: the rules hung up
expect_ended("+12125550101")
expect_outcome("+12125550101", "dropped")
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 5 })
expect_dials("a1", 2)                          -- no new dial
expect_in_flight("a1", { "+12125550100" })     -- the other dial still rings
