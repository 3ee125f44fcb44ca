scenario "predictive: over the abandon target no line joins (one line drops nothing)"

rules("rules/predictive.lua", { MIN_ANSWERS = 0 })
agent "a1"

login "a1"
keep_alive "a1"
expect_in_flight("a1", 2)
answer "+12125550100"
answer "+12125550101"                                 -- dropped: abandon rate 50%, target 3%
expect_outcome("+12125550101", "dropped")

advance(60)
hang_up "+12125550100"                                -- call_end: ready again, one fresh line
expect_dials("a1", 3)
advance(30)
keep_alive "a1"
expect_dials("a1", 3)                                 -- the line is old, but the rate is over the target
fail_call("+12125550102", "no_answer")
expect_dials("a1", 4)
expect_in_flight("a1", { "+12125550103" })
