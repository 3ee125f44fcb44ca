scenario "a handler that floods effects is stopped at the cap, and the next event is handled"
-- Caps per event (docs/rules.md, "Limits"): 100 leads over all dial(n) calls, 100 effects, 16 KiB
-- of warning text, 16 launched dialing events in a row. A handler over a cap is stopped at the
-- call that crossed it; the event is refused and changes nothing.
rules "rules/misbehaving/runaways.lua"
leads { "+12125550100", "+12125550101", "+12125550102", "+12125550103" }

agent "dial_flood"                      -- for _ = 1, 10000 do dial(100) end
expect_error(function() login "dial_flood" end, "dial: at most 100 leads per event (this event already asked for 100)")
expect_state("dial_flood", { status = "off", cdc = 0, in_flight = 0 })

agent "warn_flood"                      -- 100,000 warnings of 1 MiB each
expect_error(function() login "warn_flood" end, "warn: at most 16384 bytes of warning codes and messages per event")
expect_state("warn_flood", { status = "off" })
expect_no_warnings()

agent "effect_flood"                    -- 100,000 end_call() calls
expect_error(function() login "effect_flood" end, "end_call: at most 100 effects (dial, end_call, warn, launch_dialing) per event")
expect_state("effect_flood", { status = "off" })

agent "relauncher"                      -- every ready × dialing launches dialing again
expect_error(function() login "relauncher" end, "the rules launched more than 16 dialing events in a row for agent 'relauncher' (ready × dialing launches dialing again); the chain is refused")
expect_state("relauncher", { status = "off", cdc = 0, in_flight = 0 })  -- the login that started it is refused too
expect_dials("relauncher", 0)

agent "a1"                              -- the engine carries on
login "a1"
expect_state("a1", { status = "ready", cdc = 2 })
expect_dials("a1", { "+12125550100", "+12125550101" })
