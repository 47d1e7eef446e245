package io.skynetj.lua.inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** A patch applied to a service: where it came from and every value it replaced, for {@code rollback}. */
record Patch(int number, String file, String version, Instant appliedAt, List<Change> changes) {

    /** One value the patch changed: {@code table[key]} went from {@code before} to {@code after}. */
    record Change(String path, LuaTable table, LuaValue key, LuaValue before, LuaValue after) {}

    /** {@code #2 fix.lua a1b2c3d4e5f6} */
    String title() {
        return "#" + number + " " + file + " " + version;
    }

    /** One line of the {@code patches} listing, tab-separated. */
    String describe() {
        String paths = changes.stream().map(Change::path).collect(Collectors.joining(" "));
        return "#" + number + "\t" + file + "\tversion:" + version + "\t" + appliedAt.truncatedTo(ChronoUnit.SECONDS) + "\t" + paths;
    }
}
