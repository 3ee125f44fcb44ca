scenario "logout while dials still ring: a late answer is dropped, a late fail ignored"
-- The agent logs out with both parallel dials out. off × call_fail is ignored (no re-dial);
-- off × call_start raises call_start_while_off and the dialer hangs up: an abandoned call.

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
outcomes {
  ["+12125550100"] = { answer_after = 10 },
  ["+12125550101"] = { fail_after = 6, reason = "busy" },
}
agent "a1"

login "a1"
advance(3)
logout "a1"
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 3 })
expect_in_flight("a1", 2)                       -- logging out does not cancel the dials

advance(10)
expect_outcome("+12125550101", "busy")          -- t=6, ignored: no replacement dial
expect_warning("call_start_while_off", "a1")    -- t=10
expect_ended("+12125550100")
expect_outcome("+12125550100", "dropped")
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 3 })
expect_dials("a1", 2)

login "a1"                                      -- back again: fresh leads, cdc reset
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103" })
expect_state("a1", { status = "ready", cdc = 2, timestamp = 13 })
