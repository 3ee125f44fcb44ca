scenario "power: logging in again from inactive counts the line still ringing"

rules "rules/power.lua"
agent "a1"

login "a1"
advance(5)
answer "+12125550100"
expect_in_flight("a1", { "+12125550101" })

advance(90)                                           -- silence for more than KEEP_ALIVE_INTERVAL
keep_alive "a1"
expect_status("a1", "inactive")

login "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "inactive" })
expect_dials("a1", 3)                                 -- tops up to two lines, counting +12125550101
expect_in_flight("a1", { "+12125550101", "+12125550102" })
