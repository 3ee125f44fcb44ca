scenario "inactive × call_fail: ignored"
-- seed 000, inactive × call_fail: "ignore"

agent("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "in_call", timestamp = 0 })

advance(100)
call_fail("a1", "+12125550101", "busy")
expect_state("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "in_call", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
