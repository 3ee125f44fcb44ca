scenario "call_fail reasons are kept as outcomes: busy, no_answer, failed"
-- ready × call_fail replaces each failed dial; the call record keeps why it failed.

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104" }
outcomes {
  ["+12125550100"] = { fail_after = 3, reason = "busy" },
  ["+12125550101"] = { fail_after = 5, reason = "no_answer" },
  ["+12125550102"] = { fail_after = 4 },                        -- no reason: failed
  ["+12125550103"] = { answer_after = 10 },
}
agent "a1"

login "a1"
advance(20)
expect_outcome("+12125550100", "busy")
expect_outcome("+12125550101", "no_answer")
expect_outcome("+12125550102", "failed")
expect_outcome("+12125550103", "connected")
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104" })
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550103" })

call_fail("a1", nil, "no_answer")               -- no number: the oldest ringing dial (+…104)
expect_outcome("+12125550104", "no_answer")
expect_status("a1", "in_call")
expect_no_warnings()
