scenario "inactive × login: set ready, launch dialing (cdc restarts at 0)"
-- seed 000, inactive × login: "set `ready`; launch_dialing_event"
-- The pseudo code's on_agent_login also sets cdc = 0 and the timestamp: with the stale cdc = 2
-- the launched dialing dials DIAL_RATIO only because cdc was reset.

leads { "+12125550102", "+12125550103", "+12125550104" }
agent("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "in_call", timestamp = 0 })

advance(100)
login "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "inactive", timestamp = 100 })
expect_dials("a1", { "+12125550102", "+12125550103" })
expect_no_warnings()
