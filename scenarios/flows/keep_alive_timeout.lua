scenario "keep-alive timeout: in_call -> inactive -> off when the agent goes silent"
-- KEEP_ALIVE_INTERVAL = 60. A keep_alive arriving more than 60 s after the last one (or the
-- call start) marks the agent inactive; the next keep_alive while inactive logs it out.

leads { "+12125550100", "+12125550101" }
agent "a1"

login "a1"
advance(5)
answer "+12125550100"
fail_call("+12125550101", "no_answer")          -- the parallel dial is out of the way
expect_state("a1", { status = "in_call", timestamp = 5 })

advance(50)
keep_alive "a1"                                 -- 50 s after the call start: alive
expect_state("a1", { status = "in_call", timestamp = 55 })

advance(90)                                     -- silence for 90 s (> 60)
keep_alive "a1"
expect_state("a1", { status = "inactive", last_status = "in_call", timestamp = 55 })
-- the seed does not hang up an inactive agent's call: the line stays up until telephony ends it
expect_outcome("+12125550100", "connected")
expect_not_ended("+12125550100")

advance(10)
keep_alive "a1"                                 -- a second keep_alive while inactive: logged out
expect_state("a1", { status = "off", last_status = "inactive", cdc = 2, timestamp = 155 })

hang_up "+12125550100"                          -- the lead's late hang-up: off × call_end ignores it
expect_state("a1", { status = "off", last_status = "inactive", cdc = 2, timestamp = 155 })
expect_outcome("+12125550100", "completed")
expect_eq(calls()[1].ended_at, 155, "call record closed at")
expect_dials("a1", 2)
expect_no_warnings()
