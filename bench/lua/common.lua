-- Shared by earn.lua and balance.lua (loaded with dofile from the script's own folder).
-- wrk runs one Lua state per thread plus one for setup()/done(); per-thread counters live
-- in the thread's globals and done() collects them with thread:get().

local threads = {}
local next_thread_id = 1

-- main state, once per thread, before the thread starts
function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

-- per thread
non2xx = 0
first_error = ""

-- Reads one id per line; the bench writes these files before it starts wrk.
function read_ids(path)
  local ids = {}
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  for line in f:lines() do
    if #line > 0 then ids[#ids + 1] = line end
  end
  f:close()
  assert(#ids > 0, "no ids in " .. path)
  return ids
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then first_error = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

local function json_string(s)
  s = string.gsub(s, '[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. s .. '"'
end

-- main state, after the run: one machine-readable line for bench/lib/wrk.ts
function done(summary, latency, requests)
  local bad, first = 0, ""
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    local e = t:get("first_error") or ""
    if first == "" then first = e end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKRESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"non2xx":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"first_error":%s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, bad,
    e.connect, e.read, e.write, e.status, e.timeout, json_string(first)))
end
