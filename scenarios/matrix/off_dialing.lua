scenario "off × dialing: raise a warning, dial nobody"
-- seed 000, off × dialing: "raise warn"

agent("a1", { status = "off", cdc = 0, last_status = "ready", timestamp = 0 })

advance(30)
dialing "a1"
expect_eq(warnings(), { "dialing_while_off" }, "warnings")
expect_state("a1", { status = "off", cdc = 0, last_status = "ready", timestamp = 0 })
expect_dials("a1", 0)
