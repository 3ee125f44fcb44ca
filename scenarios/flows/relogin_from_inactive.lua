scenario "re-login from inactive: ready again, cdc reset, DIAL_RATIO new leads dialed"
-- inactive × login: "set ready; launch_dialing_event". Like a login from off, cdc restarts at
-- 0 (README), so the stale cdc = 2 from before does not block the new dials.

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104" }
agent "a1"

login "a1"
advance(5)
answer "+12125550100"
fail_call("+12125550101", "busy")
advance(61)
keep_alive "a1"                                 -- missed the keep-alive: inactive
expect_state("a1", { status = "inactive", cdc = 2, last_status = "in_call" })
expect_in_flight("a1", 0)

advance(20)
login "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "inactive", timestamp = 86 })
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102", "+12125550103" })
expect_in_flight("a1", { "+12125550102", "+12125550103" })
expect_no_warnings()
