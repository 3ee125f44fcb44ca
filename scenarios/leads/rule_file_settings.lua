scenario "the rule file's LEADS: its calling hours, Do-Not-Call file, retry delay and attempt cap"
-- rules/strict_campaign.lua: hours 09:00-20:00, busy retried after 300 s, two attempts, and
-- 212-555-0101 on its Do-Not-Call file. The pool has no settings of its own.

rules "rules/strict_campaign.lua"
start_at "2026-01-15T08:30:00-05:00"           -- 08:30 in New York: the file opens at 09:00
lead_pool { "212-555-0100", "212-555-0101", "212-555-0102" }
agent "a1"

login "a1"
expect_dials("a1", 0)
expect_warning("no_leads", "a1")

advance(30 * 60)                                -- 09:00
dialing "a1"
expect_dials("a1", { "+12125550100" })
fail_call("+12125550100", "busy")
expect_eq(lead("+12125550100").eligible_at, now() + 300, "the file's busy delay")
expect_dials("a1", { "+12125550100", "+12125550102" })  -- 0101 is on the file's list

fail_call("+12125550102", "failed")
advance(300)
dialing "a1"
expect_dials("a1", { "+12125550100", "+12125550102", "+12125550100" })
fail_call("+12125550100", "busy")               -- the second and last attempt
expect_warning("last_attempt_failed", "a1")     -- the rule read event.lead.attempts
expect_true(lead("+12125550100").done, "no third attempt")
for _, number in ipairs(dials("a1")) do
  expect_true(number ~= "+12125550101", "never the number on the file's list")
end
