scenario "predictive: a second line joins once the first has rung long enough"
-- With no drop yet the headroom is full and a line may join at once; as drops come, the newest
-- line must ring longer before another joins.

rules("rules/predictive.lua", { MIN_ANSWERS = 0, GAIN = 1, SAFETY = 1, ABANDON_TARGET = 0.8 })
agent "a1"
agent "a2"

login "a1"
expect_dials("a1", { "+12125550100" })                -- a fresh start has one line
keep_alive "a1"                                       -- abandon rate 0: join at once
expect_dials("a1", { "+12125550100", "+12125550101" })
keep_alive "a1"
expect_dials("a1", 2)                                 -- MAX_LINES = 2

-- both answer: the second is dropped; the campaign's abandon rate is now 1 of 2 (50%)
answer "+12125550100"
answer "+12125550101"
expect_outcome("+12125550101", "dropped")

-- aim 0.8: headroom (0.8 - 0.5) / 0.8 = 0.375; join after 15 × (1 - 0.375) = 9.375 s
login "a2"
expect_dials("a2", { "+12125550102" })
advance(5)
keep_alive "a2"
expect_dials("a2", 1)                                 -- 5 s: too young
advance(5)
keep_alive "a2"
expect_dials("a2", { "+12125550102", "+12125550103" }) -- 10 s: joins
expect_state("a2", { cdc = 2, timestamp = 10 })
