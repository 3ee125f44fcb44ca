// string.find, match, gmatch and gsub with a matcher of our own. Lua's matcher backtracks
// without bound inside one C call, where no hook can stop it (`("a"):rep(40):find(("a?"):rep(40)
// .. ("a"):rep(40))` runs for hours). This one implements the same pattern language (manual
// §6.4.1) and the same argument rules, and pays dl_charge for every step, so a pattern costs
// instructions like Lua code does and stops at the budget or the deadline.
#define _GNU_SOURCE
#include "ShimInternal.h"
#include <ctype.h>
#include <string.h>

enum { ESC = '%', MAX_RECURSION = 200 };
// As in Lua 5.4 (lstrlib.c).
#ifndef LUA_MAXCAPTURES
#define LUA_MAXCAPTURES 32
#endif
enum { CAP_OPEN = -1, CAP_POSITION = -2 };
static const char SPECIALS[] = "^$*+?.([%-";

typedef struct Matcher {
    lua_State *L;
    dl_ctx *ctx;
    const char *subject, *subject_end, *pattern_end;
    int depth; // recursion left
    int captures;
    struct {
        const char *start;
        ptrdiff_t len; // or CAP_OPEN / CAP_POSITION
    } capture[LUA_MAXCAPTURES];
} Matcher;

static void setup(Matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    m->L = L;
    m->ctx = dl_ctx_of(L);
    m->subject = s;
    m->subject_end = s + ls;
    m->pattern_end = p + lp;
}

static void restart(Matcher *m) {
    m->captures = 0;
    m->depth = MAX_RECURSION;
}

// The end of the single-character item at p: a character, `.`, `%x` or a `[set]`.
static const char *item_end(Matcher *m, const char *p) {
    char c = *p++;
    if (c == ESC) {
        if (p >= m->pattern_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        if (*p == '^') p++;
        do { // the first ']' of a set is a plain character
            if (p >= m->pattern_end) luaL_error(m->L, "malformed pattern (missing ']')");
            c = *p++;
            if (c == ESC && p < m->pattern_end) p++;
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

static int class_matches(int c, int cl) {
    int yes;
    switch (tolower(cl)) {
    case 'a': yes = isalpha(c); break;
    case 'c': yes = iscntrl(c); break;
    case 'd': yes = isdigit(c); break;
    case 'g': yes = isgraph(c); break;
    case 'l': yes = islower(c); break;
    case 'p': yes = ispunct(c); break;
    case 's': yes = isspace(c); break;
    case 'u': yes = isupper(c); break;
    case 'w': yes = isalnum(c); break;
    case 'x': yes = isxdigit(c); break;
    default: return cl == c;
    }
    return isupper(cl) ? !yes : yes != 0;
}

// Whether c is in the set that starts at p (its '[') and closes at close (its ']').
static int set_matches(int c, const char *p, const char *close) {
    int found = 1;
    if (p[1] == '^') {
        found = 0;
        p++;
    }
    while (++p < close) {
        if (*p == ESC) {
            p++;
            if (class_matches(c, (unsigned char)*p)) return found;
        } else if (p[1] == '-' && p + 2 < close) {
            p += 2;
            if ((unsigned char)p[-2] <= c && c <= (unsigned char)*p) return found;
        } else if ((unsigned char)*p == c) {
            return found;
        }
    }
    return !found;
}

static int single_matches(Matcher *m, const char *s, const char *p, const char *ep) {
    if (s >= m->subject_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case ESC: return class_matches(c, (unsigned char)p[1]);
    case '[': return set_matches(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *match_here(Matcher *m, const char *s, const char *p);

static const char *max_expand(Matcher *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t count = 0;
    while (single_matches(m, s + count, p, ep)) {
        dl_charge(m->L, m->ctx);
        count++;
    }
    for (; count >= 0; count--) {
        const char *end = match_here(m, s + count, ep + 1);
        if (end != NULL) return end;
    }
    return NULL;
}

static const char *min_expand(Matcher *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *end = match_here(m, s, ep + 1);
        if (end != NULL) return end;
        if (!single_matches(m, s, p, ep)) return NULL;
        s++;
    }
}

static const char *open_capture(Matcher *m, const char *s, const char *p, ptrdiff_t what) {
    if (m->captures >= LUA_MAXCAPTURES) luaL_error(m->L, "too many captures");
    m->capture[m->captures].start = s;
    m->capture[m->captures].len = what;
    m->captures++;
    const char *end = match_here(m, s, p);
    if (end == NULL) m->captures--;
    return end;
}

static const char *close_capture(Matcher *m, const char *s, const char *p) {
    int open = m->captures - 1;
    while (open >= 0 && m->capture[open].len != CAP_OPEN) open--;
    if (open < 0) luaL_error(m->L, "invalid pattern capture");
    m->capture[open].len = s - m->capture[open].start;
    const char *end = match_here(m, s, p);
    if (end == NULL) m->capture[open].len = CAP_OPEN;
    return end;
}

// `%1`..`%9`: the text of an earlier, closed capture again.
static const char *match_back_reference(Matcher *m, const char *s, int digit) {
    int i = digit - '1';
    if (i < 0 || i >= m->captures || m->capture[i].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", i + 1);
    size_t len = (size_t)m->capture[i].len;
    if ((size_t)(m->subject_end - s) < len) return NULL;
    dl_charge_n(m->L, m->ctx, (lua_Integer)(len >> 6));
    return memcmp(m->capture[i].start, s, len) == 0 ? s + len : NULL;
}

// `%bxy`: a run from x to its matching y.
static const char *match_balance(Matcher *m, const char *s, const char *p) {
    if (p >= m->pattern_end - 1) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->subject_end || *s != *p) return NULL;
    int open = *p, close = p[1], level = 1;
    while (++s < m->subject_end) {
        dl_charge(m->L, m->ctx);
        if (*s == close) {
            if (--level == 0) return s + 1;
        } else if (*s == open) {
            level++;
        }
    }
    return NULL;
}

// `%f[set]`: the frontier where the previous character is not in the set and this one is.
static const char *frontier_end(Matcher *m, const char *s, const char *p) {
    if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
    const char *ep = item_end(m, p);
    int previous = s == m->subject ? '\0' : (unsigned char)s[-1];
    int current = s < m->subject_end ? (unsigned char)*s : '\0';
    return !set_matches(previous, p, ep - 1) && set_matches(current, p, ep - 1) ? ep : NULL;
}

// One item with its quantifier; returns the match's end, or sets *next to go on with.
static const char *match_item(Matcher *m, const char *s, const char *p, const char **next, const char **rest) {
    const char *ep = item_end(m, p);
    int matched = single_matches(m, s, p, ep);
    switch (*ep) {
    case '?':
        if (matched) {
            const char *end = match_here(m, s + 1, ep + 1);
            if (end != NULL) return end;
        }
        *next = s;
        *rest = ep + 1;
        return NULL;
    case '+': return matched ? max_expand(m, s + 1, p, ep) : NULL;
    case '*': return max_expand(m, s, p, ep);
    case '-': return min_expand(m, s, p, ep);
    default:
        if (matched) {
            *next = s + 1;
            *rest = ep;
        }
        return NULL;
    }
}

// Where the pattern from p matches the subject from s, or NULL.
static const char *match_here(Matcher *m, const char *s, const char *p) {
    if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
    const char *end = NULL;
    while (p != m->pattern_end) {
        dl_charge(m->L, m->ctx);
        if (*p == '(') {
            end = p[1] == ')' ? open_capture(m, s, p + 2, CAP_POSITION) : open_capture(m, s, p + 1, CAP_OPEN);
            goto done;
        }
        if (*p == ')') {
            end = close_capture(m, s, p + 1);
            goto done;
        }
        if (*p == '$' && p + 1 == m->pattern_end) {
            end = s == m->subject_end ? s : NULL;
            goto done;
        }
        if (*p == ESC && p[1] == 'b') {
            if ((s = match_balance(m, s, p + 2)) == NULL) goto done;
            p += 4;
            continue;
        }
        if (*p == ESC && p[1] == 'f') {
            if ((p = frontier_end(m, s, p + 2)) == NULL) goto done;
            continue;
        }
        if (*p == ESC && isdigit((unsigned char)p[1])) {
            if ((s = match_back_reference(m, s, p[1])) == NULL) goto done;
            p += 2;
            continue;
        }
        const char *next = NULL, *rest = NULL;
        end = match_item(m, s, p, &next, &rest);
        if (end != NULL || rest == NULL) goto done;
        s = next;
        p = rest;
    }
    end = s;
done:
    m->depth++;
    return end;
}

static void push_capture(Matcher *m, int i, const char *s, const char *e) {
    if (i >= m->captures) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s)); // no captures: the whole match
        return;
    }
    ptrdiff_t len = m->capture[i].len;
    if (len == CAP_OPEN) luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION)
        lua_pushinteger(m->L, (m->capture[i].start - m->subject) + 1);
    else
        lua_pushlstring(m->L, m->capture[i].start, (size_t)len);
}

// The captures, or the whole match when there are none and s is given.
static int push_captures(Matcher *m, const char *s, const char *e) {
    int n = (m->captures == 0 && s != NULL) ? 1 : m->captures;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_capture(m, i, s, e);
    return n;
}

// A 1-based start position as string.find takes it, made 1..len+1 (or more: past the end).
static size_t start_position(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]) != NULL) return 1;
    return 0;
}

static int find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        // memmem is linear in the subject, whatever the pattern.
        const char *hit = memmem(s + init, ls - init, p, lp);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)((hit - s) + (ptrdiff_t)lp));
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    int anchor = *p == '^';
    if (anchor) p++, lp--;
    Matcher m;
    setup(&m, L, s, ls, p, lp);
    const char *start = s + init;
    do {
        restart(&m);
        const char *end = match_here(&m, start, p);
        if (end != NULL) {
            if (!find) return push_captures(&m, start, end);
            lua_pushinteger(L, (start - s) + 1);
            lua_pushinteger(L, end - s);
            return push_captures(&m, NULL, NULL) + 2;
        }
    } while (start++ < m.subject_end && !anchor);
    luaL_pushfail(L);
    return 1;
}

static int bounded_find(lua_State *L) { return find_or_match(L, 1); }
static int bounded_match(lua_State *L) { return find_or_match(L, 0); }

typedef struct GmatchState {
    size_t next;       // where the next search starts
    ptrdiff_t last;    // end of the last match, so an empty match is not found twice (-1: none)
} GmatchState;

static int gmatch_step(lua_State *L) {
    size_t ls, lp;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    GmatchState *state = (GmatchState *)lua_touserdata(L, lua_upvalueindex(3));
    Matcher m;
    setup(&m, L, s, ls, p, lp);
    for (const char *from = s + state->next; from <= m.subject_end; from++) {
        restart(&m);
        const char *end = match_here(&m, from, p);
        if (end != NULL && end - s != state->last) {
            state->next = (size_t)(end - s);
            state->last = end - s;
            return push_captures(&m, from, end);
        }
    }
    state->next = ls + 1;
    return 0;
}

// In Lua 5.4 a '^' in gmatch is an ordinary character, as here.
static int bounded_gmatch(lua_State *L) {
    size_t ls;
    luaL_checklstring(L, 1, &ls);
    luaL_checkstring(L, 2);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);
    GmatchState *state = (GmatchState *)lua_newuserdatauv(L, sizeof(GmatchState), 0);
    state->next = init > ls ? ls + 1 : init;
    state->last = -1;
    lua_pushcclosure(L, gmatch_step, 3);
    return 1;
}

// A replacement string: `%0` the match, `%1`..`%9` captures, `%%` a percent sign.
static void add_template(Matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = m->L;
    size_t len;
    const char *text = lua_tolstring(L, 3, &len);
    const char *end = text + len, *p;
    while ((p = memchr(text, ESC, (size_t)(end - text))) != NULL) {
        dl_charge(L, m->ctx);
        luaL_addlstring(b, text, (size_t)(p - text));
        p++;
        if (*p == ESC) {
            luaL_addchar(b, ESC);
        } else if (*p == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit((unsigned char)*p)) {
            push_capture(m, *p - '1', s, e);
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        }
        text = p + 1;
    }
    luaL_addlstring(b, text, (size_t)(end - text));
}

static void add_replacement(Matcher *m, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = m->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_template(m, b, s, e);
        return;
    }
    if (!lua_toboolean(L, -1)) { // nil or false: keep the original text
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
    } else if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    } else {
        luaL_addvalue(b);
    }
}

static int bounded_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int kind = lua_type(L, 3);
    lua_Integer most = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE, 3,
        "string/function/table");
    int anchor = *p == '^';
    if (anchor) p++, lp--;
    Matcher m;
    setup(&m, L, src, ls, p, lp);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *last = NULL;
    lua_Integer n = 0;
    while (n < most) {
        restart(&m);
        const char *end = match_here(&m, src, p);
        if (end != NULL && end != last) {
            n++;
            add_replacement(&m, &b, src, end, kind);
            src = last = end;
        } else if (src < m.subject_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    luaL_addlstring(&b, src, (size_t)(m.subject_end - src));
    luaL_pushresult(&b);
    lua_pushinteger(L, n);
    return 2;
}

void dl_open_bounded_patterns(lua_State *L) {
    static const luaL_Reg functions[] = {
        {"find", bounded_find},
        {"match", bounded_match},
        {"gmatch", bounded_gmatch},
        {"gsub", bounded_gsub},
        {NULL, NULL},
    };
    lua_getglobal(L, LUA_STRLIBNAME);
    luaL_setfuncs(L, functions, 0);
    lua_pop(L, 1);
}
