scenario "ready × call_fail: cdc - 1, launch dialing (the failed dial is replaced)"
-- seed 000, ready × call_fail: "set `cdc=cdc-1`; launch_dialing_event"

leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103", "+12125550104" }
agent "a1"

login "a1"
advance(4)
fail_call("+12125550100", "busy")
expect_outcome("+12125550100", "busy")
-- cdc 2 -> 1, then dialing tops up 2 - 1 = 1 lead
expect_dials("a1", { "+12125550100", "+12125550101", "+12125550102" })
expect_in_flight("a1", { "+12125550101", "+12125550102" })
expect_state("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })
expect_no_warnings()

-- README reading: a stray call_fail never takes cdc below 0; dialing then dials the full ratio.
agent("a2", { status = "ready", cdc = 0, last_status = "off", timestamp = 0 })
call_fail "a2"
expect_dials("a2", { "+12125550103", "+12125550104" })
expect_state("a2", { status = "ready", cdc = 2 })
expect_no_warnings()
