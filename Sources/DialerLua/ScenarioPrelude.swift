/// The assertion half of the scenario API, written in Lua: each checks a value the Swift half
/// exposes (`state`, `dials`, `warnings`, …) and reports a failure at the scenario's line; and
/// `case(name, fn)`, which asks the Swift half whether this replay runs that case.
let scenarioPrelude = #"""
    local fail, begin_case, end_case = ...

    local function show(v)
      if type(v) == "string" then return "'" .. v .. "'" end
      -- every digit a float needs to tell it apart (0.49999999999999994, not 0.5)
      if math.type(v) == "float" and tonumber(tostring(v)) ~= v then return string.format("%.17g", v) end
      if type(v) ~= "table" then return tostring(v) end
      local parts, n = {}, #v
      for i = 1, n do parts[#parts + 1] = show(v[i]) end
      local keys = {}
      for k in pairs(v) do
        if math.type(k) ~= "integer" or k < 1 or k > n then keys[#keys + 1] = k end
      end
      table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
      for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. " = " .. show(v[k]) end
      return "{" .. table.concat(parts, ", ") .. "}"
    end

    local function same(a, b)
      if type(a) ~= type(b) then return false end
      if type(a) ~= "table" then return a == b end
      for k, v in pairs(a) do if not same(v, b[k]) then return false end end
      for k in pairs(b) do if a[k] == nil then return false end end
      return true
    end

    local function sorted_keys(t)
      local keys = {}
      for k in pairs(t) do keys[#keys + 1] = k end
      table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
      return keys
    end

    local function contains(list, value)
      for _, v in ipairs(list) do if v == value then return true end end
      return false
    end

    local state_fields = {
      agent_id = true, status = true, cdc = true, latest_lead_phone_number = true,
      last_status = true, timestamp = true, in_flight = true,
    }

    show_value = show

    -- A named case: the file is replayed once per case, each time in a fresh engine; the top level
    -- runs every time and only the selected case's body runs.
    function case(name, body)
      if type(name) ~= "string" then error("case expects a name string, got " .. show(name), 2) end
      if type(body) ~= "function" then
        error("case expects a function, e.g. case(\"" .. name .. "\", function() ... end), got " .. show(body), 2)
      end
      local problem, run = begin_case(name)
      if problem then error(problem, 2) end
      if run then
        body()
        end_case()
      end
    end

    function expect_eq(actual, expected, label)
      if not same(actual, expected) then
        fail("expected " .. (label and (label .. " = ") or "") .. show(expected) .. ", got " .. show(actual), 2)
      end
    end

    function expect_true(value, label)
      if not value then fail("expected " .. (label or "a true value") .. ", got " .. show(value), 2) end
    end

    function expect_state(id, fields)
      if type(fields) ~= "table" then fail("expect_state expects a table of fields, got " .. show(fields), 2) end
      local s = state(id)
      for _, k in ipairs(sorted_keys(fields)) do
        if not state_fields[k] then
          fail("expect_state: unknown field '" .. tostring(k) .. "' (expected agent_id, status, cdc, latest_lead_phone_number, last_status, timestamp, in_flight)", 2)
        end
        if not same(s[k], fields[k]) then
          fail("expected " .. id .. "." .. k .. " = " .. show(fields[k]) .. ", got " .. show(s[k]), 2)
        end
      end
    end

    function expect_status(id, status)
      local actual = state(id).status
      if actual ~= status then fail("expected " .. id .. ".status = " .. show(status) .. ", got " .. show(actual), 2) end
    end

    -- A list of numbers compared with a count or with the list expected; `what` names it.
    local function expect_numbers(actual, expected, what, id)
      if type(expected) == "number" then
        if #actual ~= expected then
          fail("expected " .. expected .. " " .. what .. " for " .. id .. ", got " .. #actual .. " " .. show(actual), 3)
        end
      elseif not same(actual, expected) then
        fail("expected " .. what .. " for " .. id .. " = " .. show(expected) .. ", got " .. show(actual), 3)
      end
    end

    function expect_dials(id, expected) expect_numbers(dials(id), expected, "dials", id) end

    function expect_in_flight(id, expected) expect_numbers(in_flight(id), expected, "dials in flight", id) end

    function expect_warning(code, id, text)
      local codes = warnings(id)
      if not contains(codes, code) then
        fail("expected warning " .. show(code) .. (id and (" for " .. id) or "") .. ", got " .. show(codes), 2)
      end
      if text == nil then return end
      local messages = {}
      for _, w in ipairs(warning_details(id)) do
        if w.code == code then
          if w.message and string.find(w.message, text, 1, true) then return end
          messages[#messages + 1] = w.message or "(no message)"
        end
      end
      fail("expected warning " .. show(code) .. (id and (" for " .. id) or "") .. " saying " .. show(text) .. ", its messages: " .. show(messages), 2)
    end

    function expect_no_warnings(id)
      local codes = warnings(id)
      if #codes > 0 then fail("expected no warnings" .. (id and (" for " .. id) or "") .. ", got " .. show(codes), 2) end
    end

    function expect_ended(number)
      local numbers = ended()
      if not contains(numbers, number) then
        fail("expected the dialer to end the call to " .. show(number) .. ", it ended " .. show(numbers), 2)
      end
    end

    function expect_not_ended(number)
      if contains(ended(), number) then fail("expected the call to " .. show(number) .. " not to be ended by the dialer", 2) end
    end

    function expect_outcome(number, outcome)
      local latest
      for _, c in ipairs(calls()) do if c.number == number then latest = c end end
      if latest == nil then fail("expected a dial to " .. show(number) .. ", none was placed", 2) end
      if latest.outcome ~= outcome then
        fail("expected the dial to " .. show(number) .. " to be " .. show(outcome) .. ", got " .. show(latest.outcome), 2)
      end
    end

    function expect_error(fn, text)
      if type(fn) ~= "function" then fail("expect_error expects a function to run, got " .. show(fn), 2) end
      local ok, err = pcall(fn)
      if ok then
        fail("expected an error" .. (text and (" containing " .. show(text)) or "") .. ", got none", 2)
      end
      err = tostring(err)
      if text ~= nil and not string.find(err, text, 1, true) then
        fail("expected an error containing " .. show(text) .. ", got: " .. err, 2)
      end
      return err
    end
    """#
