scenario "off × login: set ready and cdc = 0, launch dialing"
-- seed 000, off × login: "set `ready` and `cdc=0`; launch_dialing_event"
-- cdc = 2 is left over from the last session (logout does not reset it): login must reset it,
-- or the launched dialing (DIAL_RATIO 2 - cdc 2) would dial nobody.

leads { "+12125550100", "+12125550101", "+12125550102" }
agent("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 0 })

advance(30)
login "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 30 })
expect_dials("a1", { "+12125550100", "+12125550101" })
expect_in_flight("a1", 2)
expect_no_warnings()
