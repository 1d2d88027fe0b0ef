-- Alternates the entry page and the JS bundle, as a browser loading the app does.
local paths = { "/", os.getenv("JS_PATH") }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % 2) + 1])
end
