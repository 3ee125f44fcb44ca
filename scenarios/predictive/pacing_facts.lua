scenario "pacing facts: time in status, how long recent calls kept agents, how fast and how often leads answer, agents free soon, answers soon"
-- Every rule file reads these (docs/rules.md, "Facts for pacing"); the engine keeps them on the
-- virtual clock from the events, whatever the rules. The default rules dial two lines.

agent "a1"
agent "a2"

login "a1"                                            -- t=0: two lines ring
advance(6)
answer "+12125550100"                                 -- answered after 6 s
fail_call("+12125550101", "no_answer")                -- missed after 6 s
expect_eq(state("a1").seconds_in_status, 0, "in_call since now")
advance(90)
expect_eq(state("a1").seconds_in_status, 90)
local c = campaign()
expect_eq(c.recent_answer_rate, 0.5, "one attempt of two answered")
expect_eq(c.answer_seconds, 6)
expect_eq(c.recent_calls, 0, "no call has ended yet")
expect_eq(agents_free_within(60), 0, "nothing measured: nobody is expected free")

advance(10)
hang_up "+12125550100"                                -- t=106, call_end after 100 s in call: ready again
c = campaign()
expect_eq(c.recent_calls, 1)
expect_eq(c.call_seconds, 100)
expect_eq(c.call_seconds_p90, 100)

-- a2 answers at t = 106 and has been in its call 90 s at t = 196: the one call measured lasted
-- 100 s, so it ends within 20 s more; blended with a memoryless guess as one more call.
login "a2"
answer(in_flight("a2")[1])
advance(90)
local guess = 1 - math.exp(-20 / 100)
expect_true(math.abs(agents_free_within(20) - (1 + guess) / 2) < 1e-9, "a2 is expected free within 20 s")
expect_eq(agents_free_within(0), 0)

-- answers soon: every dial ringing weighed by how long it has rung. With one answer after 6 s
-- and one miss after 6 s measured, a new dial is answered within 10 s half the time; a dial
-- ringing 90 s (a1's lines since t = 106) has outlived every answer measured.
expect_true(math.abs(answer_chance_within(10) - 0.5) < 1e-9, "a new dial is answered within 10 s half the time")
expect_eq(#in_flight("a1"), 2)
expect_eq(answers_within(10), 0, "a1's lines have rung too long to be answered now")
expect_error(function() agents_free_within(-1) end, "agents_free_within: seconds must be a number 0 or more")
