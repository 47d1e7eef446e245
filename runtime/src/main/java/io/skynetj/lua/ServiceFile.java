package io.skynetj.lua;

/**
 * A service's main file as found through {@code luaservice}: the file, its SERVICE_PATH, and (for a
 * pattern with {@code ?} as a directory, e.g. {@code test/?/init.lua}) the directory prepended to
 * its {@code package.path}.
 */
record ServiceFile(String name, String path, String servicePath, String packageDir) {}
