scenario "in_call × logout: set off"
-- seed 000, in_call × logout: "set `off`" (the rules also stamp the time; cdc is left as it was)

agent("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "ready", timestamp = 0 })

advance(30)
logout "a1"
expect_state("a1", { status = "off", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "in_call", timestamp = 30 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
