-- skynet.dns: resolves host names as skynet's dns module does. The hosts file comes first, then the
-- name server (dns.server, or the first nameserver of resolv.conf), whose answers are cached for
-- their TTL. The UDP query itself is skynet.dns.core's (Java); only the asking coroutine waits.
local skynet = require "skynet"
local core = require "skynet.dns.core"

local dns = {}

dns.DEFAULT_HOSTS = "/etc/hosts"
dns.DEFAULT_RESOLV_CONF = "/etc/resolv.conf"

local QUERY_TIMEOUT_MS = 30 * 1000
local MAX_NAME = 1024
local MAX_LABEL = 63

local nameserver = { address = nil, port = nil }
local hosts -- name -> { ipv4 = {...}, ipv6 = {...} }, read once
local cache -- [ipv6 and "ipv6" or "ipv4"][name] = { answers = {...}, expires = centiseconds }

-- "ipv4" for dotted digits, "ipv6" for anything with a colon, else "hostname"
local function kind_of(name)
	if string.match(name, "^[%d%.]+$") then
		return "ipv4"
	elseif string.find(name, ":", 1, true) then
		return "ipv6"
	end
	return "hostname"
end

local function read_hosts()
	local result = {}
	local f = dns.DEFAULT_HOSTS and io.open(dns.DEFAULT_HOSTS)
	if not f then
		return result
	end
	for line in f:lines() do
		local ip, names = string.match(line, "^%s*([%x%.:%[%]]+)%s+([^#;]+)")
		local family = ip and kind_of(ip)
		if family and family ~= "hostname" then
			for name in string.gmatch(names, "%S+") do
				name = string.lower(name)
				local entry = result[name] or {}
				result[name] = entry
				entry[family] = entry[family] or {}
				table.insert(entry[family], ip)
			end
		end
	end
	f:close()
	return result
end

local function resolv_conf_server()
	local f = dns.DEFAULT_RESOLV_CONF and io.open(dns.DEFAULT_RESOLV_CONF)
	if not f then
		return nil
	end
	local server
	for line in f:lines() do
		server = string.match(line, "^%s*nameserver%s+([^#;%s]+)")
		if server then
			break
		end
	end
	f:close()
	return server
end

local function valid_name(name)
	if #name > MAX_NAME or not string.match(name, "^[_%l%d%-%.]+$") then
		return false
	end
	for label in string.gmatch(name, "[^%.]+") do
		if #label > MAX_LABEL then
			return false
		end
	end
	return true
end

-- Sets the name server (port 53 unless given). Without an address, resolv.conf's is used.
function dns.server(address, port)
	nameserver.address = address
	nameserver.port = port or 53
end

-- Forgets cached answers (the hosts file is read again too).
function dns.flush()
	cache = { ipv4 = {}, ipv6 = {} }
	hosts = nil
end

dns.flush()

local function from_hosts(name, family)
	hosts = hosts or read_hosts()
	local entry = hosts[name]
	local answers = entry and entry[family]
	if answers then
		return answers[1], answers
	end
end

local function from_server(name, family)
	local hit = cache[family][name]
	if hit and hit.expires > skynet.now() then
		return hit.answers[1], hit.answers
	end
	local address = nameserver.address or resolv_conf_server()
	assert(address, "Call dns.server first")
	local reply = table.pack(core.query(address, nameserver.port or 53, name, family == "ipv6", QUERY_TIMEOUT_MS))
	if reply.n < 2 then
		error "timeout or no answer"
	end
	local answers = {}
	for i = 2, reply.n do
		answers[i - 1] = reply[i]
	end
	cache[family][name] = { answers = answers, expires = skynet.now() + reply[1] * 100 }
	return answers[1], answers
end

-- dns.resolve(name [, ipv6]) -> first address, all addresses. An IP address is returned as it is,
-- whatever the family asked for (as skynet does); a malformed name gives nil and a reason; no answer
-- raises an error.
function dns.resolve(name, ipv6)
	name = string.lower(name)
	if kind_of(name) ~= "hostname" then
		return name
	end
	if not valid_name(name) then
		return nil, "illegal name"
	end
	local family = ipv6 and "ipv6" or "ipv4"
	local first, all = from_hosts(name, family)
	if first then
		return first, all
	end
	return from_server(name, family)
end

return dns
