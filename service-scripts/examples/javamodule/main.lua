-- Start service of the Java module example: run with the config in this directory.
local skynet = require "skynet"
require "skynet.manager" -- skynet.abort
local strtools = require "strtools"

skynet.start(function()
    print(strtools.reverse("skynet"))
    print(table.concat(strtools.words("  a Java   module  "), ","))
    skynet.abort()
end)
