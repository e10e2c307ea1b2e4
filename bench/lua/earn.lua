-- POST /v1/programs/:id/purchases for a random member of the ids file, a random amount,
-- and a fresh Idempotency-Key per request: <tag>-<thread>-<counter>.
-- args: ids_file program_id pos_key tag
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(dir .. "common.lua")

local ids, n, path, key, tag
local counter = 0

function init(args)
  ids = read_ids(args[1])
  n = #ids
  path = "/v1/programs/" .. args[2] .. "/purchases"
  key = "Bearer " .. args[3]
  tag = args[4]
  math.randomseed(os.time() * 1000 + thread_id)
end

function request()
  counter = counter + 1
  local body = '{"member_id":"' .. ids[math.random(n)] .. '","amount_fen":' .. math.random(100, 200000) .. '}'
  return wrk.format("POST", path, {
    ["Authorization"] = key,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = tag .. "-" .. thread_id .. "-" .. counter,
  }, body)
end
