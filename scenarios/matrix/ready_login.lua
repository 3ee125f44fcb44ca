scenario "ready × login: ignored (no second round of dials)"
-- seed 000, ready × login: "ignore"

agent("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })

advance(30)
login "a1"
expect_state("a1", { status = "ready", cdc = 2, last_status = "off", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
