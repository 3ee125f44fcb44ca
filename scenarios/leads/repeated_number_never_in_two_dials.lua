scenario "a number repeated in leads { } is never in two dials at once, for any agent"
-- The pool's rule: a lead is reserved while its dial rings or talks, so a number listed twice
-- (here three times, in three spellings) is one lead. Two agents dialing two lines each over
-- a list that repeats: no number is ever in two open dials, and the plain list dials it once.

rules "rules/power.lua"
leads { "(212) 555-0100", "+12125550100", "212-555-0101", "212.555.0100", "212-555-0102", "212-555-0103" }
agent "a1"
agent "a2"

-- Every open dial (ringing or talking), as a list of numbers.
local function open_numbers()
  local numbers = {}
  for _, call in ipairs(calls()) do
    if call.outcome == "ringing" or call.outcome == "connected" then numbers[#numbers + 1] = call.number end
  end
  return numbers
end

local function expect_no_number_twice(label)
  local seen = {}
  for _, number in ipairs(open_numbers()) do
    expect_true(not seen[number], label .. ": " .. number .. " is in two open dials")
    seen[number] = true
  end
end

login "a1"
login "a2"
expect_no_number_twice("after both logins")
expect_eq(#dials(), 4, "four distinct numbers for two agents × two lines")
call_fail("a1")
call_fail("a2")
expect_no_number_twice("after the top-ups")
answer(dials("a1")[2])
expect_no_number_twice("while a1 talks")
expect_eq(#dials(), 4, "the list holds four numbers: none dialed twice")
