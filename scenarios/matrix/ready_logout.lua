scenario "ready × logout: set off"
-- seed 000, ready × logout: "set `off`" (the rules also stamp the time; cdc is left as it was)

agent("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })

advance(30)
logout "a1"
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 30 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
