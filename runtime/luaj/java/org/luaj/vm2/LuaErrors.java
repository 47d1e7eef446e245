package org.luaj.vm2;


// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Lua 5.2 error message texts, used by the patched LuaJ classes (LuaValue, LuaClosure, LexState).
 *
 * <p>Base messages ({@code attempt to index a nil value}) come from the value operations; when
 * such an error is raised by the instruction a Lua function is executing, {@link #describe}
 * rebuilds it from the instruction's operands and names the variable as Lua 5.2's
 * {@code ldebug.c} does ({@code attempt to index global 'x' (a nil value)}).
 */
public final class LuaErrors {
    private LuaErrors() {}

    /** Kinds of runtime errors raised by value operations (see LuaError). */
    public static final int NONE = 0, INDEX = 1, CALL = 2, ARITH = 3, CONCAT = 4, COMPARE = 5, LEN = 6, TOINT = 7, BITWISE = 8, ARG = 9;

    private static final int LUA_IDSIZE = 60;

    /** Lua 5.2's luaO_chunkid: how a chunk name appears in messages. */
    public static String chunkid(String source) {
        if (source == null) return "?";
        int l = source.length();
        if (source.startsWith("=")) {
            // 'literal' source: keep at most LUA_IDSIZE-1 characters
            return l <= LUA_IDSIZE ? source.substring(1) : source.substring(1, LUA_IDSIZE);
        }
        if (source.startsWith("@")) {
            // file name: keep its end, after "..."
            if (l <= LUA_IDSIZE) return source.substring(1);
            int keep = LUA_IDSIZE - 3 - 1;
            return "..." + source.substring(l - keep);
        }
        // string: [string "first line..."]
        int nl = source.indexOf('\n');
        int bufflen = LUA_IDSIZE - ("[string \"".length() + "...".length() + "\"]".length()) - 1;
        if (l < bufflen && nl < 0) return "[string \"" + source + "\"]";
        if (nl >= 0) l = nl;
        if (l > bufflen) l = bufflen;
        return "[string \"" + source.substring(0, l) + "...\"]";
    }

    /**
     * The "chunk:line" an error raised at {@code pc} of {@code p} starts with. Without line information
     * (a stripped chunk) Lua 5.4 tells two cases apart: an error of the instruction itself has "?:-1"
     * (luaG_runerror), one a called function raised (error, an argument error) has no position at all
     * (luaL_where): then null.
     */
    static String position(LuaError le, Prototype p, int pc) {
        if (p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length)
            return chunkid(p.source != null ? p.source.tojstring() : null) + ":" + p.lineinfo[pc];
        if ((le.kind == NONE || le.kind == ARG) && CallFrames.callInstruction(p, pc)) return null;
        return chunkid(p.source != null ? p.source.tojstring() : null) + ":-1";
    }

    private static final LuaString NAME = LuaString.valueOf("__name");

    /** A value's type as Lua 5.4 names it in errors: a table's or userdata's metatable's {@code __name} if it is a string. */
    public static String objtypename(LuaValue v) {
        if (v instanceof LightUserdata) return "light userdata";
        int t = v.type();
        if (t == LuaValue.TTABLE || t == LuaValue.TUSERDATA) {
            LuaValue mt = v.getmetatable();
            LuaValue name = mt != null ? mt.rawget(NAME) : LuaValue.NIL;
            if (name.type() == LuaValue.TSTRING) return name.tojstring();
        }
        return v.typename();
    }

    /** "attempt to OP a TYPE value" (luaG_typeerror without variable info). */
    public static String typeError(String op, LuaValue v) {
        return "attempt to " + op + " a " + objtypename(v) + " value";
    }

    /** luaG_ordererror. */
    public static String compareError(LuaValue a, LuaValue b) {
        String t1 = objtypename(a), t2 = objtypename(b);
        return t1.equals(t2) ? "attempt to compare two " + t1 + " values" : "attempt to compare " + t1 + " with " + t2;
    }

    /** The operand Lua 5.2 blames for an arithmetic error (luaG_aritherror). */
    public static LuaValue arithBlame(LuaValue a, LuaValue b) {
        return a.isnumber() ? b : a;
    }

    /** The operand Lua 5.2 blames for a concatenation error (luaG_concaterror). */
    public static LuaValue concatBlame(LuaValue a, LuaValue b) {
        return isStringOrNumber(a) ? b : a;
    }

    private static boolean isStringOrNumber(LuaValue v) {
        int t = v.type();
        return t == LuaValue.TSTRING || t == LuaValue.TNUMBER;
    }

    private static final LuaString[] ARITH_EVENTS = {
        LuaValue.ADD, LuaValue.SUB, LuaValue.MUL, LuaValue.DIV, LuaValue.MOD, LuaValue.POW, LuaValue.UNM,
    };

    /**
     * Rebuilds the message of a runtime error of {@code kind} raised while {@code cl} executed the
     * instruction at {@code pc}, naming the variable involved as Lua 5.2 does. Returns null when the
     * error did not come from that instruction's own operands (e.g. from inside a metamethod or a
     * called function), in which case the original message stands.
     */
    public static String describe(int kind, LuaClosure cl, int pc, LuaValue[] stack) {
        try {
            Prototype p = cl.p;
            if (pc < 0 || pc >= p.code.length) return null;
            int i = p.code[pc];
            int op = Lua.GET_OPCODE(i);
            int a = Lua.GETARG_A(i), b = Lua.GETARG_B(i), c = Lua.GETARG_C(i);
            if (kind == CALL) return callError(p, pc, op, a, b, c, stack);
            switch (op) {
                case Lua.OP_GETTABUP:
                    if (kind != INDEX) return null;
                    return indexable(cl.upValues[b].getValue()) ? null
                        : varError("index", cl.upValues[b].getValue(), "upvalue", upvalname(p, b));
                case Lua.OP_SETTABUP:
                    if (kind != INDEX) return null;
                    return indexable(cl.upValues[a].getValue()) ? null
                        : varError("index", cl.upValues[a].getValue(), "upvalue", upvalname(p, a));
                case Lua.OP_GETTABLE:
                case Lua.OP_SELF:
                    if (kind != INDEX || indexable(stack[b])) return null;
                    return regError("index", stack[b], p, pc, b);
                case Lua.OP_SETTABLE:
                    if (kind != INDEX || indexable(stack[a])) return null;
                    return regError("index", stack[a], p, pc, a);
                case Lua.OP_ADD: case Lua.OP_SUB: case Lua.OP_MUL:
                case Lua.OP_DIV: case Lua.OP_MOD: case Lua.OP_POW: case Lua.OP_IDIV: {
                    if (kind != ARITH) return null;
                    LuaValue vb = rk(p, stack, b), vc = rk(p, stack, c);
                    LuaString event = op == Lua.OP_IDIV ? LuaNumbers.event(LuaNumbers.IDIV) : ARITH_EVENTS[op - Lua.OP_ADD];
                    if ((vb.isnumber() && vc.isnumber()) || !vb.metatag(event).isnil() || !vc.metatag(event).isnil()) return null;
                    boolean blameB = !vb.isnumber();
                    int reg = blameB ? b : c;
                    LuaValue v = blameB ? vb : vc;
                    return Lua.ISK(reg) ? typeError("perform arithmetic on", v) : regError("perform arithmetic on", v, p, pc, reg);
                }
                case Lua.OP_BAND: case Lua.OP_BOR: case Lua.OP_BXOR: case Lua.OP_SHL: case Lua.OP_SHR:
                    return bitwiseError(kind, p, pc, b, c, rk(p, stack, b), rk(p, stack, c));
                case Lua.OP_BNOT:
                    return bitwiseError(kind, p, pc, b, b, stack[b], stack[b]);
                case Lua.OP_UNM:
                    if (kind != ARITH || stack[b].isnumber() || !stack[b].metatag(LuaValue.UNM).isnil()) return null;
                    return regError("perform arithmetic on", stack[b], p, pc, b);
                case Lua.OP_LEN: {
                    LuaValue v = stack[b];
                    if (kind != LEN || v.istable() || v.isstring() && v.type() == LuaValue.TSTRING || !v.metatag(LuaValue.LEN).isnil()) return null;
                    return regError("get length of", v, p, pc, b);
                }
                case Lua.OP_CONCAT: {
                    if (kind != CONCAT) return null;
                    // Lua 5.2 concatenates from the right; the first failing pair decides.
                    int top = c;
                    LuaValue acc = stack[c];
                    boolean accIsOriginal = true;
                    while (top > b) {
                        LuaValue left = stack[top - 1];
                        if (isStringOrNumber(left) && isStringOrNumber(acc)) {
                            acc = LuaValue.EMPTYSTRING; // some string
                            accIsOriginal = false;
                            top--;
                            continue;
                        }
                        if (!left.metatag(LuaValue.CONCAT).isnil() || !acc.metatag(LuaValue.CONCAT).isnil()) return null;
                        if (isStringOrNumber(left)) {
                            return accIsOriginal ? regError("concatenate", acc, p, pc, top) : typeError("concatenate", acc);
                        }
                        return regError("concatenate", left, p, pc, top - 1);
                    }
                    return null;
                }
                case Lua.OP_LT:
                case Lua.OP_LE: {
                    if (kind != COMPARE) return null;
                    LuaValue vb = rk(p, stack, b), vc = rk(p, stack, c);
                    if (vb.type() == vc.type() && (vb.type() == LuaValue.TNUMBER || vb.type() == LuaValue.TSTRING)) return null;
                    if (!vb.metatag(LuaValue.LT).isnil() || !vc.metatag(LuaValue.LT).isnil()) return null;
                    if (op == Lua.OP_LE && (!vb.metatag(LuaValue.LE).isnil() || !vc.metatag(LuaValue.LE).isnil())) return null;
                    return compareError(vb, vc);
                }
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return null; // naming is best effort; never mask the original error
        }
    }

    /** The events of the operator opcodes, for " (metamethod 'add')". */
    private static String operatorEvent(int op) {
        switch (op) {
            case Lua.OP_ADD: return "add";
            case Lua.OP_SUB: return "sub";
            case Lua.OP_MUL: return "mul";
            case Lua.OP_DIV: return "div";
            case Lua.OP_MOD: return "mod";
            case Lua.OP_POW: return "pow";
            case Lua.OP_IDIV: return "idiv";
            case Lua.OP_BAND: return "band";
            case Lua.OP_BOR: return "bor";
            case Lua.OP_BXOR: return "bxor";
            case Lua.OP_SHL: return "shl";
            case Lua.OP_SHR: return "shr";
            case Lua.OP_BNOT: return "bnot";
            case Lua.OP_UNM: return "unm";
            case Lua.OP_LEN: return "len";
            case Lua.OP_CONCAT: return "concat";
            case Lua.OP_EQ: return "eq";
            case Lua.OP_LT: return "lt";
            case Lua.OP_LE: return "le";
            default: return null;
        }
    }

    /**
     * Lua 5.4's luaG_callerror for a call the instruction made to something that cannot be called:
     * "attempt to call a number value" named after what the instruction called, the called register
     * ({@code (local 'f')}), the iterator of a generic for, or the operator's metamethod
     * ({@code (metamethod 'add')}). Null when what the instruction called can be called, so the
     * error came from inside it (a Java function's own call) and stands as it is.
     */
    private static String callError(Prototype p, int pc, int op, int a, int b, int c, LuaValue[] stack) {
        switch (op) {
            case Lua.OP_CALL:
            case Lua.OP_TAILCALL: {
                LuaValue f = uncallable(stack[a]);
                return f == null ? null : typeError("call", f) + varinfo(p, pc, a);
            }
            case Lua.OP_TFORCALL: {
                LuaValue f = uncallable(stack[a]);
                return f == null ? null : typeError("call", f) + " (for iterator 'for iterator')";
            }
            default: {
                String event = operatorEvent(op);
                if (event == null) return null;
                LuaString tag = LuaString.valueOf("__" + event);
                if (op == Lua.OP_CONCAT) {
                    for (int r = b; r <= c; r++) {
                        String e = metamethodCallError(stack[r].metatag(tag), event);
                        if (e != null) return e;
                    }
                    return null;
                }
                boolean unary = op == Lua.OP_UNM || op == Lua.OP_LEN || op == Lua.OP_BNOT;
                LuaValue x = rk(p, stack, b), y = unary ? x : rk(p, stack, c);
                LuaValue h = x.metatag(tag);
                return metamethodCallError(h.isnil() ? y.metatag(tag) : h, event);
            }
        }
    }

    private static String metamethodCallError(LuaValue h, String event) {
        if (h.isnil()) return null;
        LuaValue f = uncallable(h);
        return f == null ? null : typeError("call", f) + " (metamethod '" + event + "')";
    }

    /** What a call of v ends up calling that is not a function (following __call), or null if v can be called. */
    private static LuaValue uncallable(LuaValue v) {
        for (int hops = 0; hops < 100 && !v.isfunction(); hops++) {
            LuaValue h = v.metatag(LuaValue.CALL);
            if (h.isnil()) return v;
            v = h;
        }
        return v.isfunction() ? null : v;
    }

    private static boolean indexable(LuaValue v) {
        return v.istable() || !v.metatag(LuaValue.INDEX).isnil() || !v.metatag(LuaValue.NEWINDEX).isnil();
    }

    private static LuaValue rk(Prototype p, LuaValue[] stack, int x) {
        return Lua.ISK(x) ? p.k[Lua.INDEXK(x)] : stack[x];
    }

    /** Lua 5.4's luaG_tointerror and luaG_opinterror for a bitwise instruction with operands RK(b), RK(c). */
    private static String bitwiseError(int kind, Prototype p, int pc, int b, int c, LuaValue vb, LuaValue vc) {
        if (kind == TOINT) {
            int reg = LuaNumbers.toInteger(vb) == null ? b : c;
            return "number" + varinfo(p, pc, reg) + " has no integer representation";
        }
        if (kind != BITWISE) return null;
        int reg = vb instanceof LuaNumber ? c : b;
        return typeError("perform bitwise operation on", reg == b ? vb : vc) + varinfo(p, pc, reg);
    }

    /** Lua 5.4's varinfo: " (local 'x')", " (constant 'abc')" for a string constant, else "". */
    private static String varinfo(Prototype p, int pc, int reg) {
        if (Lua.ISK(reg)) {
            LuaValue k = p.k[Lua.INDEXK(reg)];
            return k instanceof LuaString ? " (constant '" + k.tojstring() + "')" : "";
        }
        String[] name = new String[1];
        String kind = getobjname(p, pc, reg, name);
        return kind == null ? "" : " (" + kind + " '" + name[0] + "')";
    }

    private static String varError(String op, LuaValue v, String kind, String name) {
        if (kind == null) return typeError(op, v);
        return "attempt to " + op + " a " + objtypename(v) + " value (" + kind + " '" + name + "')"; // Lua 5.4's order
    }

    private static String regError(String op, LuaValue v, Prototype p, int pc, int reg) {
        String[] name = new String[1];
        String kind = getobjname(p, pc, reg, name);
        return varError(op, v, kind, name[0]);
    }

    private static String upvalname(Prototype p, int uv) {
        if (p.upvalues == null || uv >= p.upvalues.length || p.upvalues[uv].name == null) return "?";
        return p.upvalues[uv].name.tojstring();
    }

    /** Lua 5.2.4 ldebug.c getobjname: kind ("local", "global", ...) or null; name in name[0]. */
    static String getobjname(Prototype p, int lastpc, int reg, String[] name) {
        LuaString local = p.getlocalname(reg + 1, lastpc);
        if (local != null) {
            name[0] = local.tojstring();
            return "local";
        }
        int pc = findsetreg(p, lastpc, reg);
        if (pc != -1) {
            int i = p.code[pc];
            int op = Lua.GET_OPCODE(i);
            switch (op) {
                case Lua.OP_MOVE: {
                    int b = Lua.GETARG_B(i);
                    if (b < Lua.GETARG_A(i)) return getobjname(p, pc, b, name);
                    break;
                }
                case Lua.OP_GETTABUP:
                case Lua.OP_GETTABLE: {
                    int k = Lua.GETARG_C(i);
                    int t = Lua.GETARG_B(i);
                    String vn;
                    if (op == Lua.OP_GETTABLE) {
                        LuaString ln = p.getlocalname(t + 1, pc);
                        vn = ln == null ? null : ln.tojstring();
                    } else {
                        vn = upvalname(p, t);
                    }
                    kname(p, pc, k, name);
                    return "_ENV".equals(vn) ? "global" : "field";
                }
                case Lua.OP_GETUPVAL:
                    name[0] = upvalname(p, Lua.GETARG_B(i));
                    return "upvalue";
                case Lua.OP_LOADK:
                case Lua.OP_LOADKX: {
                    int b = op == Lua.OP_LOADK ? Lua.GETARG_Bx(i) : Lua.GETARG_Ax(p.code[pc + 1]);
                    if (p.k[b].type() == LuaValue.TSTRING) {
                        name[0] = p.k[b].tojstring();
                        return "constant";
                    }
                    break;
                }
                case Lua.OP_SELF:
                    kname(p, pc, Lua.GETARG_C(i), name);
                    return "method";
                default:
                    break;
            }
        }
        return null;
    }

    private static void kname(Prototype p, int pc, int c, String[] name) {
        if (Lua.ISK(c)) {
            LuaValue k = p.k[Lua.INDEXK(c)];
            if (k.type() == LuaValue.TSTRING) {
                name[0] = k.tojstring();
                return;
            }
        } else {
            String what = getobjname(p, pc, c, name);
            if ("constant".equals(what)) return;
        }
        name[0] = "?";
    }

    private static int filterpc(int pc, int jmptarget) {
        return pc < jmptarget ? -1 : pc;
    }

    /** Lua 5.2.4 ldebug.c findsetreg. */
    static int findsetreg(Prototype p, int lastpc, int reg) {
        int setreg = -1;
        int jmptarget = 0;
        for (int pc = 0; pc < lastpc; pc++) {
            int i = p.code[pc];
            int op = Lua.GET_OPCODE(i);
            int a = Lua.GETARG_A(i);
            switch (op) {
                case Lua.OP_LOADNIL: {
                    int b = Lua.GETARG_B(i);
                    if (a <= reg && reg <= a + b) setreg = filterpc(pc, jmptarget);
                    break;
                }
                case Lua.OP_TFORCALL:
                    if (reg >= a + 2) setreg = filterpc(pc, jmptarget);
                    break;
                case Lua.OP_CALL:
                case Lua.OP_TAILCALL:
                    if (reg >= a) setreg = filterpc(pc, jmptarget);
                    break;
                case Lua.OP_JMP: {
                    int b = Lua.GETARG_sBx(i);
                    int dest = pc + 1 + b;
                    if (pc < dest && dest <= lastpc && dest > jmptarget) jmptarget = dest;
                    break;
                }
                case Lua.OP_TEST:
                    if (reg == a) setreg = filterpc(pc, jmptarget);
                    break;
                default:
                    if (Lua.testAMode(op) && reg == a) setreg = filterpc(pc, jmptarget);
                    break;
            }
        }
        return setreg;
    }
}
