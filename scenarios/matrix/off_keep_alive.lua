scenario "off × keep_alive: ignored"
-- seed 000, off × keep_alive: "ignore"

agent("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 0 })

advance(30)
keep_alive "a1"
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
