scenario "power: call_end tops up to DIAL_RATIO counting the dial still ringing"
-- The seed (scenarios/flows/full_call_cycle.lua) resets cdc to 0 at call_end and dials two
-- more next to the one still ringing: three lines for one agent. power.lua counts it.

rules "rules/power.lua"
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550101" })
expect_state("a1", { status = "ready", cdc = 2 })

advance(5)
answer "+12125550101"
expect_state("a1", { status = "in_call", cdc = 1, latest_lead_phone_number = "+12125550101" })
expect_in_flight("a1", { "+12125550100" })

advance(10)
hang_up "+12125550101"
expect_state("a1", { status = "ready", cdc = 2, last_status = "in_call" })
expect_dials("a1", 3)                                 -- one new line, not two
expect_in_flight("a1", { "+12125550100", "+12125550102" })
expect_no_warnings()
