package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet's config format: a Lua chunk run in an empty table, include, $ENV, values as strings. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private Map<String, String> load(String text, Map<String, String> env) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, text);
        return ConfigFile.load(file, env::get);
    }

    @Test
    void valuesBecomeStrings() throws Exception {
        Map<String, String> c = load("""
            thread = 4
            harbor = 0
            daemon = false
            root = "./"
            luaservice = root .. "service/?.lua"
            custom = 1.5
            """, Map.of());
        assertEquals("4", c.get("thread"));
        assertEquals("0", c.get("harbor"));
        assertEquals("false", c.get("daemon"));
        assertEquals("./service/?.lua", c.get("luaservice"));
        assertEquals("1.5", c.get("custom"));
    }

    @Test
    void includeIsRelativeToTheIncludingFile() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/common.lua"), "shared = 'yes'\nthread = 2\n");
        Map<String, String> c = load("include 'sub/common.lua'\nthread = thread + 1\n", Map.of());
        assertEquals("yes", c.get("shared"));
        assertEquals("3", c.get("thread"));
        assertTrue(!c.containsKey("include"), "include is a helper, not a key");
    }

    @Test
    void environmentVariablesAreSubstitutedEverywhere() throws Exception {
        Map<String, String> c = load("-- runs as $USERNAME\nname = \"$USERNAME\"\nport = $PORT\n", Map.of("USERNAME", "alice", "PORT", "8000"));
        assertEquals("alice", c.get("name"));
        assertEquals("8000", c.get("port"));
    }

    @Test
    void clearErrors() throws Exception {
        var unset = assertThrows(ConfigFile.ConfigException.class, () -> load("x = '$NOPE'", Map.of()));
        assertTrue(unset.getMessage().contains("$NOPE is not set"), unset.getMessage());
        var syntax = assertThrows(ConfigFile.ConfigException.class, () -> load("thread = = 2", Map.of()));
        assertTrue(syntax.getMessage().contains("config:1"), syntax.getMessage());
        var table = assertThrows(ConfigFile.ConfigException.class, () -> load("t = {}", Map.of()));
        assertTrue(table.getMessage().contains("invalid config value for key t"), table.getMessage());
        var missing = assertThrows(ConfigFile.ConfigException.class, () -> ConfigFile.load(dir.resolve("nope"), k -> null));
        assertTrue(missing.getMessage().contains("can't open config file"), missing.getMessage());
        var missingInclude = assertThrows(ConfigFile.ConfigException.class, () -> load("include 'other'", Map.of()));
        assertTrue(missingInclude.getMessage().contains("other"), missingInclude.getMessage());
    }
}
