/// Rule code that ran for minutes or forever before the sandbox's bounds (runaways inside C
/// functions and `__gc`), for the tests that show each stopped at load time, at event time and
/// in `dialer check`. `stop` is a part of the error that stops it: "limit exceeded" where the
/// instruction budget does, though on a loaded machine the deadline may come first.
public let runawayPayloads: [(code: String, stop: String)] = [
    (#"local _ = ("a"):rep(30000):find((".-"):rep(20) .. "b")"#, "limit exceeded"),
    (#"local _ = ("a"):rep(30000):match((".-"):rep(20) .. "b")"#, "limit exceeded"),
    (#"local _ = ("a"):rep(30000):gsub((".-"):rep(20) .. "b", "")"#, "limit exceeded"),
    (#"for _ in ("a"):rep(200):gmatch(("a?"):rep(40) .. ("a"):rep(40)) do end"#, "limit exceeded"),
    (#"local _ = ("a"):rep(40):find(("a?"):rep(40) .. ("a"):rep(40))"#, "limit exceeded"),
    ("table.move({}, 1, math.maxinteger, 1)", "limit exceeded"),
    ("table.insert(setmetatable({}, { __len = function() return math.maxinteger - 1 end }), 1, 0)", "limit exceeded"),
    ("while true do pcall(table.move, {}, 1, math.maxinteger, 1) end", "limit exceeded"),
    (#"local _ = table.concat(setmetatable({}, { __index = table.concat }), "", 1, math.maxinteger)"#, "time limit exceeded"),
    (#"local s = ("x"):rep(4000000) for _ = 1, 1e9 do local _ = s:upper() end"#, "time limit exceeded"),
    ("local t = {} for i = 1, 300000 do t[i] = i % 7 end for _ = 1, 1e9 do table.sort(t, math.ult) end", "time limit exceeded"),
    ("local _ = setmetatable({}, { __gc = function() while true do end end })", "__gc is not available"),
]
