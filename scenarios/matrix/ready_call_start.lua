scenario "ready × call_start: set in_call, record the lead and the time"
-- seed 000, ready × call_start: "set `in_call`; update `latest_lead_phone_number`, `timestamp`"

leads { "+12125550100", "+12125550101" }
agent "a1"

login "a1"
advance(5)
answer "+12125550101"
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550101",
                     last_status = "ready", timestamp = 5 })
expect_outcome("+12125550101", "connected")
expect_not_ended("+12125550101")
expect_in_flight("a1", { "+12125550100" })      -- the other parallel dial still rings
expect_dials("a1", 2)
expect_no_warnings()
