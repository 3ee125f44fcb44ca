scenario "a callback at a set time: the lead is dialed then and not before, even after a completed call"
-- A person asks to be called back at 11:00: the lead becomes dialable at that time (and only
-- then), whatever its standing was.

rules "rules/power.lua"
settings { DIAL_RATIO = 1 }
start_at "2026-01-15T09:00:00-05:00"
lead_pool { "(212) 555-0100" }
agent "a1"

login "a1"
answer "+12125550100"
advance(120)
hang_up "+12125550100"                               -- completed: the lead is done
expect_true(lead("+12125550100").done, "done after a completed call")
expect_warning("no_leads", "a1")

callback("+12125550100", "2026-01-15T11:00:00-05:00")
expect_eq(lead("+12125550100").done, false)
expect_eq(lead("+12125550100").eligible_at, now() + 2 * 3600 - 120)

advance(2 * 3600 - 121)                              -- 10:59:59
dialing "a1"
expect_dials("a1", 1)
advance(1)                                           -- 11:00
dialing "a1"
expect_dials("a1", { "+12125550100", "+12125550100" })
expect_error(function() callback("+12125550100", now() + 60) end, "is in a dial now")
