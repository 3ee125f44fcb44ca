scenario "a dropped lead is not redialed before its 72-hour lockout ends"
-- Ofcom: no automated redial of an abandoned number for 72 hours (RetryPolicy.droppedLockout).

rules "rules/power.lua"
start_at "2026-01-15T10:00:00-05:00"
lead_pool { "212-555-0100", "212-555-0101", max_attempts = 3 }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101" })
answer "+12125550100"
answer "+12125550101"                          -- a second answer while the agent talks: dropped
expect_outcome("+12125550101", "dropped")
expect_eq(lead("+12125550101").eligible_at, now() + 72 * 3600, "locked out until")

hang_up "+12125550100"                         -- ready again: nothing may be dialed
expect_dials("a1", 2)
expect_warning("no_leads", "a1")

advance(72 * 3600 - 1)
dialing "a1"
expect_dials("a1", 2)

advance(1)                                     -- the lockout has ended
dialing "a1"
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550101" })
expect_eq(lead("+12125550101").attempts, 1, "attempts before the redial's outcome")
