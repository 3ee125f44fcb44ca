scenario "in_call × call_fail: ignored (the agent talks on; cdc is reset at call_end)"
-- seed 000, in_call × call_fail: "ignore"
-- A real case: the other parallel dial fails while the agent talks to the first lead.

leads { "+12125550100", "+12125550101", "+12125550102" }
agent "a1"

login "a1"
advance(5)
answer "+12125550100"
advance(10)
fail_call("+12125550101", "no_answer")
expect_outcome("+12125550101", "no_answer")
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "ready", timestamp = 5 })
expect_dials("a1", 2)                          -- no replacement dial
expect_outcome("+12125550100", "connected")
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
