scenario "predictive: the lines in flight follow the ready agents and the answer rate; a busy agent's answer goes to a ready one"
-- Pool = ready agents × answers per ready agent ÷ answer rate; here 1 answer per ready agent
-- (MIN_PER_READY = MAX_PER_READY = 1), so the pool is 1 ÷ answer rate lines.

rules("rules/predictive.lua", { MIN_ANSWERS = 0, MIN_PER_READY = 1, MAX_PER_READY = 1, MAX_LINES = 4 })
agent "a1"
agent "a2"

login "a1"                                            -- no answer yet: the rate is floored at 5%,
expect_dials("a1", 4)                                 -- so the pool is large; MAX_LINES caps it
answer "+12125550100"                                 -- answer rate 1 of 1
expect_status("a1", "in_call")

login "a2"                                            -- pool 1 ÷ 1 = 1 line; a1's 3 ringing lines
expect_dials("a2", { "+12125550104" })                -- cover it, but a ready agent keeps one

fail_call("+12125550101", "no_answer")
fail_call("+12125550102", "no_answer")                -- answer rate 1 of 3: pool 3 lines, 2 ringing
keep_alive "a2"
expect_dials("a2", { "+12125550104", "+12125550105" })
expect_state("a2", { status = "ready", cdc = 2 })

answer "+12125550103"                                 -- a1's line, a1 busy: a2 takes the call
expect_state("a2", { status = "in_call", latest_lead_phone_number = "+12125550103", cdc = 2 })
expect_no_warnings()
