package io.skynetj.lua.lib;

import java.util.List;
import org.luaj.vm2.LuaThread;

/** A Lua state (a service's globals) with threads that wait where no Lua value reaches them: debug.getregistry shows them. */
public interface WaitingThreads {
    List<LuaThread> waitingThreads();
}
