#ifndef DIALER_CLUA_SHIM_H
#define DIALER_CLUA_SHIM_H
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#endif
