scenario "off × call_fail: ignored"
-- seed 000, off × call_fail: "ignore"

agent("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 0 })

advance(30)
call_fail("a1", "+12125550100", "no_answer")
expect_state("a1", { status = "off", cdc = 2, last_status = "ready", timestamp = 0 })
expect_dials("a1", 0)
expect_eq(ended(), {}, "hang-ups")
expect_no_warnings()
