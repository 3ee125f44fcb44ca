scenario "generate_leads: the numbers `dialer leads generate` adds, as a scenario's lead list"
-- generate_leads(count [, { seed, area_codes, fictional }]) draws with the generator and the
-- defaults of `dialer leads generate` (seed 1), so a scenario can dial the very list a store got.

rules "rules/power.lua"
start_at "2026-01-15T14:00:00-05:00"           -- 14:00 in New York: inside calling hours coast to coast

local numbers = generate_leads(20, { seed = 7 })
expect_eq(#numbers, 20, "count")
expect_eq(generate_leads(20, { seed = 7 }), numbers, "the same seed, the same numbers")
expect_true(generate_leads(20, { seed = 8 })[1] ~= numbers[1], "another seed, other numbers")
for _, number in ipairs(generate_leads(5, { area_codes = { 212, 312 } })) do
  expect_true(number:find("^%+1212") or number:find("^%+1312"), number .. " in 212 or 312")
end
for _, number in ipairs(generate_leads(5, { fictional = true })) do
  expect_true(number:find("^%+1%d%d%d55501%d%d$"), number .. " fictional (555-0100…0199)")
end
expect_error(function() generate_leads(0) end, "count must be between 1 and 100000, got 0")
expect_error(function() generate_leads(3, { area_code = 212 }) end, "'area_code' is not an option")
expect_error(function() generate_leads(3, { area_codes = { 911 } }) end, "area_codes:")

-- Every generated number has an area code with a known time zone, so at 14:00 in New York
-- every one of them is inside its calling hours: ten agents × two lines dial all twenty.
lead_pool(numbers)
for i = 1, 10 do
  agent("a" .. i)
  login("a" .. i)
end
expect_eq(#dials(), 20, "every generated number dialed")
expect_no_warnings()
