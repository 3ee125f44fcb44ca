scenario "a dial the telephony never placed keeps its lead's attempts and is tried again later"
-- The telephony refused a dial request or could not be reached (serve: the webhook gave up).
-- call_fail with reason not_placed: the dial's outcome is not_placed, the lead's attempts stay
-- as they were, and the lead waits retry.not_placed seconds (60 by default) before the next try.

rules "rules/power.lua"
start_at "2026-01-15T10:00:00-05:00"
lead_pool { "212-555-0100", "212-555-0101", "212-555-0102", max_attempts = 1 }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101" })

fail_call("+12125550100", "not_placed")
expect_outcome("+12125550100", "not_placed")
expect_eq(lead("+12125550100").attempts, 0, "a dial never placed is not an attempt")
expect_eq(lead("+12125550100").eligible_at, now() + 60, "tried again after retry.not_placed")
expect_eq(lead("+12125550100").done, false, "max_attempts = 1, yet the lead is not used up")
-- the rules topped up with the next lead, not the one just refused
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })

case("a call_fail by number with the reason, as telephony reports it", function()
  call_fail("a1", "(212) 555-0101", "not_placed")
  expect_outcome("+12125550101", "not_placed")
  expect_eq(lead("+12125550101").attempts, 0)
end)

case("the refused lead is dialed again once its wait is over", function()
  fail_call("+12125550101", "busy")              -- an attempt: +…0101 is used up
  fail_call("+12125550102", "busy")
  expect_warning("no_leads", "a1")               -- +…0100 still waits its 60 s
  advance(60)
  dialing "a1"
  expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550100" })
  answer "+12125550100"
  expect_status("a1", "in_call")
  expect_eq(lead("+12125550100").attempts, 0, "attempts count when the dial ends")
end)

case("it is not a fail in the answer rate or the report", function()
  local total = report().total
  expect_eq(total.not_placed, 1, "not placed")
  expect_eq(total.fails, 0, "fails")
  expect_eq(total.dials, 2, "dials placed: the two still ringing")
  expect_eq(total.answered, 0, "answered")
end)
