-- Prints skynet.crypt and md5 results for fixed inputs as "V name hex" (or "V name ERR message").
-- Run on reference skynet to produce CryptVectorsTest's vectors, and on skynetj by that test.
local skynet = require "skynet"
local crypt = require "skynet.crypt"
local md5 = require "md5"

local function hex(s)
	return (string.gsub(s, ".", function(c) return string.format("%02x", string.byte(c)) end))
end

local function case(name, f, ...)
	local ok, r = pcall(f, ...)
	if ok then
		print("V " .. name .. " " .. (type(r) == "string" and hex(r) or tostring(r)))
	else
		-- where an error is reported from and what a function is called in it depend on the VM, not on crypt
		local msg = string.gsub(tostring(r), "^[^:]+:%d+: ", "")
		msg = string.gsub(msg, "'[%w%.]+%.([%w_]+)'", "'%1'")
		print("V " .. name .. " ERR " .. msg)
	end
end

skynet.start(function()
	local key = "12345678"
	local bkey = "\1\35\69\103\137\171\205\239"
	local texts = { "", "1", "1234567", "12345678", "hello world", "\0\0\128\0", "0123456789abcdefg" }
	local long = string.rep("skynet", 50)

	for i, t in ipairs({ "", "hello", "skynet crypt test", "\0\1\2\255", long }) do
		case("hashkey" .. i, crypt.hashkey, t)
	end
	for i, t in ipairs(texts) do
		case("des_iso" .. i, crypt.desencode, key, t)
		case("des_pkcs" .. i, crypt.desencode, bkey, t, crypt.padding.pkcs7)
		case("des_round" .. i, function() return crypt.desdecode(bkey, crypt.desencode(bkey, t)) end)
	end
	case("des_long", crypt.desencode, bkey, long)
	case("des_badkey", crypt.desencode, "1234567", "x")
	case("des_badmode", crypt.desencode, key, "x", 2)
	case("desdecode_len", crypt.desdecode, key, "1234567")
	case("desdecode_empty", crypt.desdecode, key, "")
	case("desdecode_nopad", crypt.desdecode, key, "\1\2\3\4\5\6\7\8")
	case("desdecode_pkcs_bad", crypt.desdecode, key, crypt.desencode(key, "abc"), crypt.padding.pkcs7)
	case("desdecode_iso_zeros", function() return crypt.desdecode(key, crypt.desencode(key, "ab\128\0\0\0\0\0", 1)) end)
	case("padding", function() return crypt.padding.iso7816_4 .. "," .. crypt.padding.pkcs7 end)

	case("hexencode", crypt.hexencode, "\0\1\127\128\255hello")
	case("hexdecode", crypt.hexdecode, "00017f80ff68656c6c6f")
	case("hexdecode_g", crypt.hexdecode, "0gg0ag")
	case("hexdecode_upper", crypt.hexdecode, "AB")
	case("hexdecode_odd", crypt.hexdecode, "abc")
	case("hexdecode_space", crypt.hexdecode, " 1")

	local words = { key, bkey, "\255\255\255\255\255\255\255\255", "\0\0\0\0\0\0\0\1", "abcdefgh" }
	for i = 1, #words do
		local j = i % #words + 1
		case("hmac64_" .. i, crypt.hmac64, words[i], words[j])
		case("hmac64_md5_" .. i, crypt.hmac64_md5, words[i], words[j])
		case("hmac_hash" .. i, crypt.hmac_hash, words[i], texts[i])
	end
	case("hmac64_short", crypt.hmac64, "1234567", key)
	case("hmac_hash_short", crypt.hmac_hash, "x", "text")

	local P = "\197\255\255\255\255\255\255\255"
	local dh = { "\1\0\0\0\0\0\0\0", "\2\0\0\0\0\0\0\0", key, bkey, "\255\255\255\255\255\255\255\255", P }
	for i, x in ipairs(dh) do
		case("dhexchange" .. i, crypt.dhexchange, x)
		case("dhsecret" .. i, crypt.dhsecret, dh[i % #dh + 1], x)
	end
	case("dhsecret_p", crypt.dhsecret, P, key)
	case("dhsecret_above_p", crypt.dhsecret, "\200\255\255\255\255\255\255\255", key)
	case("dhexchange_zero", crypt.dhexchange, "\0\0\0\0\0\0\0\0")
	case("dhsecret_zero", crypt.dhsecret, key, "\0\0\0\0\0\0\0\0")
	case("dh_agree", function()
		local a, b = "\17\34\51\68\85\102\119\136", "\8\7\6\5\4\3\2\1"
		local A, B = crypt.dhexchange(a), crypt.dhexchange(b)
		return crypt.dhsecret(A, b) == crypt.dhsecret(B, a) and crypt.dhsecret(A, b) or "disagree"
	end)

	for i, t in ipairs({ "", "f", "fo", "foo", "foob", "fooba", "foobar", "\0\255\254\128" }) do
		case("b64enc" .. i, crypt.base64encode, t)
	end
	for i, t in ipairs({ "Zm9vYmFy", "Zm9vYg==", "Zm9vYg", "Zm9vYmE", "Zm9v\nYm Fy", "QQ==QUFB", "!!!", "QR==", "QUJD=",
			"Zg=", "Z===", "QQ=A", "", "-_8=", "/+8=" }) do
		case("b64dec" .. i, crypt.base64decode, t)
	end

	for i, t in ipairs({ "", "abc", long }) do
		case("sha1_" .. i, crypt.sha1, t)
	end
	for i, k in ipairs({ "", "key", string.rep("k", 64), string.rep("k", 100) }) do
		case("hmac_sha1_" .. i, crypt.hmac_sha1, k, "The quick brown fox jumps over the lazy dog")
	end

	case("xor1", crypt.xor_str, "hello world", "ab")
	case("xor2", crypt.xor_str, "", "x")
	case("xor3", crypt.xor_str, "abc", "")
	case("randomkey", function()
		local k = crypt.randomkey()
		return #k .. (crypt.randomkey() ~= k and " differ" or " same")
	end)

	for i, t in ipairs({ "", "abc", long }) do
		case("md5sum" .. i, md5.sum, t)
		case("md5hexa" .. i, function() return md5.sumhexa(t) end)
	end
	case("hmacmd5_1", function() return md5.hmacmd5("what do ya want for nothing?", "Jefe") end)
	case("hmacmd5_2", function() return md5.hmacmd5("data", string.rep("K", 80)) end)
	case("hmacmd5_3", function() return md5.hmacmd5("", "") end)
	case("exor", md5.exor, "abcd", "\1\2\3\4")
	case("exor_len", md5.exor, "abcd", "abc")
	case("md5crypt1", md5.crypt, "a secret message that spans more than sixteen bytes", "key", "seed")
	case("md5crypt2", md5.crypt, "", "key", "0123456789abcdef")
	case("md5crypt_longseed", md5.crypt, "x", "key", "0123456789abcdefg")
	case("md5decrypt", function() return md5.decrypt(md5.crypt("round trip text, twice sixteen bytes+", "k3y", "s"), "k3y") end)
	case("md5decrypt_bad", md5.decrypt, "\5ab", "key")
	case("md5decrypt_time", function() return md5.decrypt(md5.crypt("default seed", "key"), "key") end)
	print("DONE")
end)
