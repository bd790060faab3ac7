#ifndef CURIO_CSQLITE_SHIM_H
#define CURIO_CSQLITE_SHIM_H
#include <sqlite3.h>

/// sqlite3_db_config is variadic; these fixed-arity wrappers are callable from Swift.
static inline int curio_sqlite3_enable_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
static inline int curio_sqlite3_enable_fkey(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, on, (int *)0);
}
#endif
