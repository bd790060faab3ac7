#ifndef CURIO_CLIBPQ_SHIM_H
#define CURIO_CLIBPQ_SHIM_H
// PostgreSQL's client library from Debian's libpq-dev (see ../shared/DESIGN.md, "Recipes").
#include <postgresql/libpq-fe.h>

/// The PG_DIAG_* field codes are character macros, which Swift does not import; these constants are.
enum {
    CURIO_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE,
    CURIO_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY,
    CURIO_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL,
    CURIO_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT,
    CURIO_PG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME,
};
#endif
