math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/assets/f" .. math.random(1, 240) .. ".bin")
end
