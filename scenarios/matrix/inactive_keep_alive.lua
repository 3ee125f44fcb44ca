scenario "inactive × keep_alive: set off (a second missed keep-alive logs the agent out)"
-- seed 000, inactive × keep_alive: "set `off`" (the rules also stamp the time)

agent("a1", { status = "inactive", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "in_call", timestamp = 0 })

advance(100)
keep_alive "a1"
expect_state("a1", { status = "off", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "inactive", timestamp = 100 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
