-- A different API key on every request: each one is a new bucket in the store.
local counter = 0
local thread_id = 0
local next_thread = 0

setup = function(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

init = function()
  thread_id = wrk.thread:get("thread_id") or 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", nil, { ["X-Api-Key"] = "key-" .. thread_id .. "-" .. counter })
end
