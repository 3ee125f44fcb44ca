scenario "full call cycle: login, dial, answer, talk, hang up, dial again"

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }
agent "a1"

login "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })
expect_dials("a1", { "+12125550100", "+12125550101" })
expect_in_flight("a1", 2)

advance(5)
answer "+12125550101"
expect_state("a1", { status = "in_call", latest_lead_phone_number = "+12125550101", timestamp = 5 })
expect_outcome("+12125550101", "connected")

advance(60)
hang_up "+12125550101"
expect_state("a1", { status = "ready", cdc = 2, last_status = "in_call" })
expect_outcome("+12125550101", "completed")
-- seed 000: call_end resets cdc to 0 and dials DIAL_RATIO again, even with +12125550100 still ringing
expect_dials("a1", 4)
expect_in_flight("a1", { "+12125550100", "+12125550102", "+12125550103" })
expect_no_warnings()
