scenario "predictive: a line placed ahead for an agent about to be free is answered by the first agent ready"
-- rules/predictive.lua dials ahead on the keep_alive of an agent in a call when the agents
-- expected free within the next seconds (agents_free_within, from how long the recent calls
-- lasted) make it likely that the answer finds one. Here every recent call lasted 60 s and
-- both agents are 55 s into theirs (wrapping up, as the desktop has not sent call_end yet).
-- RISK = 0.6 lets a two-agent team dial ahead (the file's 0.03 needs a larger floor).
rules("rules/predictive.lua", { MIN_ANSWERS = 0, RISK = 0.6, MAX_LINES = 2, KEEP_ALIVE_INTERVAL = 600 })
agent "a1"
agent "a2"

-- Answers the agent's oldest line after 5 s of ringing; the others ring out.
local function take_call(id)
  advance(5)
  local lines = in_flight(id)
  answer(lines[1])
  for i = 2, #lines do fail_call(lines[i], "no_answer") end
end

-- a1 takes two calls of 60 s: the campaign's recent calls.
login "a1"
take_call "a1"
advance(60)
hang_up(state("a1").latest_lead_phone_number)
take_call "a1"
advance(60)
hang_up(state("a1").latest_lead_phone_number)
expect_eq(campaign().call_seconds, 60)

-- Both agents in a call from t = 135; then their other lines ring out.
login "a2"
advance(5)
local a1_lines, a2_lines = in_flight("a1"), in_flight("a2")
answer(a2_lines[1])
answer(a1_lines[1])
for i = 2, #a1_lines do fail_call(a1_lines[i], "no_answer") end
for i = 2, #a2_lines do fail_call(a2_lines[i], "no_answer") end
expect_status("a1", "in_call")
expect_status("a2", "in_call")
expect_in_flight("a1", 0)
expect_in_flight("a2", 0)

advance(55)                                           -- t = 190: both 55 s into their calls
expect_true(agents_free_within(10) > 1.4, "each is likely to be free within 10 s")
keep_alive "a2"                                       -- a pacing tick from a busy agent:
local ahead = in_flight("a2")                         -- lines placed ahead, for a2
expect_true(#ahead >= 1, "a line placed ahead")
expect_status("a2", "in_call")

advance(3)
hang_up(state("a1").latest_lead_phone_number)         -- a1 is free first
expect_status("a1", "ready")
answer(ahead[1])                                      -- a2 is still busy: a1 takes the answer
expect_state("a1", { status = "in_call", latest_lead_phone_number = ahead[1] })
expect_status("a2", "in_call")
expect_outcome(ahead[1], "connected")
expect_no_warnings()
