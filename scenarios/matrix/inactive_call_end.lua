scenario "inactive × call_end: ignored"
-- seed 000, inactive × call_end: "ignore"

agent("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "in_call", timestamp = 0 })

advance(100)
call_end("a1", "+12125550100")
expect_state("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "in_call", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
