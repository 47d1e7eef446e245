package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * snax.msgserver: a message server on snax.gateserver; Lua clients over real sockets do the
 * handshake (hmac_hash of the login secret), send requests, and get a request's answer again after
 * reconnecting.
 */
class MsgServerTest {
    @TempDir
    Path dir;

    static final String MSGD = """
        local skynet = require "skynet"
        local msgserver = require "snax.msgserver"

        local servername
        local conf = {}
        function conf.register_handler(name, gateconf)
            servername = name
            return gateconf.port
        end
        function conf.login_handler(uid, secret)
            local subid = 7
            msgserver.login(msgserver.username(uid, subid, servername), secret)
            return subid
        end
        function conf.logout_handler(uid, subid)
            msgserver.logout(msgserver.username(uid, subid, servername))
        end
        conf.kick_handler = conf.logout_handler
        function conf.request_handler(username, msg)
            if msg == "boom" then error("request failed on purpose") end
            if msg == "slow" then skynet.sleep(30) end
            local uid = msgserver.userid(username)
            return uid .. ":" .. msg
        end
        function conf.disconnect_handler(username)
            print("DISCONNECT " .. msgserver.userid(username))
        end
        msgserver.start(conf)
        """;

    static final String MAIN = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        local crypt = require "skynet.crypt"
        local check = require "check"

        local function send(fd, text) socket.write(fd, string.pack(">s2", text)) end
        local function recv(fd)
            local head = socket.read(fd, 2)
            if not head then return nil end
            return socket.read(fd, string.unpack(">I2", head))
        end
        local function connect(port, username, index, secret)
            local fd = assert(socket.open("127.0.0.1", port))
            local hmac = crypt.hmac_hash(secret, username .. ":" .. index)
            send(fd, username .. ":" .. index .. ":" .. crypt.base64encode(hmac))
            return fd, recv(fd)
        end
        local function request(fd, text, session)
            send(fd, text .. string.pack(">I4", session))
        end
        local function answer(fd)
            local r = recv(fd)
            local ok, session = string.unpack(">BI4", r, #r - 4)
            return r:sub(1, -6), ok, session
        end

        skynet.start(function()
            local gate = skynet.newservice("msgd")
            local port = skynet.call(gate, "lua", "open", { address = "127.0.0.1", port = 0, servername = "sample", maxclient = 16 })
            local secret = "\\1\\2\\3\\4\\5\\6\\7\\8"
            local subid = skynet.call(gate, "lua", "login", "alice", secret)
            local username = crypt.base64encode("alice") .. "@" .. crypt.base64encode("sample") .. "#" .. crypt.base64encode(tostring(subid))

            local fd, reply = connect(port, username, 1, secret)
            check.eq("handshake", reply, "200 OK")
            request(fd, "hello", 1)
            check.eq("request", table.concat({ answer(fd) }, " "), "alice:hello 1 1")
            request(fd, "boom", 2)
            check.eq("failed request", table.concat({ answer(fd) }, " "), " 0 2")

            -- a slow request whose connection breaks: asked again on a new connection, answered there
            request(fd, "slow", 3)
            socket.close(fd)
            fd, reply = connect(port, username, 2, secret)
            check.eq("reconnect", reply, "200 OK")
            request(fd, "slow", 3)
            check.eq("answer after reconnecting", table.concat({ answer(fd) }, " "), "alice:slow 1 3")
            request(fd, "hello", 1)
            check.eq("earlier answer again", table.concat({ answer(fd) }, " "), "alice:hello 1 1")
            request(fd, "again", 4)
            check.eq("new session", table.concat({ answer(fd) }, " "), "alice:again 1 4")
            socket.close(fd)

            local bad
            bad, reply = connect(port, username, 2, secret)
            check.eq("index expired", reply, "403 Index Expired")
            bad, reply = connect(port, username, 3, "wrong!!!")
            check.eq("wrong secret", reply, "401 Unauthorized")
            check.eq("closed after refusal", recv(bad), nil)
            bad, reply = connect(port, "nobody", 1, secret)
            check.eq("unknown user", reply, "404 User Not Found")
            bad, reply = connect(port, username, "x", secret)
            check.eq("bad request", reply, "400 Bad Request")

            fd, reply = connect(port, username, 5, secret)
            skynet.call(gate, "lua", "logout", "alice", subid)
            check.eq("logout closes", recv(fd), nil)
            bad, reply = connect(port, username, 6, secret)
            check.eq("logged out", reply, "404 User Not Found")
            print("DONE")
        end)
        """;

    @Test
    void handshakeRequestsAndReconnect() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("msgd", MSGD).service("main", MAIN).start("main")) {
            assertPassed(node, "handshake", "request", "failed request", "reconnect", "answer after reconnecting",
                "earlier answer again", "new session", "index expired", "wrong secret", "closed after refusal",
                "unknown user", "bad request", "logout closes", "logged out");
            node.await("DISCONNECT alice");
        }
    }
}
