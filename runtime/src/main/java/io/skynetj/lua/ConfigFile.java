package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * skynet's config file: a Lua chunk run in an empty table whose globals become the keys;
 * {@code include "file"} runs another file (relative to the including one) into the same table;
 * every {@code $NAME} in the text is replaced by the environment variable NAME (an error if unset).
 * Values are kept as strings, as skynet does ({@code true} becomes {@code "true"}).
 */
public final class ConfigFile {
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+)");

    private ConfigFile() {}

    /** Loads a config file; throws {@link ConfigException} with a message naming the file and line. */
    public static Map<String, String> load(Path file, UnaryOperator<String> environment) {
        Globals compiler = new Globals();
        compiler.load(new JseBaseLib());
        LuaC.install(compiler);
        LuaTable result = new LuaTable();
        LuaTable meta = new LuaTable();
        LuaTable helpers = new LuaTable();
        meta.set(LuaValue.INDEX, helpers);
        result.setmetatable(meta);
        run(file, result, helpers, compiler, environment);
        result.setmetatable(LuaValue.NIL);

        Map<String, String> config = new LinkedHashMap<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = result.next(k);
            if ((k = next.arg1()).isnil()) break;
            LuaValue v = next.arg(2);
            if (!k.isstring()) continue;
            String value = switch (v.type()) {
                case LuaValue.TBOOLEAN -> v.toboolean() ? "true" : "false";
                case LuaValue.TNUMBER, LuaValue.TSTRING -> v.tojstring();
                default -> throw new ConfigException(file + ": invalid config value for key " + k.tojstring()
                    + " (a " + v.typename() + "; only strings, numbers and booleans)");
            };
            config.put(k.tojstring(), value);
        }
        return config;
    }

    private static void run(Path file, LuaTable result, LuaTable helpers, Globals compiler, UnaryOperator<String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("can't open config file " + file);
        } catch (IOException e) {
            throw new ConfigException("can't read config file " + file + ": " + e.getMessage());
        }
        text = substitute(file, text, environment);
        LuaValue previous = helpers.get("include");
        Path dir = file.toAbsolutePath().getParent();
        helpers.set("include", LuaFn.of("include", a -> {
            Path included = Path.of(a.checkjstring(1));
            run(included.isAbsolute() ? included : dir.resolve(included), result, helpers, compiler, environment);
            return LuaValue.NONE;
        }));
        try {
            compiler.load(text, "@" + file, result).call();
        } catch (LuaError e) {
            throw new ConfigException(LuaServiceBody.message(e));
        } finally {
            helpers.set("include", previous);
        }
    }

    private static String substitute(Path file, String text, UnaryOperator<String> environment) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null)
                throw new ConfigException(file + ": environment variable $" + m.group(1) + " is not set");
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A config file that cannot be used, with the reason. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message, null, false, false);
        }
    }
}
