// libpq from Debian's libpq-dev (installed by script/bootstrap): the PostgreSQL server store.
#include <postgresql/libpq-fe.h>
