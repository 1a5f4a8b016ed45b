-- A different API key on every request. With KEYS set (the default of load.sh's
-- --many-keys), each wrk thread cycles through its share of KEYS distinct keys, so the
-- store tracks exactly KEYS keys once they have all been seen; with KEYS=0 (--new-keys),
-- no key ever comes back and every request is a new bucket.
local keys = tonumber(os.getenv("KEYS") or "0")
local threads = tonumber(os.getenv("THREADS") or "1")
local counter = 0
local thread_id = 0
local next_thread = 0

setup = function(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

init = function()
  thread_id = tonumber(wrk.thread:get("thread_id")) or 0
  if keys > 0 then
    -- OFFSET (set by load.sh) starts a run where the previous one stopped, so that a
    -- few runs visit every key; without it, each run starts somewhere at random
    math.randomseed(os.time() * 16 + thread_id)
    counter = tonumber(os.getenv("OFFSET") or "") or math.random(0, keys / threads - 1)
  end
end

request = function()
  counter = counter + 1
  if keys > 0 and counter > keys / threads then
    counter = 1
  end
  return wrk.format("GET", nil, { ["X-Api-Key"] = "key-" .. thread_id .. "-" .. counter })
end
