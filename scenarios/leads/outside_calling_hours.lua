scenario "a lead outside calling hours waits until 08:00 local and is then dialed"
-- 47 CFR 64.1200(c)(1): 08:00–21:00 in the called party's local time, from its area code.
-- power.lua keeps cdc equal to the dials really out, so a later `dialing` dials the lead.

rules "rules/power.lua"
settings { DIAL_RATIO = 1 }
start_at "2026-01-15T07:30:00-05:00"          -- 07:30 in New York
lead_pool { "(212) 555-0100" }
agent "a1"

login "a1"
expect_dials("a1", 0)
expect_warning("no_leads", "a1", "1 outside calling hours; the next becomes dialable at 2026-01-15 13:00 UTC")  -- says why
expect_eq(lead("+12125550100").attempts, 0, "attempts while waiting")

advance(29 * 60)                               -- 07:59
dialing "a1"
expect_dials("a1", 0)

advance(60)                                    -- 08:00 local
dialing "a1"
expect_dials("a1", { "+12125550100" })
expect_true(lead("+12125550100").reserved, "the lead is reserved while it rings")
