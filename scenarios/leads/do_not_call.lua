scenario "a lead on the Do-Not-Call list is never dialed"

rules "rules/power.lua"
start_at "2026-01-15T10:00:00-05:00"
lead_pool { "212-555-0100", "212-555-0101", "212-555-0102", dnc = { "(212) 555-0101" } }
agent "a1"

login "a1"
expect_dials("a1", { "+12125550100", "+12125550102" })
fail_call "+12125550100"
fail_call "+12125550102"
advance(24 * 3600)
dialing "a1"
for _, number in ipairs(dials("a1")) do
  expect_true(number ~= "+12125550101", "never the number on the list")
end
expect_warning("no_leads", "a1")
