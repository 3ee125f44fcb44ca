scenario "ready × keep_alive: ignored (the timestamp is not refreshed)"
-- seed 000, ready × keep_alive: "ignore"

agent("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })

advance(300)
keep_alive "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
