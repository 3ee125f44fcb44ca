scenario "a callback that falls due is dialed at its time, ahead of the fresh leads still in line"
-- The pool holds the store's leads in hand; a callback is not left waiting until they run out,
-- and it is not dialed a second before its time either.

rules "rules/power.lua"
settings { DIAL_RATIO = 1 }
start_at "2026-01-15T09:00:00-05:00"
lead_pool { "212-555-0100", "212-555-0101", "212-555-0102", "212-555-0103", "212-555-0104" }
agent "a1"

login "a1"
answer "+12125550100"
advance(60)
hang_up "+12125550100"                          -- completed: a1 dials the next lead
expect_dials("a1", { "+12125550100", "+12125550101" })
callback("+12125550100", now() + 600)
expect_eq(lead("+12125550100").eligible_at, now() + 600)

fail_call("+12125550101", "busy")               -- replaced by the next fresh lead: the callback is not due
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })
advance(599)
fail_call("+12125550102", "busy")               -- a second early: still a fresh lead
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103" })
advance(1)
fail_call("+12125550103", "busy")               -- at its time: the callback, though 0104 is still in line
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550100" })
