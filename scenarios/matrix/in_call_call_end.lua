scenario "in_call × call_end: set ready, cdc = 0, launch dialing"
-- seed 000, in_call × call_end: "set `ready`, `cdc`=0; launch_dialing_event"
-- cdc = 2 before the hang-up: the launched dialing only dials 2 if call_end reset it to 0.

leads { "+12125550102", "+12125550103", "+12125550104" }
agent("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "ready", timestamp = 0 })

advance(90)
call_end("a1", "+12125550100")
expect_state("a1", { status = "ready", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "in_call", timestamp = 90 })
expect_dials("a1", { "+12125550102", "+12125550103" })
expect_no_warnings()
