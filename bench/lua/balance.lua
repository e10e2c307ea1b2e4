-- GET /v1/programs/:id/members/:member_id/balance for a random member of the ids file.
-- args: ids_file program_id pos_key
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(dir .. "common.lua")

local ids, n, prefix, headers

function init(args)
  ids = read_ids(args[1])
  n = #ids
  prefix = "/v1/programs/" .. args[2] .. "/members/"
  headers = { ["Authorization"] = "Bearer " .. args[3] }
  math.randomseed(os.time() * 1000 + thread_id)
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(n)] .. "/balance", headers)
end
