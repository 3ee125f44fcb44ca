scenario "while the telephony is down every dial comes back not placed, and no lead is used up"
-- An outage as the far end plays it: each number's outcome is `not_placed` at once. The plain
-- leads { } list dials each number once, yet a number never placed is not spent: after the
-- outage it is dialed again.

rules "rules/power.lua"          -- tops up by the dials really in flight
leads { "+12125550100", "+12125550101", "+12125550102" }
outcomes {
  ["+12125550100"] = { fail_after = 0, reason = "not_placed" },
  ["+12125550101"] = { fail_after = 0, reason = "not_placed" },
  ["+12125550102"] = { fail_after = 0, reason = "not_placed" },
}
agent "a1"

login "a1"
advance(1)
expect_outcome("+12125550100", "not_placed")
expect_outcome("+12125550101", "not_placed")
expect_outcome("+12125550102", "not_placed")
expect_in_flight("a1", 0)
expect_warning("no_leads", "a1")                 -- every number waits its 60 s
expect_status("a1", "ready")

-- the telephony is back: the numbers answer now
outcomes {
  ["+12125550100"] = { answer_after = 5 },
  ["+12125550101"] = { fail_after = 10, reason = "busy" },
  ["+12125550102"] = { fail_after = 10, reason = "busy" },
}
advance(60)
dialing "a1"
advance(6)
expect_status("a1", "in_call")
expect_state("a1", { latest_lead_phone_number = "+12125550100" })
