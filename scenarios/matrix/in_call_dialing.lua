scenario "in_call × dialing: raise a warning, dial nobody"
-- seed 000, in_call × dialing: "raise warn"

agent("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
              last_status = "ready", timestamp = 0 })

advance(30)
dialing "a1"
expect_eq(warnings(), { "dialing_while_in_call" }, "warnings")
expect_state("a1", { status = "in_call", cdc = 2, latest_lead_phone_number = "+12125550100",
                     last_status = "ready", timestamp = 0 })
expect_dials("a1", 0)
