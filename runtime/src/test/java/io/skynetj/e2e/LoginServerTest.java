package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * snax.loginserver: a master and two slaves; clients in another service run the handshake (DH key
 * exchange, hmac64 challenge, DES-encrypted token) over real sockets.
 */
class LoginServerTest {
    @TempDir
    Path dir;

    static final String LOGIND = """
        local skynet = require "skynet"
        local login = require "snax.loginserver"
        local crypt = require "skynet.crypt"

        local server = { host = "127.0.0.1", port = 0, name = "login_master", instance = 2 }

        -- token: base64(user)@base64(server):base64(password)
        function server.auth_handler(token)
            local user, srv, password = string.match(token, "([^@]+)@([^:]+):(.+)")
            user, srv, password = crypt.base64decode(user), crypt.base64decode(srv), crypt.base64decode(password)
            assert(password == "password", "Invalid password")
            return srv, user
        end

        function server.login_handler(srv, uid, secret)
            if srv ~= "sample" then error("Unknown server " .. srv) end
            if uid == "slow" then skynet.sleep(50) end
            return uid .. "#" .. crypt.hexencode(secret)
        end

        function server.command_handler(command)
            if command == "port" then return server.port end
        end

        login(server)
        """;

    static final String MAIN = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        local crypt = require "skynet.crypt"
        local check = require "check"

        local function line(fd, text) socket.write(fd, text .. "\\n") end

        -- the client side of the protocol; cheat = send a wrong challenge answer
        local function login(port, user, password, srv, cheat)
            local fd = assert(socket.open("127.0.0.1", port))
            local challenge = crypt.base64decode(socket.readline(fd))
            local mine = crypt.randomkey()
            line(fd, crypt.base64encode(crypt.dhexchange(mine)))
            local secret = crypt.dhsecret(crypt.base64decode(socket.readline(fd)), mine)
            line(fd, crypt.base64encode(crypt.hmac64(cheat and mine or challenge, secret)))
            local token = crypt.base64encode(user) .. "@" .. crypt.base64encode(srv) .. ":" .. crypt.base64encode(password)
            line(fd, crypt.base64encode(crypt.desencode(secret, token)))
            local result = socket.readline(fd)
            socket.close(fd)
            return result, secret
        end

        skynet.start(function()
            skynet.newservice("logind")
            local port = skynet.call(".login_master", "lua", "port")
            check.ok("bound port", port > 0, port)
            local result, secret = login(port, "alice", "password", "sample")
            local code, subid = string.match(result, "^(%d+) (.*)$")
            check.eq("200", code, "200")
            check.eq("subid from login_handler with the shared secret", crypt.base64decode(subid), "alice#" .. crypt.hexencode(secret))
            check.eq("401", login(port, "alice", "wrong", "sample"), "401 Unauthorized")
            check.eq("403", login(port, "bob", "password", "other"), "403 Forbidden")
            check.eq("bad challenge", login(port, "eve", "password", "sample", true), false)

            local results = {}
            for i = 1, 2 do
                skynet.fork(function() results[i] = login(port, "slow", "password", "sample") end)
            end
            while not (results[1] and results[2]) do skynet.sleep(1) end
            local codes = { results[1]:sub(1, 3), results[2]:sub(1, 3) }
            table.sort(codes)
            check.eq("one login at a time", table.concat(codes, ","), "200,406")
            check.ok("still serving", login(port, "carol", "password", "sample"):sub(1, 3) == "200")
            print("DONE")
        end)
        """;

    @Test
    void handshakeAuthAndLogin() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("logind", LOGIND).service("main", MAIN).start("main")) {
            assertPassed(node, "bound port", "200", "subid from login_handler with the shared secret", "401", "403",
                "bad challenge", "one login at a time", "still serving");
        }
    }
}
