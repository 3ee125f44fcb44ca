scenario "in_call × login: ignored"
-- seed 000, in_call × login: "ignore"

agent("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "ready", timestamp = 0 })

advance(30)
login "a1"
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "ready", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
