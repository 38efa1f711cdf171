#ifndef SAPM_CLIBPQ_SHIM_H
#define SAPM_CLIBPQ_SHIM_H
// PostgreSQL's client library (Debian's libpq-dev puts it under postgresql/).
#include <postgresql/libpq-fe.h>

// PG_DIAG_SQLSTATE is a character constant macro Swift imports as an Int32 already,
// but through a shim its meaning is plain.
static inline int sapm_pg_diag_sqlstate(void) { return 'C'; }
static inline int sapm_pg_diag_message_primary(void) { return 'M'; }
static inline int sapm_pg_diag_message_detail(void) { return 'D'; }
#endif
