package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skynet.socketdriver's buffer functions, header, udp_address, address parsing and netpack.pack give
 * what skynet's C modules give: the expected lines were printed by this same script on skynet
 * built from its sources and are compared line by line.
 */
class SocketDriverFidelityTest {
    @TempDir
    Path dir;

    static final String SCRIPT = """
        local skynet = require "skynet"
        local driver = require "skynet.socketdriver"
        local netpack = require "skynet.netpack"

        local out = {}
        local function show(...)
        	local n = select("#", ...)
        	local parts = {}
        	for i = 1, n do
        		local v = select(i, ...)
        		if type(v) == "string" then parts[i] = string.format("%q", v) else parts[i] = type(v) == "userdata" and "ud" or tostring(v) end
        	end
        	out[#out + 1] = table.concat(parts, ",")
        end

        skynet.start(function()
        	local b = driver.buffer()
        	local pool = {}
        	local function push(s) local p, sz = driver.str2p(s) ; return driver.push(b, pool, p, sz) end
        	show(push("hello "))
        	show(push("wor"))
        	show(push("ld\\r\\nsecond line\\nthi"))
        	show(driver.readline(b, nil, "\\n"))
        	show(driver.readline(b, nil, "\\r\\n"))
        	show(driver.readline(b, nil, "zz"))
        	show(driver.readline(b, pool, "\\r\\n"))
        	show(driver.pop(b, pool, 3))
        	show(driver.pop(b, pool, 0))
        	show(driver.pop(b, pool, 100))
        	show(driver.readline(b, pool, "\\n"))
        	show(driver.readall(b, pool))
        	show(driver.readall(b, pool))
        	show(push("a"), push("b"), push("c"))
        	show(driver.pop(b, pool, 2))
        	show(driver.readline(b, pool, "c"))
        	show(push("xyz"))
        	driver.clear(b, pool)
        	show(driver.pop(b, pool, 1))
        	show(driver.header("\\1"), driver.header("\\1\\2"), driver.header("\\1\\2\\3"), driver.header("\\255\\255\\255\\255"))
        	show(pcall(driver.header, ""))
        	show(pcall(driver.header, "12345"))
        	show(driver.udp_address("\\1\\0\\80\\127\\0\\0\\1"))
        	show(driver.udp_address("\\2\\31\\144" .. string.rep("\\0", 15) .. "\\1"))
        	show(pcall(driver.udp_address, "\\1\\0"))
        	show(pcall(driver.connect, "127.0.0.1"))
        	show(pcall(driver.connect, "127.0.0.1:x"))
        	show(pcall(driver.connect, "[::1"))
        	local m, sz = netpack.pack("abc")
        	show(sz, netpack.tostring(m, sz))
        	show(pcall(netpack.pack, string.rep("y", 65536)))
        	show(netpack.pop(nil))
        	for _, l in ipairs(out) do print("R " .. l) end
        	print("END")
        	require("skynet.manager"); skynet.abort()
        end)
        """;

    static final List<String> SKYNET_OUTPUT = List.of(
            "R 6",
            "R 9",
            "R 28",
            "R true",
            "R true",
            "R ",
            "R \"hello world\"",
            "R \"sec\",12",
            "R nil,12",
            "R nil,12",
            "R \"ond line\"",
            "R \"thi\"",
            "R \"\"",
            "R 1,2,3",
            "R \"ab\",1",
            "R \"\"",
            "R 3",
            "R nil,0",
            "R 1,258,66051,4294967295",
            "R false,\"Invalid read \"",
            "R false,\"Invalid read 12345\"",
            "R \"127.0.0.1\",80",
            "R \"::1\",8080",
            "R false,\"Invalid udp address\"",
            "R false,\"Invalid address 127.0.0.1.\"",
            "R false,\"Invalid port in address 127.0.0.1:x.\"",
            "R false,\"Invalid address [::1.\"",
            "R 5,\"\\0\\3abc\"",
            "R false,\"Invalid size (too long) of data : 65536\"",
            "R ",
            "END");

    @Test
    void sameResultsAsSkynet() throws Exception {
        try (TestNode node = new TestNode(dir).service("drvcheck", SCRIPT).start("drvcheck")) {
            node.await("END");
            List<String> got = node.lines().stream().filter(l -> l.startsWith("R ") || l.equals("END")).toList();
            assertEquals(SKYNET_OUTPUT, got, node.output());
        }
    }
}
